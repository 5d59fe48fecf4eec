package io.tidings.mail;

import java.io.IOException;

/**
 * A {@code 421} from the relay (RFC 5321 section 3.8): it is closing the connection, busy or going
 * down, whatever was asked. The connection is lost; {@link RelayBreaker} reads it as "not now" for the
 * whole instance rather than a failure of the message in hand.
 */
final class RelayClosing extends IOException {

    RelayClosing(String reply) {
        super(reply);
    }
}
