package io.tidings.web;

import io.github.bucket4j.TimeMeter;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

/** Makes the service's throttles, all on its clock, so tests can move time past a window. */
@Singleton
public class Throttles {

    private final TimeMeter time;

    Throttles(Clock clock) {
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    /** At most {@code capacity} per key, refilled evenly over {@code window}. */
    public Throttle of(int capacity, Duration window) {
        return new Throttle(capacity, window, time);
    }
}
