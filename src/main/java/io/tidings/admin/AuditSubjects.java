package io.tidings.admin;

import java.util.TreeSet;

/** How the audit log names what an operator's action was about: never a secret, the same from the API and the console. */
final class AuditSubjects {

    private AuditSubjects() {
    }

    static String key(ApiKey key) {
        return "API key " + key.id() + " \"" + key.name() + "\" with " + String.join(", ", new TreeSet<>(ApiKeys.scopes(key)));
    }

    static String invitation(String email, Rights.Role role) {
        return email + " as " + Roles.label(role);
    }

    static String role(Operator operator) {
        return "operator " + operator.id() + " (" + operator.email() + ") now " + Roles.label(operator.role())
                + (operator.mayReadAddresses() ? ", may read readers' addresses" : "");
    }
}
