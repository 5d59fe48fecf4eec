package io.tidings.subscription;

/** What a consent record says happened; stored and shown by its label. */
public enum ConsentKind {
    CONFIRMED("confirmed"),
    IMPORTED("imported"),
    UNSUBSCRIBED("unsubscribed"),
    ADDRESS_CHANGED("address-changed"),
    /** An operator undid the bounces that had stopped the reader's mail; evidence says which. */
    RESTORED("restored");

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
