package io.tidings.mail;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The relay's "not now", for the whole instance: a {@code 421} (at the greeting or in a transaction), or
 * a run of 4xx answers before any message, opens a Resilience4j circuit breaker, and new connections
 * wait out {@link RelayBackOffConfig#duration()}. Then one connection tries (half-open); its greeting
 * closes the breaker or opens it again. Connections already open are left alone: a relay at its
 * connection limit serves those. Only the relay's answers count: a relay that is down (refused
 * connection, timeout) is the retry policy's business, as before.
 *
 * <p>Resilience4j rather than Micronaut's {@code @CircuitBreaker}: the workers must know for how long
 * the relay is backed off, to hand back their claims due after it rather than spend an attempt on
 * each message; Micronaut's advice only retries or rethrows around one method and tells nothing of its state.
 * The breaker runs on the system clock: it measures the relay's time, not the service's.
 */
final class RelayBreaker {

    private static final Logger LOG = LoggerFactory.getLogger(RelayBreaker.class);
    /** While one connection tries the relay again, the others look again after this long. */
    private static final Duration PROBING = Duration.ofSeconds(1);
    private static final int CLOSING = 421;

    private final CircuitBreaker breaker;
    private final Duration wait;
    private final Clock clock;
    private volatile Instant openUntil = Instant.MIN;
    private volatile String lastRefusal = "";

    RelayBreaker(RelayBackOffConfig config, Clock clock) {
        this.wait = config.duration();
        this.clock = clock;
        int run = Math.max(1, config.after());
        breaker = CircuitBreaker.of("relay", CircuitBreakerConfig.custom()
                .slidingWindow(run, run, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(100)
                .waitDurationInOpenState(wait)
                .permittedNumberOfCallsInHalfOpenState(1)
                // A probe that never reports back (a bug, a thread interrupted) must not keep the relay shut.
                .maxWaitDurationInHalfOpenState(wait)
                .build());
        breaker.getEventPublisher().onStateTransition(event -> {
            switch (event.getStateTransition().getToState()) {
                case OPEN -> openUntil = clock.instant().plus(wait);
                case CLOSED -> LOG.info("The relay accepts connections again");
                default -> {
                }
            }
        });
    }

    /** True from a "not now" until a connection has been let through again. */
    boolean backingOff() {
        return breaker.getState() != CircuitBreaker.State.CLOSED;
    }

    /** How long new connections must still wait; zero when one may try now. */
    private Duration backOff() {
        return switch (breaker.getState()) {
            case OPEN -> {
                Duration left = Duration.between(clock.instant(), openUntil);
                yield left.isNegative() || left.isZero() ? Duration.ZERO : left;
            }
            case HALF_OPEN -> PROBING;
            default -> Duration.ZERO;
        };
    }

    /** Opens a session through the breaker: refused while it is open, and told how the relay answered. */
    SmtpSession open(Opener opener) throws java.io.IOException, SendFailure {
        if (!breaker.tryAcquirePermission()) {
            Duration left = backOff();
            throw SendFailure.relayBusy(-1, "the relay is backed off for " + seconds(left) + " more: " + lastRefusal,
                    left.isZero() ? PROBING : left);
        }
        long start = System.nanoTime();
        boolean reported = false;
        try {
            SmtpSession session = opener.open();
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            reported = true;
            return session;
        } catch (RelayClosing busy) {
            lastRefusal = busy.getMessage();
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, busy);
            reported = true;
            openNow();
            throw SendFailure.relayBusy(CLOSING, busy.getMessage(), remaining());
        } catch (SendFailure failure) {
            if (failure.replyCode() >= 400 && failure.replyCode() < 500) {
                lastRefusal = failure.getMessage();
                breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, failure);
                reported = true;
                logRefusal();
                throw SendFailure.relayBusy(failure.replyCode(), failure.getMessage(), remaining());
            }
            throw failure;
        } finally {
            if (!reported) {
                breaker.releasePermission();
            }
        }
    }

    /** A 421 in the middle of a session: the relay is closing the channel; a failure that waits, uncharged. */
    SendFailure closing(RelayClosing busy) {
        lastRefusal = busy.getMessage();
        openNow();
        return SendFailure.relayBusy(CLOSING, busy.getMessage(), remaining());
    }

    private void openNow() {
        if (breaker.getState() != CircuitBreaker.State.OPEN) {
            breaker.transitionToOpenState();
        }
        logRefusal();
    }

    private void logRefusal() {
        LOG.warn("The relay said it is busy ({}): no new connections for {}", lastRefusal, wait);
    }

    /** The breaker's wait where it is open; otherwise as long again, before the message is tried again. */
    private Duration remaining() {
        Duration left = backOff();
        return left.isZero() ? wait : left;
    }

    private static String seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000) + " s";
    }

    /** Connects, greets and logs in. */
    @FunctionalInterface
    interface Opener {
        SmtpSession open() throws java.io.IOException, SendFailure;
    }
}
