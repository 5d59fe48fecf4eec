package io.tidings.subscription;

/** What a consent record says happened; stored and shown by its label. */
public enum ConsentKind {
    CONFIRMED("confirmed"),
    IMPORTED("imported"),
    UNSUBSCRIBED("unsubscribed"),
    ADDRESS_CHANGED("address-changed");

    private final String label;

    ConsentKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    static ConsentKind ofLabel(String label) {
        for (ConsentKind kind : values()) {
            if (kind.label.equals(label)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("No consent kind '" + label + "'");
    }
}
