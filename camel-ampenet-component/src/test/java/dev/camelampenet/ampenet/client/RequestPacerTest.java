package dev.camelampenet.ampenet.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pacer's arithmetic, on a clock of the test's own: no sleeping, no timing. */
class RequestPacerTest {

    /** A clock the test moves. */
    private static final class Clock {
        long nanos = 1_000_000_000L;

        long now() {
            return nanos;
        }

        void advanceMillis(long millis) {
            nanos += TimeUnit.MILLISECONDS.toNanos(millis);
        }
    }

    /**
     * A client that sends as soon as the pacer lets it, with pauses now and then: the send times, over {@code minutes}.
     */
    private static List<Long> greedySends(int limit, double minutes, long seed, double pauseChance) {
        Clock clock = new Clock();
        RequestPacer pacer = new RequestPacer(limit, clock::now);
        Random random = new Random(seed);
        List<Long> sends = new ArrayList<>();
        long end = clock.nanos + (long) (minutes * 60e9);
        while (clock.nanos < end) {
            if (random.nextDouble() < pauseChance) {
                clock.advanceMillis(random.nextInt(30_000)); // quiet for a while: the bucket refills
            }
            clock.advanceMillis(pacer.reserve());
            sends.add(clock.nanos);
            if (pauseChance > 0) {
                clock.advanceMillis(random.nextInt(3)); // the caller's own work between calls
            }
        }
        return sends;
    }

    /** The most sends in any span of {@code window} (half-open, as the server's window). */
    private static int mostIn(List<Long> sends, long windowNanos) {
        int most = 0;
        int first = 0;
        for (int last = 0; last < sends.size(); last++) {
            while (sends.get(last) - sends.get(first) >= windowNanos) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
    }

    @Test
    void aBurstGoesAtOnceThenCallsAreSpacedEvenly() {
        Clock clock = new Clock();
        RequestPacer pacer = new RequestPacer(600, clock::now);

        for (int i = 0; i < RequestPacer.burstFor(600); i++) {
            assertThat(pacer.reserve()).as("call %d of the burst", i + 1).isZero();
        }
        // 600 a minute, burst 12: the rest at 589 per 60.5 s, 102.7 ms apart (rounded up to whole milliseconds)
        assertThat(pacer.reserve()).isEqualTo(103);
        assertThat(pacer.reserve()).isEqualTo(206);
        clock.advanceMillis(206);
        assertThat(pacer.reserve()).isEqualTo(103);
    }

    @Test
    void aQuietSpellRefillsTheBurst() {
        Clock clock = new Clock();
        RequestPacer pacer = new RequestPacer(1000, clock::now);
        for (int i = 0; i < 40; i++) {
            pacer.reserve();
        }
        assertThat(pacer.reserve()).isPositive();

        clock.advanceMillis(60_000);

        for (int i = 0; i < RequestPacer.burstFor(1000); i++) {
            assertThat(pacer.reserve()).isZero();
        }
        assertThat(pacer.reserve()).isPositive();
    }

    @Test
    void neverMoreThanTheLimitInAnySixtySeconds() {
        for (int limit : new int[] {1, 3, 60, 600, 1000, 6000}) {
            for (double pauses : new double[] {0, 0.01}) {
                List<Long> sends = greedySends(limit, limit <= 3 ? 10 : 4, limit, pauses);

                // the server's window is 60 s; the pacer keeps even 60.5 s within the limit, for requests that
                // reach the server a little early or late
                assertThat(mostIn(sends, RequestPacer.WINDOW_NANOS)).as("limit %d, pauses %s", limit, pauses).isLessThanOrEqualTo(limit);
                assertThat(mostIn(sends, TimeUnit.SECONDS.toNanos(60))).isLessThanOrEqualTo(limit);
            }
        }
    }

    @Test
    void aLongJobRunsAtNinetySevenPercentOfTheLimit() {
        for (int limit : new int[] {600, 1000, 60_000}) {
            List<Long> sends = greedySends(limit, 10, 1, 0);

            double perMinute = (sends.size() - 1) / ((sends.get(sends.size() - 1) - sends.get(0)) / 60e9);
            assertThat(perMinute / limit).as("limit %d", limit).isBetween(0.96, 1.0);
        }
    }

    @Test
    void theLowestRateAskedForWins() {
        Clock clock = new Clock();
        RequestPacer pacer = new RequestPacer(600, clock::now);

        pacer.limitTo(6000);
        assertThat(pacer.requestsPerMinute()).isEqualTo(600);
        pacer.limitTo(60);
        assertThat(pacer.requestsPerMinute()).isEqualTo(60);

        assertThat(pacer.reserve()).isZero();
        assertThat(pacer.reserve()).isEqualTo(1009); // 60.5 s / 60, burst 1
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThatThrownBy(() -> new RequestPacer(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RequestPacer(5).limitTo(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aThrottleHoldsEveryLaterRequestOfTheTokenOff() {
        Clock clock = new Clock();
        RequestPacer pacer = new RequestPacer(1000, clock::now);
        assertThat(pacer.reserve()).isZero();

        pacer.holdOff(2_000); // the server said "Too Many Attempts."

        // the next calls of the token (the rest of a bulk send, other endpoints) wait instead of meeting it again
        assertThat(pacer.reserve()).isGreaterThanOrEqualTo(2_000);
        assertThat(pacer.reserve()).isGreaterThanOrEqualTo(2_000);
        clock.advanceMillis(5_000);
        assertThat(pacer.reserve()).isLessThan(100);
    }
}
