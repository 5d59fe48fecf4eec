package io.tidings.subscription;

/** Where a request came from, kept with the consent record. */
public enum Source {
    /** The subscribe form on the site. */
    FORM,
    /** {@code POST /api/subscriptions}. */
    API,
    /** A reader's button press on a page opened from an email. */
    LINK,
    /** A mail client's RFC 8058 one-click unsubscribe. */
    ONE_CLICK,
    /** An operator's CSV import of consent given elsewhere. */
    IMPORT,
    /** The reader reported a newsletter as spam: a feedback loop's report or a provider's event. */
    COMPLAINT,
    /** An operator's action on the dashboard or the admin API. */
    OPERATOR
}
