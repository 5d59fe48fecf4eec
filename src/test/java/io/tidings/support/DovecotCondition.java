package io.tidings.support;

/** Skips tests that run {@link Dovecot}, with the reason, where it cannot run; under {@code CI=true} fails them. */
public final class DovecotCondition extends PeerCondition {

    public DovecotCondition() {
        super("Dovecot", Dovecot::unavailable);
    }
}
