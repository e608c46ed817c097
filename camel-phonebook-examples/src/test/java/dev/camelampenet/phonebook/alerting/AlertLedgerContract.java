package dev.camelampenet.phonebook.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one contract of a {@link SendLedger}, run against each backend ({@link AlertLedgerFileTest},
 * {@link AlertLedgerPostgresTest}): what the flow reads back after each kind of record, the claims that keep a
 * recipient in one call only (concurrent claims included), and the records a restart, or another instance, finds.
 */
abstract class AlertLedgerContract {

    private static final List<String> NUMBERS = List.of("255712000001", "255712000002", "255712000003");

    private final List<SendLedger> opened = new ArrayList<>();
    protected SendLedger ledger;

    /** A new, empty ledger. */
    protected abstract SendLedger create() throws Exception;

    /**
     * The same records as {@link #ledger} seen afresh: the file read again after a restart, or another instance on
     * the same database. The caller closes it.
     */
    protected abstract SendLedger reopen() throws Exception;

    /**
     * A ledger that claims concurrently with {@link #ledger}: the same object for the file (one process writes it),
     * another instance with its own connections for the database.
     */
    protected abstract SendLedger secondWriter() throws Exception;

    @BeforeEach
    void open() throws Exception {
        ledger = create();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (SendLedger l : opened) {
            l.close();
        }
        ledger.close();
    }

    private SendLedger track(SendLedger l) {
        opened.add(l);
        return l;
    }

    @Test
    void anAlertNeverSeenIsUnknown() {
        assertThat(ledger.lookup("nobody")).isNull();
        assertThat(ledger.counts().values()).allMatch(c -> c == 0);
    }

    @Test
    void aClaimMarksItsRecipientsSendingWithItsBatch() throws Exception {
        Map<String, List<String>> claimed = ledger.sendingRecipients("b-1", Map.of("a-1", NUMBERS));

        assertThat(claimed).containsExactly(Map.entry("a-1", NUMBERS));
        SendLedger.Entry e = ledger.lookup("a-1");
        assertThat(e.outcome()).isNull();
        assertThat(e.sending()).isTrue();
        assertThat(e.settled()).isFalse();
        assertThat(e.recipients()).hasSize(3)
                .allSatisfy((n, r) -> assertThat(r).isEqualTo(new SendLedger.Recipient(SendLedger.Standing.SENDING, "b-1")));
    }

    @Test
    void aRecipientInACallIsNeverClaimedByAnother() throws Exception {
        ledger.sendingRecipients("b-1", Map.of("a-1", NUMBERS.subList(0, 2)));

        // a second call (a copy of the alert, another instance) gets only the number no call holds
        Map<String, List<String>> second = ledger.sendingRecipients("b-2", Map.of("a-1", NUMBERS, "a-2", List.of(NUMBERS.get(0))));

        assertThat(second).containsOnly(Map.entry("a-1", List.of(NUMBERS.get(2))), Map.entry("a-2", List.of(NUMBERS.get(0))));
        assertThat(ledger.lookup("a-1").recipient(NUMBERS.get(0)).detail()).isEqualTo("b-1");
        assertThat(ledger.lookup("a-1").recipient(NUMBERS.get(2)).detail()).isEqualTo("b-2");
        assertThat(ledger.sendingRecipients("b-3", Map.of("a-1", NUMBERS))).isEmpty();
    }

    @Test
    void theCallsRecordSettlesItsRecipientsAndOpensTheOnesItDoesNotName() throws Exception {
        ledger.sendingRecipients("b-1", Map.of("a-1", NUMBERS));
        Map<String, String> sent = new LinkedHashMap<>();
        sent.put(NUMBERS.get(0), "6b02a82f1df6f");
        ledger.called("b-1", Map.of("a-1", new SendLedger.CallRecord(sent, Map.of(NUMBERS.get(1), "Number contains in the blacklist"),
                List.of(), null)));

        SendLedger.Entry e = ledger.lookup("a-1");
        assertThat(e.recipient(NUMBERS.get(0))).isEqualTo(new SendLedger.Recipient(SendLedger.Standing.SENT, "6b02a82f1df6f"));
        assertThat(e.recipient(NUMBERS.get(1)))
                .isEqualTo(new SendLedger.Recipient(SendLedger.Standing.REJECTED, "Number contains in the blacklist"));
        assertThat(e.recipient(NUMBERS.get(2))).as("not named: never went out").isNull();
        assertThat(e.sending()).isFalse();
        // only the number that never went out may be claimed again
        assertThat(ledger.sendingRecipients("b-2", Map.of("a-1", NUMBERS))).containsExactly(Map.entry("a-1", List.of(NUMBERS.get(2))));
    }

    @Test
    void uncertainRecipientsAreNeverClaimedAgain() throws Exception {
        ledger.sendingRecipients("b-1", Map.of("a-1", NUMBERS));
        ledger.called("b-1", Map.of("a-1", SendLedger.CallRecord.uncertain(NUMBERS, "no answer came back")));

        assertThat(ledger.lookup("a-1").recipients().values())
                .containsOnly(new SendLedger.Recipient(SendLedger.Standing.UNCERTAIN, "no answer came back"));
        assertThat(ledger.sendingRecipients("b-2", Map.of("a-1", NUMBERS))).isEmpty();
    }

    @Test
    void aSettledAlertIsNeverClaimedAgainAndItsResultReadsBack() throws Exception {
        ledger.sendingRecipients("b-1", Map.of("a-1", NUMBERS.subList(0, 1)));
        ledger.called("b-1", Map.of("a-1", new SendLedger.CallRecord(Map.of(NUMBERS.get(0), "u1"), Map.of(), List.of(), null)));
        AlertResult failed = new AlertResult(AlertOutcome.FAILED, "gave up after 10 attempts: Too Many Attempts.", List.of("u1"),
                List.of(), List.of(NUMBERS.get(0) + ":u1"), List.of(), List.of(NUMBERS.get(1)));
        ledger.results(Map.of("a-1", failed));

        SendLedger.Entry e = ledger.lookup("a-1");
        assertThat(e.outcome()).isEqualTo(AlertOutcome.FAILED);
        assertThat(e.result()).isEqualTo(failed);
        assertThat(e.settled()).isTrue();
        // a copy of the alert with the same id sends nobody, not even the number never sent
        assertThat(ledger.sendingRecipients("b-2", Map.of("a-1", NUMBERS))).isEmpty();
        assertThat(ledger.sending("c-1", List.of("a-1"))).isEmpty();
        assertThat(ledger.counts()).containsEntry(AlertOutcome.FAILED, 1L);
    }

    @Test
    void aCampaignIsClaimedWholeOnceUntilItsCallEnds() throws Exception {
        assertThat(ledger.sending("c-1", List.of("g-1"))).containsExactly("g-1");
        assertThat(ledger.lookup("g-1").wholeAlertSending()).isTrue();
        assertThat(ledger.lookup("g-1").sending()).isTrue();
        assertThat(ledger.sending("c-2", List.of("g-1"))).as("its call is open").isEmpty();
        assertThat(ledger.sendingRecipients("b-1", Map.of("g-1", NUMBERS))).as("no number of it either").isEmpty();

        // rate limited: nothing was sent, a later delivery may claim it again
        ledger.results(Map.of("g-1", AlertResult.of(AlertOutcome.RETRY, "Too Many Attempts.")));
        assertThat(ledger.lookup("g-1").sending()).isFalse();
        assertThat(ledger.lookup("g-1").settled()).isFalse();
        assertThat(ledger.sending("c-3", List.of("g-1"))).containsExactly("g-1");

        ledger.results(Map.of("g-1", AlertResult.sent(List.of("6b02a82f1df6f"))));
        assertThat(ledger.lookup("g-1").outcome()).isEqualTo(AlertOutcome.SENT);
        assertThat(ledger.lookup("g-1").result().messageIds()).containsExactly("6b02a82f1df6f");
        assertThat(ledger.sending("c-4", List.of("g-1"))).isEmpty();
        assertThat(ledger.counts()).containsEntry(AlertOutcome.SENT, 1L);
    }

    /** What the next delivery finds when the writer died during the call, and how it marks those numbers. */
    @Test
    void aCallThatNeverEndedIsFoundSendingByTheNextReaderAndMarkedUncertain() throws Exception {
        ledger.sendingRecipients("b-1", Map.of("a-1", NUMBERS));

        try (SendLedger next = reopen()) {
            SendLedger.Entry e = next.lookup("a-1");
            assertThat(e.sending()).isTrue();
            assertThat(e.recipient(NUMBERS.get(1))).isEqualTo(new SendLedger.Recipient(SendLedger.Standing.SENDING, "b-1"));
            next.called("b-1", Map.of("a-1", SendLedger.CallRecord.uncertain(NUMBERS, "the application stopped")));
            assertThat(next.lookup("a-1").recipients().values())
                    .containsOnly(new SendLedger.Recipient(SendLedger.Standing.UNCERTAIN, "the application stopped"));
            assertThat(next.sendingRecipients("b-2", Map.of("a-1", NUMBERS))).isEmpty();
        }
    }

    @Test
    void everyRecordIsThereForTheNextReader() throws Exception {
        ledger.sendingRecipients("b-1", Map.of("a-1", NUMBERS.subList(0, 2), "a-2", NUMBERS.subList(2, 3)));
        ledger.called("b-1", Map.of("a-1", new SendLedger.CallRecord(Map.of(NUMBERS.get(0), "u 1"), Map.of(),
                List.of(NUMBERS.get(1)), "no answer, came back"), "a-2", new SendLedger.CallRecord(Map.of(NUMBERS.get(2), "u2"),
                Map.of(), List.of(), null)));
        AlertResult sent = new AlertResult(AlertOutcome.SENT, null, List.of("u2"), List.of(), List.of(NUMBERS.get(2) + ":u2"),
                List.of(), List.of());
        ledger.results(Map.of("a-2", sent));
        ledger.sending("c-1", List.of("g 1"));

        try (SendLedger next = reopen()) {
            assertThat(next.lookup("a-1").recipient(NUMBERS.get(0))).isEqualTo(new SendLedger.Recipient(SendLedger.Standing.SENT, "u 1"));
            assertThat(next.lookup("a-1").recipient(NUMBERS.get(1)))
                    .isEqualTo(new SendLedger.Recipient(SendLedger.Standing.UNCERTAIN, "no answer, came back"));
            assertThat(next.lookup("a-1").outcome()).isNull();
            assertThat(next.lookup("a-2").result()).isEqualTo(sent);
            assertThat(next.lookup("g 1").wholeAlertSending()).isTrue();
            assertThat(next.entries()).extracting(SendLedger.Entry::alertId).containsExactlyInAnyOrder("a-1", "a-2", "g 1");
            assertThat(next.counts()).containsEntry(AlertOutcome.SENT, 1L);
        }
    }

    /**
     * Eight writers (two instances for the database) claim overlapping batches of one burst at once: every number of
     * every alert ends in exactly one claim.
     */
    @Test
    void concurrentClaimsNeverShareARecipient() throws Exception {
        SendLedger other = secondWriter();
        if (other != ledger) {
            track(other);
        }
        int alerts = 20;
        int perAlert = 10;
        Map<String, List<String>> burst = new LinkedHashMap<>();
        for (int a = 0; a < alerts; a++) {
            List<String> numbers = new ArrayList<>();
            for (int n = 0; n < perAlert; n++) {
                numbers.add("2557130" + String.format("%05d", a * perAlert + n));
            }
            burst.put("burst-" + a, numbers);
        }
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Map<String, List<String>>>> claims = new ArrayList<>();
        try {
            for (int w = 0; w < writers; w++) {
                SendLedger writer = w % 2 == 0 ? ledger : other;
                // each writer asks for the alerts in its own order, so claims overlap in every way
                List<String> ids = new ArrayList<>(burst.keySet());
                Collections.rotate(ids, w * 3);
                Map<String, List<String>> ask = new LinkedHashMap<>();
                ids.forEach(id -> ask.put(id, burst.get(id)));
                String batch = "b-" + w;
                Callable<Map<String, List<String>>> claim = () -> {
                    go.await();
                    return writer.sendingRecipients(batch, ask);
                };
                claims.add(pool.submit(claim));
            }
            go.countDown();
            Set<String> seen = new HashSet<>();
            int total = 0;
            for (Future<Map<String, List<String>>> f : claims) {
                for (Map.Entry<String, List<String>> e : f.get(60, TimeUnit.SECONDS).entrySet()) {
                    for (String n : e.getValue()) {
                        assertThat(seen.add(e.getKey() + "/" + n)).as("%s/%s claimed twice", e.getKey(), n).isTrue();
                        total++;
                    }
                }
            }
            assertThat(total).isEqualTo(alerts * perAlert);
        } finally {
            pool.shutdownNow();
        }
    }
}
