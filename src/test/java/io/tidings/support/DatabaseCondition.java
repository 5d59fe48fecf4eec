package io.tidings.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips PostgreSQL runs, with the reason, where no server is named or reachable and no Docker engine
 * answers for a container, except under {@code CI=true}, where a missing PostgreSQL fails the build instead.
 */
public final class DatabaseCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!TestDatabase.postgres()) {
            return ConditionEvaluationResult.enabled("H2");
        }
        String reason = TestDatabase.postgresUnavailable();
        if (reason == null) {
            return ConditionEvaluationResult.enabled("PostgreSQL");
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true needs PostgreSQL, but " + reason);
        }
        return ConditionEvaluationResult.disabled("PostgreSQL tests skipped: " + reason);
    }
}
