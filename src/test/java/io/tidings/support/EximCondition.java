package io.tidings.support;

/** Skips tests that run a real {@link Exim}, with the reason, where it cannot run; under {@code CI=true} fails them. */
public final class EximCondition extends PeerCondition {

    public EximCondition() {
        super("Exim", Exim::unavailable);
    }
}
