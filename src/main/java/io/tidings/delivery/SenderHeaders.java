package io.tidings.delivery;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The headers a row's kind gives every email of that kind, on top of its composer's:
 * {@code Auto-Submitted: auto-generated} (RFC 3834) on one-off mail, so vacation responders stay
 * quiet, and, with {@code FEEDBACK_ID_SENDER} set, a {@code Feedback-ID} in Gmail's
 * {@code a:b:c:SenderId} form naming the edition (digests and test copies) and the kind, which is how
 * Gmail's feedback loop reports complaints per edition and per kind.
 */
@Context
class SenderHeaders {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final @Nullable String feedbackSender;

    SenderHeaders(@Value("${tidings.mail.feedback-id-sender:}") String feedbackSender) {
        String sender = feedbackSender.strip();
        if (!sender.isEmpty() && !IDENTIFIER.matcher(sender).matches()) {
            throw new IllegalStateException("FEEDBACK_ID_SENDER must be 1 to 64 letters, digits, dots, hyphens or"
                    + " underscores (it ends Gmail's Feedback-ID, whose fields colons separate): " + sender);
        }
        this.feedbackSender = sender.isEmpty() ? null : sender;
    }

    /** The composer's headers with those of the row's kind added. */
    Map<String, String> of(OutgoingEmail email, Map<String, String> composed) {
        Map<String, String> headers = new LinkedHashMap<>(composed);
        if (feedbackSender != null) {
            String kind = email.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
            headers.put("Feedback-ID", (email.editionId() == null ? "" : "edition-" + email.editionId() + ":")
                    + kind + ":" + feedbackSender);
        }
        if (email.kind().oneOff()) {
            headers.put("Auto-Submitted", "auto-generated");
        }
        return headers;
    }
}
