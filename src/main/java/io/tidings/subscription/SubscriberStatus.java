package io.tidings.subscription;

/** Where a subscriber stands; only CONFIRMED subscribers get digests. */
public enum SubscriberStatus {
    PENDING, CONFIRMED, UNSUBSCRIBED, BOUNCED
}
