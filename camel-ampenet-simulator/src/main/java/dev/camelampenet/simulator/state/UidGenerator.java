package dev.camelampenet.simulator.state;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * PHP {@code uniqid()}: 8 hex digits of seconds and 5 of microseconds, 13 lowercase hex characters, time-based.
 * Unlike PHP under load, it never hands out the same value twice: a value is at least the previous one plus one.
 */
public final class UidGenerator {

    private final Clock clock;
    private final AtomicLong last = new AtomicLong();

    public UidGenerator(Clock clock) {
        this.clock = clock;
    }

    public String next() {
        Instant now = clock.instant();
        long candidate = (now.getEpochSecond() << 20) | (now.getNano() / 1000);
        long value = last.accumulateAndGet(candidate, (previous, fresh) -> Math.max(previous + 1, fresh));
        return String.format("%08x%05x", value >>> 20, value & 0xFFFFF);
    }
}
