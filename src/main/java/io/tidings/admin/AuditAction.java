package io.tidings.admin;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an operator did, as the audit log names it; {@link #label} is what is stored and filtered on. */
public enum AuditAction {
    SIGN_IN("Signed in"),
    SIGN_IN_FAILED("Sign-in failed"),
    SIGN_OUT("Signed out"),
    EDITION_SENT("Edition sent"),
    EDITION_PAUSED("Edition paused"),
    EDITION_RESUMED("Edition resumed"),
    EDITION_CANCELLED("Edition cancelled"),
    EDITION_TEST_SENT("Test copy sent"),
    READER_ERASED("Reader erased"),
    IMPORT_STARTED("Import started"),
    IMPORT_FINISHED("Import finished"),
    BOUNCES_RESTORED("Bounces restored"),
    API_KEY_CREATED("API key created"),
    API_KEY_REVOKED("API key revoked"),
    OPERATOR_INVITED("Operator invited"),
    OPERATOR_REMOVED("Operator removed"),
    OPERATOR_ROLE_CHANGED("Operator's role changed");

    private final String description;

    AuditAction(String description) {
        this.description = description;
    }

    /** {@code edition-sent} for {@code EDITION_SENT}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String description() {
        return description;
    }

    static Optional<AuditAction> ofLabel(String label) {
        String wanted = label.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(action -> action.label().equals(wanted)).findFirst();
    }
}
