package dev.camelampenet.phonebook.csvimport;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.SequenceInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The reader under camel-csv ({@link BoundedCsvInput}), the escaping of a file's text ({@link ControlChars}) and the
 * report's notes, without the routes: what hostile bytes turn into before any row is sent.
 */
class CsvHostileInputTest {

    static final int LIMIT = CsvImportSettings.DEFAULT_MAX_LINE_LENGTH;

    @TempDir
    Path dir;

    /** One record as camel-csv gives it, and the problem the bounded input attached to it. */
    record Read(List<String> cells, BoundedCsvInput.Problem problem) {
    }

    @Test
    void aFiftyMegabyteLineIsSkippedWithoutBeingHeldAndTheRowsAfterItAreRead() throws IOException {
        long length = 50L * 1024 * 1024;
        InputStream file = new SequenceInputStream(Collections.enumeration(List.of(
                ascii("phone,name\n0712000001,Asha\n"),
                new RepeatedByte((byte) '7', length), // 50 MB of digits in one line: never in memory, here or there
                ascii("\n0712000003,Chiku\n"))));
        BoundedCsvInput input = new BoundedCsvInput(file, StandardCharsets.UTF_8, ',', LIMIT);

        List<Read> records = parse(input, ',');

        assertThat(records).hasSize(4);
        assertThat(records.get(1).cells()).containsExactly("0712000001", "Asha");
        assertThat(records.get(2).problem()).isNotNull();
        assertThat(records.get(2).problem().reason())
                .isEqualTo("line 3 is 52,428,800 characters long, more than the limit of 65,536 (phonebook.max-line-length);"
                        + " the row was skipped unread");
        assertThat(records.get(2).problem().fatal()).isFalse();
        assertThat(records.get(3).cells()).containsExactly("0712000003", "Chiku");
        // the reasoned memory bound: the one buffer a record is held in never grew past the limit (+1 for the line
        // break); Commons CSV above it only ever saw records of that size and the one-cell marker
        assertThat(input.largestBuffer()).isLessThanOrEqualTo(LIMIT + 1);
    }

    @Test
    void recordsWithinTheLimitPassUnchangedQuotesLineBreaksAndAll() throws IOException {
        String csv = "\"Mobile\";\"Notes\"\r\n0712;\"two\r\nlines; \"\"quoted\"\"\"\r\n\r\n0713;x\"y\r\n0714;\"\"\r";
        BoundedCsvInput input = new BoundedCsvInput(ascii(csv), StandardCharsets.UTF_8, ';', 256);
        assertThat(new String(input.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(csv);
    }

    @Test
    void anOverLongQuotedCellSpanningLinesIsOneRejectedRowAndTheParserStaysInStep() throws IOException {
        String notes = ("a line of notes, with a separator\n").repeat(20); // 680 characters over 20 lines
        String csv = "phone,notes\n0712000001,\"" + notes + "\"\n0712000002,ok\n";
        BoundedCsvInput input = new BoundedCsvInput(ascii(csv), StandardCharsets.UTF_8, ',', 256);

        List<Read> records = parse(input, ',');

        assertThat(records).hasSize(3);
        assertThat(records.get(1).problem().reason()).startsWith("lines 2-22 (one row) is 693 characters long");
        assertThat(records.get(2).cells()).containsExactly("0712000002", "ok");
    }

    @Test
    void aQuoteNeverClosedInAnOverLongRowIsFatal() throws IOException {
        String csv = "phone,notes\n0712000001,ok\n0712000002,\"" + "open quote\n".repeat(100);
        List<Read> records = parse(new BoundedCsvInput(ascii(csv), StandardCharsets.UTF_8, ',', 256), ',');

        assertThat(records).hasSize(3);
        assertThat(records.get(2).problem().fatal()).isTrue();
        assertThat(records.get(2).problem().reason()).startsWith("a quoted cell opened in line 3 is not closed before the end");
    }

    @Test
    void aLatin1RowInAUtf8FileIsRejectedWithItsByteAndPlaceAndTheRestIsRead() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(ImportFiles.utf8WithBom("phone,first name\n0712000001,Jos\u00e9\n"));
        bytes.write("0712000002,Ren\u00e9e\n".getBytes(Charset.forName("windows-1252")));
        bytes.write("0712000003,Zo\u00eb\n".getBytes(StandardCharsets.UTF_8));
        BoundedCsvInput input = new BoundedCsvInput(new ByteArrayInputStream(bytes.toByteArray()), StandardCharsets.UTF_8, ',', LIMIT);

        List<Read> records = parse(input, ',');

        assertThat(records.get(0).cells()).as("the BOM is not part of the header").containsExactly("phone", "first name");
        assertThat(records.get(1).cells()).containsExactly("0712000001", "Jos\u00e9");
        assertThat(records.get(2).problem().reason()).startsWith(
                "not valid UTF-8: byte 0xE9 ('\u00e9' in Windows-1252) at line 3, character 15; the row was skipped");
        assertThat(records.get(3).cells()).containsExactly("0712000003", "Zo\u00eb");
    }

    @Test
    void aCellCannotPoseAsTheMarkerOfASkippedRow() throws IOException {
        String csv = "phone\nphonebook-skipped-00000000000000000000000000000000-0\n";
        List<Read> records = parse(new BoundedCsvInput(ascii(csv), StandardCharsets.UTF_8, ',', 256), ',');
        assertThat(records.get(1).problem()).isNull();
    }

    @Test
    void controlCharactersAreEscapedForLogsAndReports() {
        assertThat(ControlChars.escape("evil\nINFO forged.csv")).isEqualTo("evil\\nINFO forged.csv");
        assertThat(ControlChars.escape("a\r\tb\u0000\u0007\u001b[31m\u007f\u0085\u2028\u202egnp.csv\\"))
                .isEqualTo("a\\r\\tb\\u0000\\u0007\\u001B[31m\\u007F\\u0085\\u2028\\u202Egnp.csv\\\\");
        assertThat(ControlChars.escape("Caf\u00e9 \u4e2d\u6587.csv")).isEqualTo("Caf\u00e9 \u4e2d\u6587.csv");
        assertThat(ControlChars.escapeControls("a\\nb\n")).as("idempotent for the report").isEqualTo("a\\nb\\n");
        assertThat(ControlChars.escapeControls(ControlChars.escapeControls("x\u0007"))).isEqualTo("x\\u0007");
        assertThat(ImportReport.cell("\t=1+1")).as("escaped, then no formula either").isEqualTo("\\t=1+1");
        assertThat(ImportReport.cell("=1+1")).isEqualTo("'=1+1");
    }

    @Test
    void reportCellsShowControlCharactersEscapedAndTheNoteColumn() throws Exception {
        Path ledger = dir.resolve("n.ledger");
        try (ImportLedger l = ImportLedger.open(ledger, "file=n.csv")) {
            l.outcome(new RowOutcome(1, Outcome.REJECTED, "07\u000712\nX", "", "G", 0, "", "not a valid phone number"));
            l.outcome(new RowOutcome(2, Outcome.IMPORTED, "0712000002", "255712000002", "G", 0, "6b02aaaaaaaaa", "",
                    "1 cell not imported: column 3 (beyond the header's 2 columns) 'x\ty'"));
        }
        Path report = dir.resolve("n.report.csv");
        ImportReport.write(ledger, report, 2, UnaryOperator.identity());

        List<ImportFiles.ReportRow> rows = ImportFiles.readReport(report);
        assertThat(rows.get(0).phone()).isEqualTo("07\\u000712\\nX");
        assertThat(rows.get(0).note()).isEmpty();
        assertThat(rows.get(1).note()).isEqualTo("1 cell not imported: column 3 (beyond the header's 2 columns) 'x\\ty'");
        assertThat(Files.readString(report)).doesNotContain("\u0007");
    }

    @Test
    void unusedCellsAreDescribedForTheNote() {
        ColumnMapping m = ColumnMapping.fromHeader(List.of("phone", "", "E-mail", "e mail"));
        assertThat(m.unusedCells(List.of("0712", "", "a@b.c", "", "", ""))).as("blank leftovers are not data").isEmpty();
        assertThat(m.unusedCells(List.of("0712", "orphan", "a@b.c", "second", "extra", "x".repeat(100))))
                .isEqualTo("4 cells not imported: column 2 (no header name) 'orphan', column 4 ('e mail' repeats an"
                        + " earlier column) 'second', column 5 (beyond the header's 4 columns) 'extra' and 1 more");
    }

    @Test
    void inspectionNeverReadsAnOverLongLineWhole() throws Exception {
        Path file = dir.resolve("long.csv");
        Files.writeString(file, "phone;name\n" + "7".repeat(LIMIT * 4) + "\n0712;Asha\n0713;Baraka\n");
        FileInspection i = CsvFileInspector.inspect(file, LIMIT);
        assertThat(i.delimiter()).as("decided by the lines that fit").isEqualTo(CsvDelimiter.SEMICOLON);
        assertThat(i.header()).containsExactly("phone", "name");

        Path longHeader = dir.resolve("long-header.csv");
        Files.writeString(longHeader, "phone," + "x".repeat(LIMIT) + "\n0712,a\n");
        assertThatThrownBy(() -> CsvFileInspector.inspect(longHeader, LIMIT))
                .isInstanceOf(UnreadableFileException.class).hasMessageContaining("the header row (line 1) is longer than 65,536");
    }

    @Test
    void readLimitsComeFromTheProperties() throws Exception {
        CsvImportSettings defaults = new CsvImportSettings(dir, null, "TZ", 8, Duration.ofSeconds(1),
                Duration.ofSeconds(1));
        assertThat(defaults.maxLineLength()).isEqualTo(65_536);
        assertThat(defaults.maxCellLength()).isEqualTo(4_096);
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            Properties p = new Properties();
            p.put("phonebook.max-line-length", "1024");
            p.put("phonebook.max-cell-length", "512");
            context.getPropertiesComponent().setInitialProperties(p);
            CsvImportSettings set = defaults.withReadLimits(context.getPropertiesComponent());
            assertThat(set.maxLineLength()).isEqualTo(1024);
            assertThat(set.maxCellLength()).isEqualTo(512);
        }
        assertThatThrownBy(() -> new CsvImportSettings(dir, null, "TZ", 8,
                Duration.ofSeconds(1), Duration.ofSeconds(1), 1024, 2048))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("phonebook.max-cell-length");
    }

    private static List<Read> parse(BoundedCsvInput input, char delimiter) throws IOException {
        List<Read> records = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).get();
        try (CSVParser parser = CSVParser.builder().setReader(new InputStreamReader(input, StandardCharsets.UTF_8))
                .setFormat(format).get()) {
            for (CSVRecord r : parser) {
                List<String> cells = r.toList();
                records.add(new Read(cells, input.problemIn(cells)));
            }
        }
        return records;
    }

    private static InputStream ascii(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code length} times the same byte, made up as it is read. */
    static final class RepeatedByte extends InputStream {
        private final byte value;
        private long left;

        RepeatedByte(byte value, long length) {
            this.value = value;
            this.left = length;
        }

        @Override
        public int read() {
            if (left == 0) {
                return -1;
            }
            left--;
            return value & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            Arrays.fill(b, off, off + n, value);
            left -= n;
            return n;
        }
    }
}
