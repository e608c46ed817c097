package dev.camelampenet.phonebook.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import dev.camelampenet.ampenet.api.AmpenetRateLimiter;
import dev.camelampenet.ampenet.client.RequestPacer;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One rate limit for every instance on an API token: a Bucket4j token bucket kept in PostgreSQL (the
 * {@code rate_limit_bucket} table of the flow store), set on the component with {@code rateLimiter=#bean}.
 * <p>
 * The bucket has the shape of the component's own {@link RequestPacer}: a burst of {@code limit / 50} requests (at least
 * 1) may go at once, the rest are spread evenly at {@code limit - burst + 1} per 60.5 seconds, so no 60-second window of
 * the server's throttle sees more than the limit whichever instance sent them. (A token bucket of capacity b refilled
 * one token per interval T is the pacer's GCRA with tolerance (b - 1)·T.)
 * <p>
 * Choices:
 * <ul>
 * <li>{@link #reserve()} is Bucket4j's {@code consumeIgnoringRateLimits(1)}: one transaction that takes the next token
 * even when there is none yet and returns how long until it exists. That is a reservation that never blocks, as the
 * component asks: it waits on its own scheduler, not on a thread here. Bucket4j's blocking and scheduling APIs would
 * wait (or need its asynchronous proxy managers, which JDBC does not have).</li>
 * <li>The PostgreSQL proxy manager locks with {@code SELECT ... FOR UPDATE} on the bucket's row, not with advisory
 * locks: the row lock covers exactly the one bucket, ends with the transaction whatever happens to the client, and
 * shares no lock-id space with anything else on the database (Flyway takes advisory locks on the same database for
 * its migrations).</li>
 * <li>The bucket's key is the first 64 bits of SHA-256 over the token: the token is never stored, and two tokens
 * sharing a bucket would need a 64-bit collision.</li>
 * <li>Several instances configured with different limits for one token keep the lowest (as the pacer's
 * {@code limitTo}): the configuration's version is {@code Integer.MAX_VALUE - limit}, and Bucket4j replaces the stored
 * configuration only by one of a higher version.</li>
 * <li>Time is each instance's wall clock (Bucket4j's client-side clock): instances on one token need clocks kept in
 * step (NTP); a skew of a few milliseconds is small beside the interval between requests.</li>
 * <li>When PostgreSQL cannot be reached, this instance falls back to pacing itself ({@link RequestPacer} at the
 * limit) and says so once at WARN: the flows' own database writes fail anyway, and the server's throttle (whose
 * refusal sends nothing) is the backstop while instances pace alone.</li>
 * </ul>
 */
public final class PostgresRateLimiter implements AmpenetRateLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresRateLimiter.class);

    /** The server's 60-second window plus half a second for requests that arrive later or earlier: the pacer's. */
    static final Duration WINDOW = Duration.ofMillis(60_500);
    /** A booking that takes longer than this (a locked row, a slow server) fails over to local pacing. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    static final String TABLE = "rate_limit_bucket";

    private final long bucketKey;
    private final int requestsPerMinute;
    private final int burst;
    private final long intervalNanos;
    private final BucketProxy bucket;
    private final RequestPacer fallback;
    private final AtomicBoolean degraded = new AtomicBoolean();

    /**
     * @param dataSource the flow store's pool ({@link FlowDatabase#dataSource()})
     * @param apiToken the Ampenet API token whose requests are counted (only a hash of it is kept)
     * @param requestsPerMinute the account's limit (the server's default is 1000)
     */
    public PostgresRateLimiter(DataSource dataSource, String apiToken, int requestsPerMinute) {
        this(dataSource, apiToken, requestsPerMinute, TimeMeter.SYSTEM_MILLISECONDS);
    }

    /** With another clock: the tests' frozen one, so the waits they assert are computed, not measured. */
    PostgresRateLimiter(DataSource dataSource, String apiToken, int requestsPerMinute, TimeMeter clock) {
        if (dataSource == null) {
            throw new IllegalArgumentException("the shared rate limiter needs the flow store's DataSource");
        }
        if (apiToken == null || apiToken.isBlank()) {
            throw new IllegalArgumentException("the shared rate limiter needs the API token whose requests it counts");
        }
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException("rateLimit must be at least 1 request per minute, got " + requestsPerMinute);
        }
        this.bucketKey = bucketKey(apiToken);
        this.requestsPerMinute = requestsPerMinute;
        this.burst = burstFor(requestsPerMinute);
        long refillPerWindow = requestsPerMinute - burst + 1L;
        this.intervalNanos = WINDOW.toNanos() / refillPerWindow;
        this.fallback = new RequestPacer(requestsPerMinute);

        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(burst)
                        // greedy: tokens come back one by one as time passes, not all at the end of the window
                        .refillGreedy(refillPerWindow, WINDOW)
                        .build())
                .build();
        ProxyManager<Long> buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .table(TABLE)
                .idColumn("id")
                .stateColumn("state")
                .clientClock(clock)
                .requestTimeout(REQUEST_TIMEOUT)
                .build();
        this.bucket = buckets.builder()
                .withImplicitConfigurationReplacement(Integer.MAX_VALUE - (long) requestsPerMinute,
                        TokensInheritanceStrategy.AS_IS)
                .build(bucketKey, () -> configuration);
    }

    /** The pacer's burst: 2% of the limit, at least 1 (RequestPacer.burstFor, which is not public). */
    static int burstFor(int requestsPerMinute) {
        return Math.max(1, requestsPerMinute / 50);
    }

    /** The bucket's row id for a token: SHA-256's first 8 bytes, so the table never holds the token. */
    static long bucketKey(String apiToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("ampenet-rate-limit:" + apiToken).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e); // every Java SE has it
        }
    }

    /**
     * Books the next slot of the token in PostgreSQL and returns the milliseconds until it (0: now). One short
     * transaction, no waiting.
     */
    @Override
    public long reserve() {
        try {
            long nanos = bucket.consumeIgnoringRateLimits(1);
            recovered();
            return toMillis(nanos);
        } catch (RuntimeException e) {
            degrade(e);
            return fallback.reserve();
        }
    }

    /**
     * Pushes every instance's next request at least this far back: the server throttled the token, whatever the
     * bookings said (a window that started earlier, another client of the token). Takes from the bucket the tokens
     * that this span would refill, less any debt it already has, so hold-offs that overlap do not add up (as the
     * pacer's). Two instances holding off at the same moment may both take theirs: the token then waits longer, never
     * less.
     */
    @Override
    public void holdOff(long millis) {
        if (millis <= 0) {
            return;
        }
        fallback.holdOff(millis);
        try {
            long available = bucket.getAvailableTokens();
            // after taking k tokens the next booking waits (k - available + 1 - fraction) intervals: one token more
            // than the span so the fraction never makes it early
            long spanTokens = (TimeUnit.MILLISECONDS.toNanos(millis) + intervalNanos - 1) / intervalNanos;
            long take = available + spanTokens;
            if (take > 0) {
                bucket.consumeIgnoringRateLimits(take);
            }
            recovered();
        } catch (RuntimeException e) {
            degrade(e);
        }
    }

    private static long toMillis(long nanos) {
        if (nanos <= 0) {
            return 0;
        }
        if (nanos == Long.MAX_VALUE) {
            // Bucket4j's "never": not expected for a greedy refill; a window's wait keeps the caller within the limit
            return WINDOW.toMillis();
        }
        return (nanos + 999_999) / 1_000_000; // never early: a slot 0.4 ms away is 1 ms away
    }

    private void degrade(RuntimeException e) {
        if (degraded.compareAndSet(false, true)) {
            // the exception's class and message only: a driver message quotes no password (it never had one in the
            // URL), and the stack trace would repeat on every outage
            LOG.warn("The shared rate limit in PostgreSQL cannot be reached ({}: {}); this instance paces itself at {}"
                    + " requests a minute until it can", e.getClass().getSimpleName(), e.getMessage(), requestsPerMinute);
        }
    }

    private void recovered() {
        if (degraded.get() && degraded.compareAndSet(true, false)) {
            LOG.info("The shared rate limit in PostgreSQL is reachable again");
        }
    }

    public int requestsPerMinute() {
        return requestsPerMinute;
    }

    /** Requests that may go at once after a quiet spell. */
    public int burst() {
        return burst;
    }

    /** The even spacing of the requests after the burst, in nanoseconds. */
    public long intervalNanos() {
        return intervalNanos;
    }

    /** The bucket's row id in {@code rate_limit_bucket} (a hash, not the token). */
    public long bucketKey() {
        return bucketKey;
    }

    @Override
    public String toString() {
        return "PostgresRateLimiter[bucket " + bucketKey + ", " + requestsPerMinute + " requests a minute]";
    }
}
