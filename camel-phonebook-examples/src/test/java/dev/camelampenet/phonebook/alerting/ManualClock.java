package dev.camelampenet.phonebook.alerting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that moves only when the test says so: the simulator's rate limiter counts a fixed minute on it, so a test
 * decides exactly when the minute is over instead of waiting for it.
 */
final class ManualClock extends Clock {

    private final Instant[] now;
    private final ZoneId zone;

    ManualClock(Instant start) {
        this(new Instant[] {start}, ZoneOffset.UTC);
    }

    private ManualClock(Instant[] now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    void advance(Duration by) {
        synchronized (now) {
            now[0] = now[0].plus(by);
        }
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same moving instant in another zone. */
    @Override
    public Clock withZone(ZoneId other) {
        return new ManualClock(now, other);
    }

    @Override
    public Instant instant() {
        synchronized (now) {
            return now[0];
        }
    }
}
