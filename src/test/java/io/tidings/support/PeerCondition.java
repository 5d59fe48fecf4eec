package io.tidings.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.function.Supplier;

/**
 * Skips tests that run a real peer (Postfix, Exim, Dovecot, aiosmtpd), with the reason, where it cannot run;
 * under {@code CI=true} a missing peer fails them instead.
 */
abstract class PeerCondition implements ExecutionCondition {

    private final String peer;
    private final Supplier<String> unavailable;

    /** @param unavailable why the peer cannot run here, or null where it can */
    PeerCondition(String peer, Supplier<String> unavailable) {
        this.peer = peer;
        this.unavailable = unavailable;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String reason = unavailable.get();
        if (reason == null) {
            return ConditionEvaluationResult.enabled(peer + " available");
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true needs " + peer + ", but " + reason);
        }
        return ConditionEvaluationResult.disabled(peer + " tests skipped: " + reason);
    }
}
