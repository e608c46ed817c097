package dev.camelampenet.ampenet.client;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import dev.camelampenet.ampenet.api.AmpenetRateLimiter;

/**
 * Client-side pacing under the account's rate limit, so a burst never trips the server's per-minute limit ("Too Many
 * Attempts.") and a long job runs at the limit. One pacer per API token is shared by every endpoint of that token in a
 * CamelContext.
 * <p>
 * The server counts requests in a fixed 60-second window (Laravel's throttle), whose start the client does not know.
 * The pacer therefore keeps every span of {@link #WINDOW_NANOS} (the minute plus a margin for the network) at or below
 * the limit, with a token bucket (GCRA): a small burst of {@code limit / 50} requests (at least 1) goes at once, the
 * rest evenly at {@code limit - burst + 1} per {@link #WINDOW_NANOS}, about 97% of the limit. The burst lets the
 * sequential calls of one bulk send follow each other at the API's own pace instead of the pacer's; without it, a
 * limit of 1000 a minute would space them 60 ms apart even when each call takes only 50 ms.
 */
public final class RequestPacer implements AmpenetRateLimiter {

    /** The server's window, plus half a second for requests that reach it later or earlier than they left. */
    static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(60_500);

    private final LongSupplier clock;
    private int requestsPerMinute;
    private long intervalNanos;
    private long toleranceNanos;
    /** GCRA's theoretical arrival time: when the bucket would be full again. */
    private long theoreticalNanos;

    public RequestPacer(int requestsPerMinute) {
        this(requestsPerMinute, System::nanoTime);
    }

    RequestPacer(int requestsPerMinute, LongSupplier clock) {
        this.clock = clock;
        this.theoreticalNanos = clock.getAsLong();
        setRate(requestsPerMinute);
    }

    /** Keeps the lowest rate asked for, so no endpoint of the token can push it over its limit. */
    public synchronized void limitTo(int requestsPerMinute) {
        check(requestsPerMinute);
        if (requestsPerMinute < this.requestsPerMinute) {
            setRate(requestsPerMinute);
        }
    }

    private void setRate(int limit) {
        check(limit);
        int burst = burstFor(limit);
        requestsPerMinute = limit;
        // at most burst - 1 + ceil(window / interval) requests in any window: exactly the limit
        intervalNanos = WINDOW_NANOS / (limit - burst + 1);
        toleranceNanos = (burst - 1) * intervalNanos;
    }

    private static void check(int requestsPerMinute) {
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException("rateLimit must be at least 1 request per minute");
        }
    }

    /** How many requests may go at once after a quiet spell: 2% of the limit, at least 1. */
    static int burstFor(int requestsPerMinute) {
        return Math.max(1, requestsPerMinute / 50);
    }

    /** Reserves the next slot and returns how long to wait for it, in milliseconds (0 when it is free now). */
    @Override
    public synchronized long reserve() {
        long now = clock.getAsLong();
        long theoretical = Math.max(theoreticalNanos, now);
        long slot = Math.max(now, theoretical - toleranceNanos);
        theoreticalNanos = theoretical + intervalNanos;
        return TimeUnit.NANOSECONDS.toMillis(slot - now + 999_999); // never early: a slot 0.4 ms away is 1 ms away
    }

    /** How long a call made now would wait for its slot, in milliseconds, without booking it (for JMX and the console). */
    public synchronized long waitMillis() {
        long now = clock.getAsLong();
        long slot = Math.max(now, Math.max(theoreticalNanos, now) - toleranceNanos);
        return TimeUnit.NANOSECONDS.toMillis(slot - now + 999_999);
    }

    /**
     * The server answered "Too Many Attempts.": its window is full whatever this pacer counted (another process on the
     * same token, or a window that started earlier). Every request of the token waits at least this long, so a bulk
     * send's next calls wait here instead of meeting the throttle again.
     */
    @Override
    public synchronized void holdOff(long millis) {
        long until = clock.getAsLong() + TimeUnit.MILLISECONDS.toNanos(millis) + toleranceNanos;
        theoreticalNanos = Math.max(theoreticalNanos, until);
    }

    public synchronized int requestsPerMinute() {
        return requestsPerMinute;
    }
}
