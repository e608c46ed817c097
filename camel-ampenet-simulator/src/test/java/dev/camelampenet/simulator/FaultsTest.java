package dev.camelampenet.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import dev.camelampenet.simulator.support.RawApi;
import dev.camelampenet.simulator.support.RawApi.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static dev.camelampenet.simulator.support.RawApi.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Injected faults: latency and jitter, HTML 500, connections dropped before or after the server acted, the path
 * filter, one-shot faults, seeded reproducibility, and the same switches through the HTTP control API.
 */
@Timeout(30)
class FaultsTest {

    private static final String TOKEN = "7|faults-test-secret-0123456789";
    private static final String PHONE = "255747991498";

    @RegisterExtension
    static final AmpenetSimulatorExtension SIM = AmpenetSimulatorExtension.with(b -> b.token(TOKEN));

    private AmpenetSimulator sim;
    private RawApi api;
    private RawApi control;

    @BeforeEach
    void setUp() {
        sim = SIM.simulator();
        api = new RawApi(sim.baseUrl(), TOKEN);
        control = new RawApi(sim.controlUrl(), null);
    }

    private Reply send(String text) {
        return api.post("/sms/send", body("recipient", PHONE, "message", text));
    }

    private static void assertBrokenConnection(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(IOException.class);
    }

    private JournalEntry lastJournalEntry() {
        List<JournalEntry> journal = sim.journal();
        assertThat(journal).isNotEmpty();
        return journal.get(journal.size() - 1);
    }

    // ---- latency ------------------------------------------------------------------------------------------

    @Test
    void fixedLatencyDelaysTheAnswer() {
        sim.setFaults(FaultSettings.NONE.withLatency(250, 0));

        long start = System.nanoTime();
        Reply reply = api.get("/balance");
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(reply.outcome()).isEqualTo("success");
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(250);
        JournalEntry entry = lastJournalEntry();
        assertThat(entry.fault()).isEqualTo("latency");
        assertThat(entry.durationMillis()).isGreaterThanOrEqualTo(250);
    }

    @Test
    void jitterAddsAVaryingDelayOnTopOfTheLatency() {
        sim.setFaults(FaultSettings.NONE.withLatency(20, 150).withSeed(3));

        for (int i = 0; i < 8; i++) {
            long start = System.nanoTime();
            assertThat(api.get("/balance").outcome()).isEqualTo("success");
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(20);
        }

        List<Long> durations = sim.journal().stream().map(JournalEntry::durationMillis).collect(Collectors.toList());
        assertThat(durations).hasSize(8).allSatisfy(d -> assertThat(d).isGreaterThanOrEqualTo(20));
        // 8 uniform draws in 0..150 ms: the delays differ noticeably from each other
        assertThat(durations.stream().mapToLong(Long::longValue).max().getAsLong()
                - durations.stream().mapToLong(Long::longValue).min().getAsLong()).isGreaterThanOrEqualTo(20);
    }

    // ---- HTTP 500 and dropped connections ------------------------------------------------------------------

    @Test
    void http500IsAnHtmlPageAndNothingHappened() {
        sim.setFaults(FaultSettings.NONE.withRates(1, 0, 0));

        Reply reply = send("hello");

        assertThat(reply.status).isEqualTo(500);
        assertThat(reply.isHtml()).isTrue();
        assertThat(reply.body).contains("Server Error");
        assertThat(sim.outbox()).isEmpty();
        assertThat(sim.balance(TOKEN)).isEqualByComparingTo(AmpenetSimulator.DEFAULT_BALANCE);
        JournalEntry entry = lastJournalEntry();
        assertThat(entry.fault()).isEqualTo("http-500");
        assertThat(entry.status()).isEqualTo(500);
    }

    @Test
    void dropBeforeActingBreaksTheConnectionAndNothingHappened() {
        sim.setFaults(FaultSettings.NONE.withRates(0, 1, 0));

        assertBrokenConnection(() -> send("hello"));

        assertThat(sim.outbox()).isEmpty();
        assertThat(sim.balance(TOKEN)).isEqualByComparingTo(AmpenetSimulator.DEFAULT_BALANCE);
        JournalEntry entry = lastJournalEntry();
        assertThat(entry.fault()).isEqualTo("drop-before");
        assertThat(entry.status()).isZero();
        assertThat(entry.path()).isEqualTo("/api/v3/sms/send");
    }

    /** Acceptance: "A fault of drop after acting leaves the message in the outbox while the client sees a broken connection". */
    @Test
    void dropAfterActingLeavesTheMessageInTheOutboxWhileTheClientSeesABrokenConnection() {
        sim.setFaults(FaultSettings.NONE.withRates(0, 0, 1));

        assertBrokenConnection(() -> send("it went out"));

        assertThat(sim.outbox()).singleElement().satisfies(m -> {
            assertThat(m.to()).isEqualTo(PHONE);
            assertThat(m.text()).isEqualTo("it went out");
            assertThat(m.status()).isEqualTo("Delivered");
        });
        assertThat(sim.balance(TOKEN)).isEqualByComparingTo(AmpenetSimulator.DEFAULT_BALANCE.subtract(BigDecimal.ONE));
        JournalEntry entry = lastJournalEntry();
        assertThat(entry.fault()).isEqualTo("drop-after");
        assertThat(entry.status()).isZero();
        assertThat(sim.outbox().get(0).requestId()).isEqualTo(entry.id());
    }

    // ---- where and when faults apply -----------------------------------------------------------------------

    @Test
    void thePathFilterLimitsFaultsToMatchingRequests() {
        sim.setFaults(FaultSettings.NONE.withRates(1, 0, 0).withPath("/sms/send"));

        Reply balance = api.get("/balance");
        Reply sent = send("hello");

        assertThat(balance.status).isEqualTo(200);
        assertThat(balance.outcome()).isEqualTo("success");
        assertThat(sent.status).isEqualTo(500);
        assertThat(sim.journal()).extracting(JournalEntry::fault).containsExactly(null, "http-500");
    }

    @Test
    void thePathFilterAcceptsTheFullApiPathToo() {
        sim.setFaults(FaultSettings.NONE.withRates(1, 0, 0).withPath("/api/v3/sms/send"));

        assertThat(api.get("/balance").status).isEqualTo(200);
        assertThat(send("hello").status).isEqualTo(500);
    }

    @Test
    void aOneShotFaultHitsExactlyOneMatchingRequest() {
        sim.nextFault(Fault.DROP_AFTER, 1, "/sms/send");

        assertThat(api.get("/balance").outcome()).isEqualTo("success"); // another path: not consumed
        assertBrokenConnection(() -> send("first"));
        Reply second = send("second");
        Reply third = send("third");

        assertThat(second.outcome()).isEqualTo("success");
        assertThat(third.outcome()).isEqualTo("success");
        assertThat(sim.outbox()).extracting(OutboxMessage::text).containsExactly("first", "second", "third");
        assertThat(sim.journal()).extracting(JournalEntry::fault).containsExactly(null, "drop-after", null, null);
    }

    @Test
    void oneShotFaultsOfEveryKindAreServedInOrder() {
        sim.nextFault(Fault.HTTP_500, 1, null);
        sim.nextFault(Fault.DROP_BEFORE, 1, null);

        assertThat(api.get("/balance").status).isEqualTo(500);
        assertBrokenConnection(() -> send("lost"));
        assertThat(send("kept").outcome()).isEqualTo("success");

        assertThat(sim.outbox()).extracting(OutboxMessage::text).containsExactly("kept");
        assertThat(sim.journal()).extracting(JournalEntry::fault).containsExactly("http-500", "drop-before", null);
    }

    @Test
    void resetClearsFaults() {
        sim.setFaults(FaultSettings.NONE.withRates(1, 0, 0));
        sim.nextFault(Fault.DROP_BEFORE, 5, null);

        sim.reset();

        assertThat(sim.faults()).isEqualTo(FaultSettings.NONE);
        assertThat(send("hello").outcome()).isEqualTo("success");
    }

    // ---- reproducibility -----------------------------------------------------------------------------------

    private List<String> faultSequence(long seed) {
        sim.reset();
        sim.setFaults(new FaultSettings(0, 0, 0.3, 0.3, 0.3, null, seed));
        for (int i = 0; i < 50; i++) {
            try {
                send("message " + i);
            } catch (UncheckedIOException dropped) {
                // a dropped connection is one of the expected outcomes
            }
        }
        List<String> faults = new ArrayList<>();
        sim.journal().forEach(e -> faults.add(e.fault() == null ? "none" : e.fault()));
        return faults;
    }

    @Test
    void theSameSeedReplaysTheSameFaultsForTheSameRequests() {
        List<String> first = faultSequence(42);
        List<String> second = faultSequence(42);
        List<String> otherSeed = faultSequence(4242);

        assertThat(first).hasSize(50).contains("none", "http-500", "drop-before", "drop-after");
        assertThat(second).isEqualTo(first);
        assertThat(otherSeed).hasSize(50).isNotEqualTo(first);
    }

    @Test
    void aSeededRunLeavesExactlyTheMessagesItsFaultsAllowed() {
        List<String> faults = faultSequence(42);

        // acted on: no fault and drop-after; not acted on: http-500 and drop-before
        long acted = faults.stream().filter(f -> f.equals("none") || f.equals("drop-after")).count();
        assertThat(sim.outboxSize()).isEqualTo((int) acted);
        assertThat(sim.balance(TOKEN)).isEqualByComparingTo(AmpenetSimulator.DEFAULT_BALANCE.subtract(BigDecimal.valueOf(acted)));
    }

    // ---- the same through the control API ------------------------------------------------------------------

    @Test
    void faultsCanBeSetReadAndClearedOverHttp() {
        Reply set = control.post("/faults", body("http500Rate", 1, "path", "/sms/send", "seed", 9));
        assertThat(set.status).isEqualTo(200);
        assertThat(set.json().path("http500Rate").asDouble()).isEqualTo(1.0);
        assertThat(set.json().path("path").asText()).isEqualTo("/sms/send");
        assertThat(sim.faults()).isEqualTo(new FaultSettings(0, 0, 1, 0, 0, "/sms/send", 9));

        assertThat(control.get("/faults").json().path("http500Rate").asDouble()).isEqualTo(1.0);
        assertThat(api.get("/balance").status).isEqualTo(200);
        assertThat(send("refused").status).isEqualTo(500);

        Reply cleared = control.delete("/faults");
        assertThat(cleared.status).isEqualTo(200);
        assertThat(cleared.json().path("http500Rate").asDouble()).isZero();
        assertThat(sim.faults()).isEqualTo(FaultSettings.NONE);
        assertThat(send("accepted").outcome()).isEqualTo("success");
        assertThat(sim.outbox()).extracting(OutboxMessage::text).containsExactly("accepted");
    }

    @Test
    void latencyCanBeSetOverHttp() {
        control.post("/faults", body("latencyMillis", 200));

        long start = System.nanoTime();
        assertThat(api.get("/balance").outcome()).isEqualTo("success");
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(200);
    }

    @Test
    void dropsCanBeSetOverHttp() {
        control.post("/faults", body("dropBeforeRate", 1));
        assertBrokenConnection(() -> send("lost"));
        assertThat(sim.outbox()).isEmpty();

        control.post("/faults", body("dropAfterRate", 1));
        assertBrokenConnection(() -> send("sent anyway"));
        assertThat(sim.outbox()).extracting(OutboxMessage::text).containsExactly("sent anyway");
    }

    @Test
    void aOneShotFaultCanBeQueuedOverHttp() {
        Reply queued = control.post("/faults/next", body("fault", "drop-after", "count", 1, "path", "/sms/send"));
        assertThat(queued.status).isEqualTo(200);

        assertThat(api.get("/balance").status).isEqualTo(200);
        assertBrokenConnection(() -> send("first"));
        assertThat(send("second").outcome()).isEqualTo("success");

        assertThat(sim.outbox()).extracting(OutboxMessage::text).containsExactly("first", "second");
        assertThat(sim.balance(TOKEN)).isEqualByComparingTo(AmpenetSimulator.DEFAULT_BALANCE.subtract(BigDecimal.valueOf(2)));
    }

    @Test
    void aOneShotHttp500CanBeQueuedOverHttpForAnyPath() {
        control.post("/faults/next", body("fault", "http-500", "count", 2));

        assertThat(api.get("/balance").status).isEqualTo(500);
        assertThat(api.get("/me").status).isEqualTo(500);
        assertThat(api.get("/balance").status).isEqualTo(200);
    }

    @Test
    void deleteFaultsAlsoDropsQueuedOneShots() {
        control.post("/faults/next", body("fault", "drop-before", "count", 3));

        control.delete("/faults");

        assertThat(send("hello").outcome()).isEqualTo("success");
    }

    @Test
    void theJournalShowsTheFaultOverHttp() {
        sim.nextFault(Fault.DROP_AFTER, 1, null);
        assertBrokenConnection(() -> send("hello"));

        JsonNode entries = control.get("/journal").json().path("entries");
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).path("fault").asText()).isEqualTo("drop-after");
        assertThat(entries.get(0).path("status").asInt()).isZero();
        assertThat(entries.get(0).path("path").asText()).isEqualTo("/api/v3/sms/send");
    }

    @Test
    void controlCallsAreNeverFaulted() {
        sim.setFaults(FaultSettings.NONE.withRates(0, 1, 0));

        Reply describe = control.get("");

        assertThat(describe.status).isEqualTo(200);
        assertThat(describe.json().path("faults").path("dropBeforeRate").asDouble()).isEqualTo(1.0);
        assertThat(sim.journal()).isEmpty();
    }

    @Test
    void invalidFaultSettingsAreRefusedWithAClearError() {
        Reply tooHigh = control.post("/faults", body("http500Rate", 1.5));
        Reply sumTooHigh = control.post("/faults", body("http500Rate", 0.6, "dropAfterRate", 0.6));
        Reply unknown = control.post("/faults/next", body("fault", "explode"));

        assertThat(tooHigh.status).isEqualTo(400);
        assertThat(tooHigh.json().path("error").asText()).contains("between 0 and 1");
        assertThat(sumTooHigh.status).isEqualTo(400);
        assertThat(sumTooHigh.json().path("error").asText()).contains("must not exceed 1");
        assertThat(unknown.status).isEqualTo(400);
        assertThat(unknown.json().path("error").asText()).contains("'explode'").contains("drop-after");
        assertThat(sim.faults()).isEqualTo(FaultSettings.NONE);
        assertThat(send("hello").outcome()).isEqualTo("success");
    }
}
