package dev.camelampenet.phonebook.store;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.TimeMeter;

/**
 * A wall clock that stands still until a test moves it: every instance's limiter reads the same time, so the waits
 * they compute are exact and no test depends on how fast the machine runs.
 */
final class ManualClock implements TimeMeter {

    private final AtomicLong nanos = new AtomicLong(TimeUnit.MILLISECONDS.toNanos(1_700_000_000_000L));

    @Override
    public long currentTimeNanos() {
        return nanos.get();
    }

    @Override
    public boolean isWallClockBased() {
        return true; // it stands for the instances' (synchronised) wall clocks
    }

    void advanceMillis(long millis) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }
}
