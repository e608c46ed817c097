package dev.camelampenet.phonebook.csvimport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import dev.camelampenet.phonebook.csvimport.ImportFiles.ReportRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link ImportLedger} backend must do, run against each ({@link FileImportLedgerContractTest},
 * {@link PostgresImportLedgerContractTest}): the first outcome of a row wins, everything survives a reopen (a resume
 * on this or another instance), completion is remembered, and the report lists each settled row once in row order.
 */
abstract class ImportLedgerContract {

    @TempDir
    Path dir;

    /** Opens the ledger of the file {@code key} (again: what an earlier open wrote is read back). */
    protected abstract ImportLedger open(String key) throws Exception;

    private static RowOutcome imported(long row, String number) {
        return new RowOutcome(row, Outcome.IMPORTED, "0" + number.substring(3), number, "G", 0, "uid-" + row, "", "");
    }

    @Test
    void aNewLedgerIsEmptyAndNotComplete() throws Exception {
        try (ImportLedger ledger = open("empty")) {
            assertThat(ledger.state().outcomes()).isZero();
            assertThat(ledger.state().isComplete()).isFalse();
            assertThat(ledger.isDone(1)).isFalse();
            assertThat(ledger.describe()).isNotBlank();
        }
    }

    @Test
    void theFirstOutcomeOfARowWinsAndEverythingSurvivesAReopen() throws Exception {
        try (ImportLedger ledger = open("resume")) {
            ledger.session();
            ledger.attempt(1, "255712000001");
            ledger.attempt(2, "255712000002");
            assertThat(ledger.outcome(new RowOutcome(3, Outcome.DUPLICATE, "0712000001", "255712000001", "G", 1, "",
                    "same number as row 1", "note\twith tab"))).isTrue();
            assertThat(ledger.outcome(imported(2, "255712000002"))).isTrue();
            assertThat(ledger.outcome(new RowOutcome(2, Outcome.REJECTED, "x", "", "G", 0, "", "again"))).isFalse();
            assertThat(ledger.isDone(2)).isTrue();
            assertThat(ledger.state().count(Outcome.IMPORTED)).isEqualTo(1);
        }
        try (ImportLedger ledger = open("resume")) {
            ImportLedger.State state = ledger.state();
            assertThat(state.outcomes()).isEqualTo(2);
            assertThat(state.count(Outcome.IMPORTED)).isEqualTo(1);
            assertThat(state.count(Outcome.DUPLICATE)).isEqualTo(1);
            assertThat(state.done.get(1)).as("in flight when stopped").isFalse();
            assertThat(state.attempted.get(1)).isTrue();
            assertThat(state.attempted.get(2)).isTrue();
            assertThat(state.lastRow).isEqualTo(3);
            assertThat(state.sessions).isEqualTo(1);
            assertThat(state.startedAt).isNotNull();
            // row 1 still owns its number (row 3 was its duplicate): it is sent again, not called a duplicate
            assertThat(state.seen.claim("G", "255712000001", 1)).isEqualTo(1);
            assertThat(state.seen.claim("g", "255712000002", 5)).as("groups match ignoring case").isEqualTo(2);
            assertThat(ledger.outcome(new RowOutcome(2, Outcome.REJECTED, "x", "", "G", 0, "", "again"))).isFalse();
            ledger.session();
            assertThat(ledger.outcome(imported(1, "255712000001"))).isTrue();
            ledger.complete(3);
            assertThat(ledger.state().isComplete()).isTrue();
        }
        try (ImportLedger ledger = open("resume")) {
            assertThat(ledger.state().isComplete()).isTrue();
            assertThat(ledger.state().completedRows).isEqualTo(3);
            assertThat(ledger.state().completedAt).isNotBlank();
            assertThat(ledger.state().sessions).isEqualTo(2);
            assertThat(ledger.state().outcomes()).isEqualTo(3);
        }
    }

    @Test
    void aSecondStoreOfARowIsToldThatOneWentOutBeforeAlsoAfterAReopen() throws Exception {
        try (ImportLedger ledger = open("attempts")) {
            assertThat(ledger.attempts(4)).isZero();
            assertThat(ledger.attempt(4, "255712000004")).as("first store of row 4").isFalse();
            assertThat(ledger.attempts(4)).isEqualTo(1);
            assertThat(ledger.attempt(5, "255712000005")).isFalse();
        }
        try (ImportLedger ledger = open("attempts")) {
            assertThat(ledger.attempts(4)).isEqualTo(1);
            assertThat(ledger.attempt(4, "255712000004")).as("a resumed run stores row 4 again").isTrue();
            assertThat(ledger.attempts(4)).isGreaterThan(1);
            assertThat(ledger.attempts(5)).isEqualTo(1);
            assertThat(ledger.attempts(6)).isZero();
        }
    }

    @Test
    void ledgersOfDifferentFilesAreApart() throws Exception {
        try (ImportLedger a = open("a"); ImportLedger b = open("b")) {
            a.outcome(imported(1, "255712000001"));
            b.outcome(imported(1, "255712000009"));
        }
        try (ImportLedger a = open("a")) {
            assertThat(a.state().outcomes()).isEqualTo(1);
        }
    }

    @Test
    void theReportListsEachSettledRowOnceInRowOrderWithItsView() throws Exception {
        try (ImportLedger ledger = open("report")) {
            ledger.outcome(imported(3, "255712000003"));
            ledger.outcome(new RowOutcome(1, Outcome.REJECTED, "=HYPERLINK(\"x\")", "", "G", 0, "", "not a phone number"));
            ledger.outcome(imported(2, "255712000002"));
            ledger.outcome(imported(4, "255712000004")); // beyond the rows reported
            Path report = dir.resolve("report.report.csv");
            long written = ledger.writeReport(report, 3, o -> o.outcome() == Outcome.IMPORTED
                    ? o.withReason(Outcome.DUPLICATE, "imported earlier") : o);
            assertThat(written).isEqualTo(3);
            List<ReportRow> rows = ImportFiles.readReport(report);
            assertThat(rows).extracting(ReportRow::row).containsExactly(1L, 2L, 3L);
            assertThat(rows).extracting(ReportRow::outcome).containsExactly("rejected", "duplicate", "duplicate");
            assertThat(rows.get(0).phone()).startsWith("'=");
            assertThat(rows.get(1).contactUid()).isEqualTo("uid-2");
            assertThat(Files.exists(dir.resolve("report.report.csv.part"))).isFalse();
            assertThat(ledger.writeReport(dir.resolve("all.report.csv"), 4, UnaryOperator.identity())).isEqualTo(4);
        }
    }

    @Test
    void rowsSettledConcurrentlyEachKeepOneOutcome() throws Exception {
        int rows = 400;
        int threads = 8;
        AtomicInteger accepted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (ImportLedger ledger = open("concurrent")) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    // every thread offers every row: only one offer per row may be taken
                    for (int row = 1; row <= rows; row++) {
                        if (ledger.outcome(imported(row, String.format("255712%06d", row)))) {
                            accepted.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
            assertThat(accepted.get()).isEqualTo(rows);
            assertThat(ledger.state().outcomes()).isEqualTo(rows);
        } finally {
            pool.shutdownNow();
        }
        try (ImportLedger ledger = open("concurrent")) {
            assertThat(ledger.state().outcomes()).isEqualTo(rows);
            assertThat(ledger.writeReport(dir.resolve("c.report.csv"), rows, UnaryOperator.identity())).isEqualTo(rows);
        }
    }
}
