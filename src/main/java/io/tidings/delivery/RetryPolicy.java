package io.tidings.delivery;

import io.tidings.mail.SendFailure;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a message that did not go is tried again: exponential backoff with jitter, the n-th retry
 * waiting {@code base * 3^(n-1)}, capped at {@code maxRetry}.
 *
 * <ul>
 *   <li>A lost connection, a timeout, a template that did not render: the base is {@code firstRetry}
 *       and the second half of the wait is random, so rows that failed together (a relay outage) do
 *       not all come back at the same instant. With the defaults (2 min, 12 h, 8 attempts) the last
 *       attempt falls about a day after the first.</li>
 *   <li>A 4xx answer to the message (greylisting's {@code 450 4.2.0}, {@code 451 4.7.1}, a full
 *       mailbox): the relay's pace. The wait is at least {@code greylistRetry}, or what the reply asks
 *       ("try again in 300 seconds"), with up to a quarter more at random: a greylister refuses
 *       whatever comes back before its delay, so an earlier random retry would only be refused again.</li>
 * </ul>
 */
@Singleton
class RetryPolicy {

    /** "try again in 5 minutes", "retry after 300 s", "greylisted for 60 seconds". */
    private static final Pattern ASKED_WAIT = Pattern.compile(
            "\\b(?:in|after|for)\\s+(\\d{1,6})\\s*(s|secs?|seconds?|m|mins?|minutes?)\\b");
    private final DeliveryConfig config;

    RetryPolicy(DeliveryConfig config) {
        this.config = config;
    }

    boolean exhausted(int attempts) {
        return attempts >= config.maxAttempts();
    }

    /** When to try again, after the {@code attempts}-th attempt failed as {@code failure} says. */
    Instant nextAttempt(Instant now, int attempts, SendFailure failure) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (failure.diagnosis() == null) {
            long ceiling = backoff(config.firstRetry(), attempts);
            long floor = ceiling / 2;
            return now.plusMillis(floor + random.nextLong(ceiling - floor + 1));
        }
        long floor = Math.min(Math.max(backoff(config.greylistRetry(), attempts), asked(failure.getMessage())),
                config.maxRetry().toMillis());
        return now.plusMillis(floor + random.nextLong(floor / 4 + 1));
    }

    private long backoff(Duration base, int attempts) {
        long wait = base.toMillis();
        for (int i = 1; i < attempts && wait < config.maxRetry().toMillis(); i++) {
            wait *= 3;
        }
        return Math.min(wait, config.maxRetry().toMillis());
    }

    /** The wait a reply asks for in words, in milliseconds; 0 where it names none. */
    static long asked(String reply) {
        Matcher matcher = ASKED_WAIT.matcher(reply.toLowerCase(Locale.ROOT));
        if (!matcher.find()) {
            return 0;
        }
        long amount = Long.parseLong(matcher.group(1));
        return matcher.group(2).startsWith("m") ? Duration.ofMinutes(amount).toMillis() : Duration.ofSeconds(amount).toMillis();
    }
}
