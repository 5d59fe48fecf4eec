package io.tidings.support;

/** Skips tests that run {@link Aiosmtpd}, with the reason, where it cannot run; under {@code CI=true} fails them. */
public final class AiosmtpdCondition extends PeerCondition {

    public AiosmtpdCondition() {
        super("aiosmtpd", Aiosmtpd::unavailable);
    }
}
