package dev.camelampenet.simulator.state;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** PHP uniqid(): 13 lowercase hex characters, time-based (docs/ampenet-api.md §10, Q18). */
class UidGeneratorTest {

    private static final Instant AT = Instant.parse("2024-03-20T07:00:00.123456Z");

    @Test
    void isEightHexDigitsOfSecondsAndFiveOfMicroseconds() {
        UidGenerator uids = new UidGenerator(Clock.fixed(AT, ZoneOffset.UTC));

        String uid = uids.next();

        assertThat(uid).hasSize(13).matches("[0-9a-f]{13}");
        assertThat(uid).isEqualTo(String.format("%08x%05x", AT.getEpochSecond(), 123456));
        assertThat(uid).isEqualTo("65fa89701e240");
    }

    @Test
    void aFixedClockStillGivesStrictlyIncreasingUids() {
        UidGenerator uids = new UidGenerator(Clock.fixed(AT, ZoneOffset.UTC));
        String previous = uids.next();
        for (int i = 0; i < 1000; i++) {
            String next = uids.next();
            assertThat(next).matches("[0-9a-f]{13}").isGreaterThan(previous);
            previous = next;
        }
    }

    @Test
    void aClockGoingBackDoesNotGoBackInUids() {
        Instant[] now = {AT};
        Clock clock = new Clock() {
            @Override
            public Instant instant() {
                return now[0];
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        UidGenerator uids = new UidGenerator(clock);
        String before = uids.next();
        now[0] = AT.minusSeconds(3600);

        assertThat(uids.next()).isGreaterThan(before);
    }

    @Test
    void uniqueAndIncreasingAcrossHundredThousandCallsFromFourThreads() throws Exception {
        UidGenerator uids = new UidGenerator(Clock.fixed(AT, ZoneOffset.UTC));
        int threads = 4;
        int perThread = 25_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<List<String>> task = () -> {
                    start.await();
                    List<String> mine = new ArrayList<>(perThread);
                    for (int i = 0; i < perThread; i++) {
                        mine.add(uids.next());
                    }
                    return mine;
                };
                futures.add(pool.submit(task));
            }
            start.countDown();

            Set<String> all = new HashSet<>();
            for (Future<List<String>> f : futures) {
                List<String> mine = f.get();
                for (int i = 0; i < mine.size(); i++) {
                    assertThat(mine.get(i)).hasSize(13);
                    if (i > 0 && mine.get(i).compareTo(mine.get(i - 1)) <= 0) {
                        throw new AssertionError("not increasing within a thread: " + mine.get(i - 1) + " then " + mine.get(i));
                    }
                }
                all.addAll(mine);
            }
            assertThat(all).hasSize(threads * perThread);
            assertThat(all).allMatch(u -> u.matches("[0-9a-f]{13}"));
        } finally {
            pool.shutdownNow();
        }
    }
}
