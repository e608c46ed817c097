package dev.camelampenet.ampenet.client;

import java.util.concurrent.TimeUnit;

/**
 * Client-side pacing under the account's rate limit: requests are spaced evenly at the configured rate, so a burst
 * never trips the server's per-minute limit ("Too Many Attempts.") and a long job runs at the limit. One pacer per
 * API token is shared by every endpoint of that token in a CamelContext.
 */
public final class RequestPacer {

    private long intervalNanos;
    private long nextFreeNanos = System.nanoTime();

    public RequestPacer(int requestsPerMinute) {
        setRate(requestsPerMinute);
    }

    /** Keeps the lowest rate asked for, so no endpoint of the token can push it over its limit. */
    public synchronized void limitTo(int requestsPerMinute) {
        long interval = intervalFor(requestsPerMinute);
        if (interval > intervalNanos) {
            intervalNanos = interval;
        }
    }

    private void setRate(int requestsPerMinute) {
        intervalNanos = intervalFor(requestsPerMinute);
    }

    private static long intervalFor(int requestsPerMinute) {
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException("rateLimit must be at least 1 request per minute");
        }
        return TimeUnit.MINUTES.toNanos(1) / requestsPerMinute;
    }

    /** Reserves the next slot and returns how long to wait for it, in milliseconds (0 when it is free now). */
    public synchronized long reserve() {
        long now = System.nanoTime();
        long slot = Math.max(now, nextFreeNanos);
        nextFreeNanos = slot + intervalNanos;
        return TimeUnit.NANOSECONDS.toMillis(slot - now);
    }

    public synchronized int requestsPerMinute() {
        return (int) (TimeUnit.MINUTES.toNanos(1) / intervalNanos);
    }
}
