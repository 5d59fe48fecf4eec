package io.tidings.support;

/**
 * Skips tests that run a real Postfix, with the reason, where it cannot run; under {@code CI=true}
 * a missing Postfix fails them instead, as {@link BrowserCondition} does for the browser.
 */
public final class PostfixCondition extends PeerCondition {

    public PostfixCondition() {
        super("Postfix", Postfix::unavailable);
    }
}
