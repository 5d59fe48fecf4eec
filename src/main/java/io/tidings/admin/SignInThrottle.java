package io.tidings.admin;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows guessing at the sign-in form: each client address may get the token wrong 10 times per
 * 15 minutes. Kept per instance: it is a brake on a weak ADMIN_TOKEN, not the defence itself.
 */
@Singleton
class SignInThrottle {

    private static final int FAILURES = 10;
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final int SWEEP_ABOVE = 10_000;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** Whether this client may try once more. */
    boolean allows(String clientAddress) {
        Bucket bucket = buckets.get(clientAddress);
        return bucket == null || bucket.getAvailableTokens() > 0;
    }

    void failed(String clientAddress) {
        if (buckets.size() > SWEEP_ABOVE) {
            buckets.values().removeIf(bucket -> bucket.getAvailableTokens() >= FAILURES);
        }
        buckets.computeIfAbsent(clientAddress, address -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(FAILURES).refillGreedy(FAILURES, WINDOW).build())
                .build()).tryConsume(1);
    }
}
