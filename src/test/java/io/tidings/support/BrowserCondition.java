package io.tidings.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips browser tests, with the reason, where no Chromium is installed, except under
 * {@code CI=true}, where a missing browser fails the build instead (as {@link DatabaseCondition}).
 */
public final class BrowserCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String reason = Browser.unavailable();
        if (reason == null) {
            return ConditionEvaluationResult.enabled("Chromium at " + Browser.chromium());
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true needs a browser, but " + reason);
        }
        return ConditionEvaluationResult.disabled("Browser tests skipped: " + reason);
    }
}
