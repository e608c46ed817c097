package dev.camelampenet.phonebook.csvimport;

import dev.camelampenet.phonebook.store.PostgresServer;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.camelampenet.phonebook.store.FlowDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger contract on the shared flow store (a real PostgreSQL), and what only a shared ledger meets: two
 * instances with the same file's ledger open at once.
 */
class PostgresImportLedgerContractTest extends ImportLedgerContract {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();
    static FlowDatabase db;

    @BeforeAll
    static void openStore() throws Exception {
        db = FlowDatabase.open(POSTGRES.newDatabase("ledger"));
    }

    @AfterAll
    static void closeStore() {
        if (db != null) {
            db.close();
        }
    }

    @Override
    protected ImportLedger open(String key) {
        // keys are unique per test method's temp folder, so tests sharing the database do not meet
        return PostgresImportLedger.open(db, dir.getFileName() + "-" + key, key + ".csv", "sha-" + key, "G");
    }

    /**
     * A claim that lapsed while its holder still worked (a long pause of that JVM): two instances send the same rows.
     * Each learns from the store that the other's call went out, so an "already taken" answer is looked into rather
     * than reported as a number that was there before.
     */
    @Test
    void aStoreSentByAnotherInstanceIsSeenByBoth() throws Exception {
        try (ImportLedger first = open("lapsed"); ImportLedger second = open("lapsed")) {
            assertThat(first.attempt(7, "255712000007")).isFalse();
            assertThat(second.attempt(7, "255712000007")).as("the second instance learns of the first's store").isTrue();
            assertThat(first.attempts(7)).as("and the first of the second's, when it asks").isEqualTo(2);
            assertThat(second.attempt(8, "255712000008")).isFalse();
            assertThat(first.attempts(8)).isEqualTo(1);
        }
    }

    @Test
    void twoInstancesRacingOnTheSameRowsSettleEachRowOnceAndBothCountIt() throws Exception {
        int rows = 300;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (ImportLedger first = open("shared"); ImportLedger second = open("shared")) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> taken = List.of(first, second).stream().map(ledger -> pool.submit(() -> {
                start.await();
                int won = 0;
                for (int row = 1; row <= rows; row++) {
                    if (ledger.outcome(new RowOutcome(row, Outcome.IMPORTED, "x", String.format("255713%06d", row), "G", 0,
                            "uid-" + ledger.hashCode(), "", ""))) {
                        won++;
                    }
                }
                return won;
            })).toList();
            start.countDown();
            int won = taken.get(0).get(60, TimeUnit.SECONDS) + taken.get(1).get(60, TimeUnit.SECONDS);
            assertThat(won).as("each row taken by exactly one instance").isEqualTo(rows);
            // each instance counts every row, its own and those the other stored first: its totals are the file's
            assertThat(first.state().outcomes()).isEqualTo(rows);
            assertThat(second.state().outcomes()).isEqualTo(rows);
            first.complete(rows);
            second.complete(rows); // already done by the first: it takes the first's word
            assertThat(second.state().completedAt).isEqualTo(first.state().completedAt);
        } finally {
            pool.shutdownNow();
        }
        try (var c = db.connection(); var s = c.prepareStatement("SELECT count(*) FROM import_row WHERE file_key = ?")) {
            s.setString(1, dir.getFileName() + "-shared");
            try (var r = s.executeQuery()) {
                r.next();
                assertThat(r.getInt(1)).isEqualTo(rows);
            }
        }
    }
}
