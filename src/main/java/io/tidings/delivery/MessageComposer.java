package io.tidings.delivery;

import io.tidings.mail.Body;

import java.util.List;
import java.util.Map;

/** Renders one kind of email for a queued row; the feature that queues a kind composes it. */
public interface MessageComposer {

    MessageKind kind();

    Composed compose(OutgoingEmail queued);

    /**
     * Called on the worker's thread with the rows of its kind in a claim, before any is composed:
     * a composer may read what they need in one go rather than once per message.
     */
    default void prepare(List<OutgoingEmail> claimed) {
    }

    /** Subject, both bodies and any extra headers of one message. */
    record Composed(String subject, Body text, Body html, Map<String, String> headers) {
    }
}
