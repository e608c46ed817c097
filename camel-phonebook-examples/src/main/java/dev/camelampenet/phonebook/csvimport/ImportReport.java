package dev.camelampenet.phonebook.csvimport;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.UnaryOperator;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes {@code <file>.report.csv} from the ledger, one line per row in row order, whatever order the rows were
 * settled in (concurrently, across restarts). Memory stays small for any size: one pass notes where each row's
 * outcome sits in the ledger (8 bytes a row), a second reads them back in order.
 * <p>
 * The report is for spreadsheets: UTF-8 with a BOM (so Excel shows accents), CRLF, RFC 4180 quoting, and every cell
 * that a spreadsheet would run as a formula (starting with {@code = + - @}, a tab or a carriage return) prefixed
 * with an apostrophe, so a hostile phone cell like {@code =HYPERLINK(...)} stays text. Control characters in a
 * text cell are shown escaped ({@code \n}, {@code \u0007}, see {@link ControlChars}), so a cell is one visible line
 * of what the file held.
 * <p>
 * {@code note} (the last column, so readers by position keep working) says what of a row was not imported with it:
 * cells beyond the header or under no header name, custom fields the group does not define.
 */
public final class ImportReport {

    public static final String[] COLUMNS = {"row", "phone", "outcome", "reason", "contact_uid", "number", "note"};

    private ImportReport() {
    }

    /**
     * @param rows the highest row number to report
     * @param view how each stored outcome is shown (the identity, or "imported earlier" for a repeated file)
     * @return how many rows were written
     */
    static long write(Path ledger, Path report, long rows, UnaryOperator<RowOutcome> view) throws IOException {
        long[] offsets = new long[Math.toIntExact(rows + 1)];
        Arrays.fill(offsets, -1);
        LedgerLines.forEach(ledger, (offset, line) -> {
            if (line.startsWith("O\t")) {
                int end = line.indexOf('\t', 2);
                long row = Long.parseLong(line.substring(2, end));
                if (row <= rows && offsets[(int) row] < 0) {
                    offsets[(int) row] = offset;
                }
            }
        });
        try (FileChannel in = FileChannel.open(ledger, StandardOpenOption.READ)) {
            return write(report, view, out -> {
                for (int row = 1; row <= rows; row++) {
                    if (offsets[row] >= 0) {
                        out.accept(ImportLedger.parseOutcome(LedgerLines.readAt(in, offsets[row])));
                    }
                }
            });
        }
    }

    /** Where a report's rows come from: each settled row once, in row order. */
    interface Rows {
        void forEach(RowSink sink) throws IOException;
    }

    interface RowSink {
        void accept(RowOutcome outcome) throws IOException;
    }

    /**
     * Writes the report from {@code rows} (the database ledger streams them ordered by row number), to a
     * {@code .part} file first and moved in place, so a reader never sees half a report.
     */
    static long write(Path report, UnaryOperator<RowOutcome> view, Rows rows) throws IOException {
        Path partial = report.resolveSibling(report.getFileName() + ".part");
        long[] written = {0};
        try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(partial), StandardCharsets.UTF_8), 64 * 1024);
             CSVPrinter printer = new CSVPrinter(out, CSVFormat.EXCEL)) {
            out.write('\uFEFF');
            printer.printRecord((Object[]) COLUMNS);
            rows.forEach(stored -> {
                RowOutcome o = view.apply(stored);
                printer.printRecord(Long.toString(o.row()), cell(o.phoneGiven()), o.outcome().label(), cell(o.reason()),
                        cell(o.contactUid()), cell(o.number()), cell(o.note()));
                written[0]++;
            });
        }
        Files.move(partial, report, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return written[0];
    }

    /** A report cell: control characters escaped, then the formula guard. */
    static String cell(String text) {
        return safe(ControlChars.escapeControls(text));
    }

    /** A cell a spreadsheet shows as text: formula starters get a leading apostrophe (OWASP CSV injection). */
    public static String safe(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "";
        }
        char first = cell.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            return "'" + cell;
        }
        return cell;
    }
}
