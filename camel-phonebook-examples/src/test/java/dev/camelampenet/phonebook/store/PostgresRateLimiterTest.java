package dev.camelampenet.phonebook.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three instances' limiters, each on its own pool (as three JVMs would have), share one budget per API token. The
 * clock stands still, so every wait asserted is the one the bucket computed, not a measured time.
 */
class PostgresRateLimiterTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    /** 600 a minute: a burst of 12, then one every 60.5 s / 589 = 102.7 ms. */
    private static final int LIMIT = 600;
    private static final String TOKEN = "42|token-of-the-account";

    private final ManualClock clock = new ManualClock();
    private final List<FlowDatabase> instances = new ArrayList<>();

    @BeforeEach
    void threeInstances() throws SQLException {
        StoreSettings settings = POSTGRES.newDatabase("limits");
        for (int i = 0; i < 3; i++) {
            instances.add(FlowDatabase.open(settings, 2, java.time.Duration.ofSeconds(10)));
        }
    }

    @AfterEach
    void close() {
        instances.forEach(FlowDatabase::close);
    }

    private PostgresRateLimiter limiter(int instance, String token, int limit) {
        return new PostgresRateLimiter(instances.get(instance).dataSource(), token, limit, clock);
    }

    @Test
    void threeInstancesOnOneTokenShareOneBudget() {
        List<PostgresRateLimiter> limiters = List.of(limiter(0, TOKEN, LIMIT), limiter(1, TOKEN, LIMIT),
                limiter(2, TOKEN, LIMIT));
        int burst = limiters.get(0).burst();
        double intervalMillis = 60_500.0 / (LIMIT - burst + 1);
        assertThat(burst).isEqualTo(12);

        int k = 2 * LIMIT;
        long[] waits = new long[k];
        for (int i = 0; i < k; i++) {
            waits[i] = limiters.get(i % 3).reserve(); // round-robin: each instance books every third slot
        }
        for (int i = 0; i < k; i++) {
            // slot i: free within the burst, then one interval after the one before, whichever instance booked it
            double expected = Math.max(0, i + 1 - burst) * intervalMillis;
            assertThat((double) waits[i]).as("wait of slot %d", i).isBetween(expected - 1, expected + 2);
        }
        // the server's view: in no 60-second window (its throttle) do the slots of all three exceed the limit
        assertThat(maxInAnyWindow(waits, 60_000)).isLessThanOrEqualTo(LIMIT);
        assertThat(maxInAnyWindow(waits, 60_500)).isLessThanOrEqualTo(LIMIT);
        // and the budget is used: the slots of a minute are close to the limit, not far under it
        assertThat(maxInAnyWindow(waits, 60_000)).isGreaterThan(LIMIT * 95 / 100);
    }

    @Test
    void aSecondTokenHasItsOwnBudget() {
        PostgresRateLimiter first = limiter(0, TOKEN, LIMIT);
        PostgresRateLimiter second = limiter(1, "43|another-account", LIMIT);
        for (int i = 0; i < 100; i++) {
            first.reserve();
        }
        assertThat(first.reserve()).isGreaterThan(8_000); // the first token's budget is booked ahead
        for (int i = 0; i < second.burst(); i++) {
            assertThat(second.reserve()).as("burst slot %d of the second token", i).isZero();
        }
        assertThat(second.reserve()).isBetween(102L, 104L); // then its own interval, not the first token's queue
        assertThat(second.bucketKey()).isNotEqualTo(first.bucketKey());
    }

    @Test
    void timePassingGivesTheBudgetBack() {
        PostgresRateLimiter a = limiter(0, TOKEN, LIMIT);
        PostgresRateLimiter b = limiter(1, TOKEN, LIMIT);
        for (int i = 0; i < 12; i++) {
            assertThat(a.reserve()).isZero();
        }
        assertThat(b.reserve()).isBetween(102L, 104L);
        clock.advanceMillis(60_500); // a whole window: the burst is back (and no more than the burst)
        for (int i = 0; i < 12; i++) {
            assertThat(b.reserve()).as("slot %d after a quiet window", i).isZero();
        }
        assertThat(a.reserve()).isBetween(102L, 104L);
    }

    @Test
    void aHoldOffByOneInstanceMakesTheOthersWait() {
        PostgresRateLimiter a = limiter(0, TOKEN, LIMIT);
        PostgresRateLimiter b = limiter(1, TOKEN, LIMIT);
        PostgresRateLimiter c = limiter(2, TOKEN, LIMIT);
        assertThat(a.reserve()).isZero();

        a.holdOff(5_000); // the server said "Too Many Attempts." to instance a
        long waitB = b.reserve();
        long waitC = c.reserve();
        assertThat(waitB).isBetween(5_000L, 5_000L + 2 * 103);
        assertThat(waitC).isBetween(waitB + 102, waitB + 104);

        // a hold-off inside the queue already booked adds nothing: hold-offs that overlap do not add up
        b.holdOff(1_000);
        assertThat(a.reserve()).isBetween(waitC + 102, waitC + 104);

        // after the span, the token goes at its pace again
        clock.advanceMillis(waitC + 10_000);
        assertThat(c.reserve()).isZero();
    }

    @Test
    void theLowestLimitOfTheInstancesWins() {
        PostgresRateLimiter fast = limiter(0, TOKEN, LIMIT);
        PostgresRateLimiter slow = limiter(1, TOKEN, 60); // burst 1, one a second (60.5 s / 60)
        assertThat(fast.reserve()).isZero();
        long waitSlow = slow.reserve();
        assertThat(fast.reserve() - waitSlow).as("the fast instance follows the slow one's pace").isBetween(1_000L, 1_010L);
    }

    @Test
    void theTableHoldsAHashOfTheTokenNeverTheToken() throws SQLException {
        limiter(0, TOKEN, LIMIT).reserve();
        try (Connection conn = instances.get(0).connection(); Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, state FROM rate_limit_bucket")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong("id")).isEqualTo(PostgresRateLimiter.bucketKey(TOKEN));
            assertThat(new String(rs.getBytes("state"), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .doesNotContain("token-of-the-account");
            assertThat(rs.next()).isFalse();
        }
        assertThat(limiter(0, TOKEN, LIMIT).toString()).doesNotContain("token-of-the-account");
    }

    @Test
    void withoutTheDatabaseAnInstancePacesItself() {
        PostgresRateLimiter limiter = limiter(0, TOKEN, LIMIT);
        instances.get(0).close();
        try (CapturedLog log = new CapturedLog()) {
            for (int i = 0; i < 12; i++) {
                assertThat(limiter.reserve()).isZero(); // the local pacer's burst
            }
            assertThat(limiter.reserve()).isPositive();
            assertThat(log.lines()).filteredOn(l -> l.startsWith("WARN") && l.contains("paces itself")).hasSize(1);
        }
    }

    /** The most slots (by their waits, the clock standing still) that fall in one window of this many ms. */
    private static int maxInAnyWindow(long[] waits, long windowMillis) {
        long[] sorted = waits.clone();
        java.util.Arrays.sort(sorted);
        int max = 0;
        int start = 0;
        for (int end = 0; end < sorted.length; end++) {
            while (sorted[end] - sorted[start] >= windowMillis) {
                start++;
            }
            max = Math.max(max, end - start + 1);
        }
        return max;
    }
}
