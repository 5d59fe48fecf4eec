package io.tidings.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Skips tests that run {@link Dovecot}, with the reason, where it cannot run; under {@code CI=true} fails them. */
public final class DovecotCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String reason = Dovecot.unavailable();
        if (reason == null) {
            return ConditionEvaluationResult.enabled("Dovecot available");
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true needs Dovecot, but " + reason);
        }
        return ConditionEvaluationResult.disabled("Dovecot tests skipped: " + reason);
    }
}
