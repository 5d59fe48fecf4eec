package io.tidings.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips tests that run a real Postfix, with the reason, where it cannot run; under {@code CI=true}
 * a missing Postfix fails them instead, as {@link BrowserCondition} does for the browser.
 */
public final class PostfixCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String reason = Postfix.unavailable();
        if (reason == null) {
            return ConditionEvaluationResult.enabled("Postfix available");
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true needs Postfix, but " + reason);
        }
        return ConditionEvaluationResult.disabled("Postfix tests skipped: " + reason);
    }
}
