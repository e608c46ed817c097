package dev.camelampenet.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import dev.camelampenet.simulator.support.RawApi;
import dev.camelampenet.simulator.support.RawApi.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import static dev.camelampenet.simulator.support.RawApi.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator serves requests in parallel without a global lock, and the state stays exact: balances, outbox,
 * uids, and the uniqueness rules (phone per group, group name per account) hold under contention.
 */
@Timeout(60)
class ConcurrencyTest {

    private static final String TOKEN = "5|concurrency-secret";
    private static final int THREADS = 8;

    @RegisterExtension
    static final AmpenetSimulatorExtension SIM = AmpenetSimulatorExtension.with(b -> b.token(TOKEN));

    private static ExecutorService pool;
    private AmpenetSimulator sim;
    private RawApi api;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(16);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    @BeforeEach
    void setUp() {
        sim = SIM.simulator();
        api = new RawApi(sim.baseUrl(), TOKEN);
    }

    /** Runs {@code tasks} jobs at once (released together) and returns their results in job order. */
    private static <T> List<T> inParallel(int tasks, IntFunction<Callable<T>> job) throws Exception {
        CountDownLatch ready = new CountDownLatch(tasks);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            Callable<T> work = job.apply(i);
            futures.add(pool.submit(() -> {
                ready.countDown();
                assertThat(go.await(10, TimeUnit.SECONDS)).isTrue();
                return work.call();
            }));
        }
        assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
        go.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get(30, TimeUnit.SECONDS));
        }
        return results;
    }

    private static String phone(int n) {
        return String.format("2557%08d", n);
    }

    @Test
    void parallelSingleAndBulkSendsAddUpExactly() throws Exception {
        int perThread = 50;
        List<List<String>> uidsPerThread = inParallel(THREADS, t -> () -> {
            List<String> uids = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                int n = (t * perThread + i) * 3;
                Reply reply = i % 2 == 0
                        ? api.post("/sms/send", body("recipient", phone(n), "message", "single " + t + "/" + i))
                        : api.post("/sms/send", body("recipient", phone(n) + "," + phone(n + 1) + "," + phone(n + 2),
                                "message", "bulk " + t + "/" + i));
                assertThat(reply.outcome()).as(reply.toString()).isEqualTo("success");
                if (reply.data().isArray()) {
                    reply.data().forEach(row -> uids.add(row.path("uid").asText()));
                } else {
                    uids.add(reply.data().path("uid").asText());
                }
            }
            return uids;
        });

        int expected = THREADS * (perThread / 2 * 1 + perThread / 2 * 3);
        List<String> uids = uidsPerThread.stream().flatMap(List::stream).collect(Collectors.toList());
        assertThat(uids).hasSize(expected).doesNotHaveDuplicates();
        assertThat(sim.outboxSize()).isEqualTo(expected);
        assertThat(sim.outbox()).extracting(OutboxMessage::uid).containsExactlyInAnyOrderElementsOf(uids);
        assertThat(sim.outbox().stream().map(OutboxMessage::to).collect(Collectors.toSet())).hasSize(expected);
        assertThat(sim.balance(TOKEN)).isEqualByComparingTo(AmpenetSimulator.DEFAULT_BALANCE.subtract(BigDecimal.valueOf(expected)));
    }

    @Test
    void theBalanceIsNeverOverspentUnderContention() throws Exception {
        sim.setBalance(TOKEN, new BigDecimal("100"));

        List<Integer> sentPerThread = inParallel(THREADS, t -> () -> {
            int sent = 0;
            for (int i = 0; i < 20; i++) {
                Reply reply = api.post("/sms/send", body("recipient", phone(t * 100 + i), "message", "x"));
                if ("success".equals(reply.outcome())) {
                    sent++;
                } else {
                    assertThat(reply.status).isIn(403, 404);
                    assertThat(reply.message()).matches("There is not enough balance.*|You have exceeded your sending limit\\.");
                }
            }
            return sent;
        });

        assertThat(sentPerThread.stream().mapToInt(Integer::intValue).sum()).isEqualTo(100);
        assertThat(sim.outboxSize()).isEqualTo(100);
        assertThat(sim.balance(TOKEN)).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void theSamePhoneStoredConcurrentlyIsAddedExactlyOnce() throws Exception {
        String group = api.post("/contacts", body("name", "Race")).data().path("uid").asText();

        List<Reply> replies = inParallel(THREADS, t -> () -> api.post("/contacts/" + group + "/store",
                body("PHONE", "255747991498", "FIRST_NAME", "Thread " + t)));

        assertThat(replies).filteredOn(r -> "success".equals(r.outcome())).hasSize(1);
        assertThat(replies).filteredOn(r -> !"success".equals(r.outcome())).hasSize(THREADS - 1).allSatisfy(r -> {
            assertThat(r.status).isEqualTo(422);
            assertThat(r.message()).isEqualTo("The p h o n e has already been taken.");
        });
        assertThat(sim.group(TOKEN, "Race").size()).isEqualTo(1);
    }

    @Test
    void differentPhonesStoredConcurrentlyAreAllKept() throws Exception {
        String group = api.post("/contacts", body("name", "Import")).data().path("uid").asText();

        List<Set<String>> uids = inParallel(THREADS, t -> () -> {
            Set<String> mine = new HashSet<>();
            for (int i = 0; i < 25; i++) {
                Reply reply = api.post("/contacts/" + group + "/store", body("PHONE", phone(t * 1000 + i)));
                assertThat(reply.outcome()).as(reply.toString()).isEqualTo("success");
                mine.add(reply.data().path("uid").asText());
            }
            return mine;
        });

        GroupSnapshot snapshot = sim.group(TOKEN, "Import");
        assertThat(snapshot.size()).isEqualTo(THREADS * 25);
        assertThat(uids.stream().flatMap(Set::stream).collect(Collectors.toSet())).hasSize(THREADS * 25);
        Reply page = api.post("/contacts/" + group + "/all", null);
        assertThat(page.data().path("total").asInt()).isEqualTo(THREADS * 25);
    }

    @Test
    void concurrentGroupCreationWithTheSameNameCreatesOneGroup() throws Exception {
        List<Reply> replies = inParallel(THREADS, t -> () -> api.post("/contacts", body("name", "Customers")));

        assertThat(replies).filteredOn(r -> "success".equals(r.outcome())).hasSize(1);
        assertThat(replies).filteredOn(r -> !"success".equals(r.outcome())).hasSize(THREADS - 1)
                .allSatisfy(r -> assertThat(r.message()).isEqualTo("Customers already available as your contact group."));
        assertThat(sim.groups(TOKEN)).singleElement().extracting(GroupSnapshot::name).isEqualTo("Customers");
        JsonNode listed = api.get("/contacts").data().path("data");
        assertThat(listed).hasSize(1);
    }

    @Test
    void slowRequestsAreServedInParallel() throws Exception {
        sim.setFaults(FaultSettings.NONE.withLatency(200, 0));
        int requests = 16;

        long start = System.nanoTime();
        List<Reply> replies = inParallel(requests, t -> () -> api.get("/balance"));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(replies).allSatisfy(r -> assertThat(r.outcome()).isEqualTo("success"));
        assertThat(sim.journal()).hasSize(requests).allSatisfy(e -> assertThat(e.durationMillis()).isGreaterThanOrEqualTo(200));
        // one after the other they would take 16 x 200 ms; in parallel about 200 ms
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(200).isLessThan(8 * 200);
    }
}
