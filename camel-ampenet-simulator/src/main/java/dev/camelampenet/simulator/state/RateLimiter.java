package dev.camelampenet.simulator.state;

import java.time.Clock;

/**
 * Laravel's {@code ThrottleRequests} with {@code Limit::perMinute(n)}: a fixed 60 s window that starts with the
 * first hit; once {@code n} hits are counted every further request is refused until the window expires.
 */
public final class RateLimiter {

    private static final long WINDOW_MILLIS = 60_000;

    private final Clock clock;
    private long windowStart;
    private int hits;

    public RateLimiter(Clock clock) {
        this.clock = clock;
    }

    /** Counts a hit unless the limit is reached. Returns the remaining allowance, or -1 when refused. */
    public synchronized int tryHit(int limit) {
        long now = clock.millis();
        if (hits == 0 || now - windowStart >= WINDOW_MILLIS) {
            windowStart = now;
            hits = 0;
        }
        if (hits >= limit) {
            return -1;
        }
        hits++;
        return limit - hits;
    }

    /** Seconds until the window resets (what Laravel would have put in Retry-After, which the API loses). */
    public synchronized long secondsUntilReset() {
        long left = WINDOW_MILLIS - (clock.millis() - windowStart);
        return Math.max(0, (left + 999) / 1000);
    }

    public synchronized void reset() {
        hits = 0;
    }
}
