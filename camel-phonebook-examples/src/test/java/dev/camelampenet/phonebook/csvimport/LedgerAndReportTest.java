package dev.camelampenet.phonebook.csvimport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.UnaryOperator;

import dev.camelampenet.phonebook.csvimport.ImportFiles.ReportRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ledger survives a kill mid-line and restores what a resumed run needs; the report is ordered and safe. */
class LedgerAndReportTest {

    @TempDir
    Path dir;

    @Test
    void ledgerDropsALineCutByAKillAndRestoresOutcomesAndNumberOwners() throws Exception {
        Path path = dir.resolve("x.ledger");
        try (ImportLedger ledger = ImportLedger.open(path, "file=x.csv")) {
            ledger.session();
            ledger.attempt(1, "255712000001");
            ledger.attempt(2, "255712000002");
            ledger.outcome(new RowOutcome(3, Outcome.DUPLICATE, "0712000001", "255712000001", "G", 1, "", "same number as row 1"));
            ledger.outcome(new RowOutcome(2, Outcome.IMPORTED, "0712000002", "255712000002", "G", 0, "6b02aaaaaaaaa", ""));
            assertThat(ledger.outcome(new RowOutcome(2, Outcome.REJECTED, "x", "", "G", 0, "", "again"))).isFalse();
        }
        Files.writeString(path, "O\t4\timported\t0\t2557", StandardOpenOption.APPEND); // a kill mid-write

        try (ImportLedger ledger = ImportLedger.open(path, "ignored")) {
            ImportLedger.State state = ledger.state();
            assertThat(state.outcomes()).isEqualTo(2);
            assertThat(state.done.get(2)).isTrue();
            assertThat(state.done.get(3)).isTrue();
            assertThat(state.done.get(1)).as("in flight when killed").isFalse();
            assertThat(state.attempted.get(1)).isTrue();
            assertThat(state.isComplete()).isFalse();
            // row 1 still owns its number (row 3 was its duplicate), so row 1 is sent again, not called a duplicate
            assertThat(state.seen.claim("G", "255712000001", 1)).isEqualTo(1);
            assertThat(state.seen.claim("g", "255712000002", 5)).as("groups match ignoring case").isEqualTo(2);
            ledger.outcome(new RowOutcome(1, Outcome.DUPLICATE, "0712000001", "255712000001", "G", 0, "", "lost"));
            ledger.complete(3);
        }
        assertThat(Files.readString(path)).doesNotContain("2557\n").endsWith("\n");
        try (ImportLedger ledger = ImportLedger.open(path, "ignored")) {
            assertThat(ledger.state().isComplete()).isTrue();
            assertThat(ledger.state().completedRows).isEqualTo(3);
            assertThat(ledger.state().sessions).isEqualTo(1);
        }
    }

    @Test
    void reportIsInRowOrderWithSpreadsheetFormulasDefused() throws Exception {
        Path path = dir.resolve("r.ledger");
        try (ImportLedger ledger = ImportLedger.open(path, "file=r.csv")) {
            ledger.outcome(new RowOutcome(3, Outcome.REJECTED, "@SUM(A1)", "", "G", 0, "", "=cmd|' /C calc'!A0"));
            ledger.outcome(new RowOutcome(1, Outcome.IMPORTED, "+255 712 000 001", "255712000001", "G", 0, "6b02aaaaaaaaa", ""));
            ledger.outcome(new RowOutcome(2, Outcome.REJECTED, "-1", "", "G", 0, "", "not a valid phone number, \"quoted\""));
        }
        Path report = dir.resolve("r.report.csv");
        assertThat(ImportReport.write(path, report, 3, UnaryOperator.identity())).isEqualTo(3);

        List<ReportRow> rows = ImportFiles.readReport(report);
        assertThat(rows).extracting(ReportRow::row).containsExactly(1L, 2L, 3L);
        assertThat(rows.get(0).phone()).isEqualTo("'+255 712 000 001");
        assertThat(rows.get(1).phone()).isEqualTo("'-1");
        assertThat(rows.get(1).reason()).isEqualTo("not a valid phone number, \"quoted\"");
        assertThat(rows.get(2).phone()).isEqualTo("'@SUM(A1)");
        assertThat(rows.get(2).reason()).isEqualTo("'=cmd|' /C calc'!A0");
        assertThat(new String(Files.readAllBytes(report), StandardCharsets.UTF_8)).contains("\r\n");
        assertThat(ImportReport.safe("\tx")).isEqualTo("'\tx");
        assertThat(ImportReport.safe("0712")).isEqualTo("0712");
    }

    @Test
    void reportOfManyRowsSettledOutOfOrderIsInRowOrder() throws Exception {
        // more rows than one piece of the report's offset index (32,768), settled from the last to the first
        int settled = 70_000;
        Path path = dir.resolve("big.ledger");
        try (ImportLedger ledger = ImportLedger.open(path, "file=big.csv")) {
            for (int row = settled; row >= 1; row--) {
                ledger.outcome(new RowOutcome(row, Outcome.IMPORTED, "0712" + row, "255712" + row, "G", 0, "u" + row, ""));
            }
        }
        Path report = dir.resolve("big.report.csv");
        // rows past the one asked for are left out
        assertThat(ImportReport.write(path, report, settled - 1, UnaryOperator.identity())).isEqualTo(settled - 1);
        List<ReportRow> rows = ImportFiles.readReport(report);
        assertThat(rows).hasSize(settled - 1);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).row()).isEqualTo(i + 1L);
        }
        assertThat(rows.get(40_000).phone()).isEqualTo("0712" + 40_001);

        ImportReport.RowOffsets offsets = new ImportReport.RowOffsets(100_000);
        assertThat(offsets.get(99_999)).isEqualTo(-1);
        offsets.putIfAbsent(65_536, 7);
        offsets.putIfAbsent(65_536, 9); // the first outcome of a row is its own
        assertThat(offsets.get(65_536)).isEqualTo(7);
        assertThat(offsets.get(65_535)).isEqualTo(-1);
    }

    @Test
    void reportRefusesALedgerLineThatIsNotAnOutcome() throws Exception {
        Path path = dir.resolve("bad.ledger");
        Files.writeString(path, "# phonebook ledger v1\nO\t1x\timported\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ImportReport.write(path, dir.resolve("bad.report.csv"), 1, UnaryOperator.identity()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not an outcome line");
    }

    @Test
    void seenNumbersGrowWithoutLosingClaims() {
        SeenNumbers seen = new SeenNumbers();
        for (int i = 1; i <= 100_000; i++) {
            assertThat(seen.claim("g", Long.toString(255_700_000_000L + i), i)).isEqualTo(i);
        }
        assertThat(seen.size()).isEqualTo(100_000);
        assertThat(seen.claim("g", "255700000007", 200_000)).isEqualTo(7);
        assertThat(seen.claim("other", "255700000007", 200_001)).isEqualTo(200_001);
    }

    @Test
    void seenNumbersKeepLongNumbersAndLateRowsToo() {
        SeenNumbers seen = new SeenNumbers();
        String fifteenDigits = "491711234567890"; // above the packed range
        int lateRow = 20_000_000; // a row number that does not fit a packed slot
        assertThat(seen.claim("g", fifteenDigits, 3)).isEqualTo(3);
        assertThat(seen.claim("g", "255700000001", lateRow)).isEqualTo(lateRow);
        assertThat(seen.claim("g", "255700000002", 5)).isEqualTo(5);
        assertThat(seen.claim("g", fifteenDigits, 9)).isEqualTo(3);
        assertThat(seen.claim("g", "255700000001", lateRow + 1)).isEqualTo(lateRow);
        assertThat(seen.claim("g", "255700000002", lateRow + 2)).isEqualTo(5);
        // restored from a ledger in any order: the lowest row wins, packed or not
        seen.restore("g", "255700000002", 4);
        seen.restore("g", "255700000001", 7);
        seen.restore("g", fifteenDigits, 1);
        assertThat(seen.claim("g", "255700000002", 100)).isEqualTo(4);
        assertThat(seen.claim("g", "255700000001", 100)).isEqualTo(7);
        assertThat(seen.claim("g", fifteenDigits, 100)).isEqualTo(1);
        assertThat(seen.size()).isEqualTo(3);
        // a packed number whose earlier row is restored above the packed range keeps the lower row it had
        seen.restore("g", "255700000002", lateRow + 5);
        assertThat(seen.claim("g", "255700000002", 100)).isEqualTo(4);
    }

    @Test
    void seenNumbersTakeTheFilesSizeInOnePiece() {
        SeenNumbers seen = new SeenNumbers();
        seen.expect(100_000);
        assertThat(seen.claim("g", Long.toString(255_700_000_000L + 7), 1)).isEqualTo(1);
        long sized = seen.slots();
        // at most 70% full, and not rounded up to the next power of two (2^18 slots)
        assertThat(sized).isBetween(142_858L, 150_000L);
        for (int i = 2; i <= 100_000; i++) {
            assertThat(seen.claim("g", Long.toString(255_700_000_000L + 7 * i), i)).isEqualTo(i);
        }
        assertThat(seen.slots()).as("no growth for the rows it was told of").isEqualTo(sized);
        assertThat(seen.claim("g", Long.toString(255_700_000_000L + 7 * 500), 100_001)).isEqualTo(500);
        // a second group starts small; one past the hint grows the first by half, keeping every claim
        seen.claim("other", "255700000007", 1);
        assertThat(seen.slots()).isLessThan(sized + 2_000);
        for (int i = 100_001; i <= 110_000; i++) {
            seen.claim("g", Long.toString(255_700_000_000L + 7 * i), i);
        }
        assertThat(seen.slots()).isGreaterThan(sized + sized / 3);
        for (int i = 1; i <= 110_000; i += 997) {
            assertThat(seen.claim("g", Long.toString(255_700_000_000L + 7 * i), 200_000)).isEqualTo(i);
        }
        assertThat(seen.size()).isEqualTo(110_001);
        // a hint after claims were restored (a resumed import) grows the restored table, keeping them
        SeenNumbers resumed = new SeenNumbers();
        resumed.restore("g", "255700000001", 3);
        resumed.expect(50_000);
        assertThat(resumed.slots()).isGreaterThan(70_000L);
        assertThat(resumed.claim("g", "255700000001", 9)).isEqualTo(3);
        // a hint is capped (a file of blank lines is cheap to make): never more than a sixteenth of the heap at once
        SeenNumbers huge = new SeenNumbers();
        huge.expect(Long.MAX_VALUE);
        huge.claim("g", "255700000001", 1);
        assertThat(huge.slots()).isLessThanOrEqualTo((long) (SeenNumbers.MAX_EXPECTED / 0.7) + 2);
        assertThat(huge.slots() * Long.BYTES).isLessThanOrEqualTo(Runtime.getRuntime().maxMemory() / 16 + 64);
    }

    @Test
    void seenNumbersSurviveRemovalInsideAProbeRun() {
        SeenNumbers.LongIntTable table = new SeenNumbers.LongIntTable();
        for (int i = 1; i <= 5_000; i++) {
            table.putIfAbsent(255_700_000_000L + i, i);
        }
        // moving numbers out of the packed slots (rows too large) must not lose the numbers probed past them
        for (int i = 1; i <= 5_000; i += 2) {
            table.put(255_700_000_000L + i, 20_000_000 + i);
        }
        for (int i = 1; i <= 5_000; i++) {
            int expected = i % 2 == 1 ? 20_000_000 + i : i;
            assertThat(table.putIfAbsent(255_700_000_000L + i, -7)).isEqualTo(expected);
        }
        assertThat(table.size()).isEqualTo(5_000);
    }
}
