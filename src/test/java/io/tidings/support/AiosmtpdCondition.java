package io.tidings.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Skips tests that run {@link Aiosmtpd}, with the reason, where it cannot run; under {@code CI=true} fails them. */
public final class AiosmtpdCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String reason = Aiosmtpd.unavailable();
        if (reason == null) {
            return ConditionEvaluationResult.enabled("aiosmtpd available");
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true needs aiosmtpd, but " + reason);
        }
        return ConditionEvaluationResult.disabled("aiosmtpd tests skipped: " + reason);
    }
}
