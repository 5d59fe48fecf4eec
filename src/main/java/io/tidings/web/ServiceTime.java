package io.tidings.web;

import io.github.bucket4j.TimeMeter;

import java.time.Clock;

/** Bucket4j's time, read from the service's clock, so that tests can move time past a window. */
record ServiceTime(Clock clock) implements TimeMeter {

    @Override
    public long currentTimeNanos() {
        return clock.millis() * 1_000_000;
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
