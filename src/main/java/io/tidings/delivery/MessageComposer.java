package io.tidings.delivery;

import java.util.Map;

/** Renders one kind of email for a queued row; the feature that queues a kind composes it. */
public interface MessageComposer {

    MessageKind kind();

    Composed compose(OutgoingEmail queued);

    /** Subject, both bodies and any extra headers of one message. */
    record Composed(String subject, String text, String html, Map<String, String> headers) {
    }
}
