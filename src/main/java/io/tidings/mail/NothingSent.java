package io.tidings.mail;

import java.io.IOException;

/**
 * The connection failed before the relay took any of the message: before its reply to MAIL FROM. On
 * a kept-open connection that is a relay that dropped it meanwhile, and the message may go once more
 * on a fresh one without being sent twice.
 */
final class NothingSent extends IOException {

    NothingSent(IOException cause) {
        super(cause.getMessage(), cause);
    }
}
