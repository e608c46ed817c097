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
        RowOffsets offsets = new RowOffsets(rows);
        // the first pass decodes nothing but the row number of outcome lines ("O\t<row>\t..."): at a million rows
        // the ledger has two million lines, and a string of each was made only to look at its first two characters
        LedgerLines.forEachRaw(ledger, (offset, line, length) -> {
            if (length > 2 && line[0] == 'O' && line[1] == '\t') {
                long row = rowNumber(line, length);
                if (row < 0) {
                    throw new IllegalStateException("not an outcome line at byte " + offset + " of " + ledger.getFileName());
                }
                if (row >= 1 && row <= rows) {
                    offsets.putIfAbsent(row, offset);
                }
            }
        });
        try (FileChannel in = FileChannel.open(ledger, StandardOpenOption.READ)) {
            return write(report, view, out -> {
                for (long row = 1; row <= rows; row++) {
                    long offset = offsets.get(row);
                    if (offset >= 0) {
                        out.accept(ImportLedger.parseOutcome(LedgerLines.readAt(in, offset)));
                    }
                }
            });
        }
    }

    /** The row number after "O\t", up to the next tab; -1 when it is not one (no digit, a non-digit, too long). */
    private static long rowNumber(byte[] line, int length) {
        long row = 0;
        int i = 2;
        for (; i < length && line[i] != '\t'; i++) {
            if (line[i] < '0' || line[i] > '9' || i > 20) {
                return -1;
            }
            row = row * 10 + (line[i] - '0');
        }
        return i == 2 ? -1 : row;
    }

    /**
     * Where each row's outcome sits in the ledger, 8 bytes a row, in pieces of 32,768 rows (256 KB). One array for
     * a million rows would be 8 MB that G1 must place in free regions side by side, in a heap that is full at the end
     * of a long import (in one million-row benchmark run the RSS rose by 35 MB while the report was written, with the
     * single array). A piece is below half of G1's smallest region, so it goes where any object goes.
     */
    static final class RowOffsets {
        private static final int PIECE_BITS = 15;
        private static final int PIECE_MASK = (1 << PIECE_BITS) - 1;
        private final long[][] pieces;

        RowOffsets(long rows) {
            pieces = new long[Math.toIntExact((rows >>> PIECE_BITS) + 1)][];
        }

        /** Notes the row's first outcome (a later one for the same row, written by a repeat, is not the row's). */
        void putIfAbsent(long row, long offset) {
            long[] piece = pieces[(int) (row >>> PIECE_BITS)];
            if (piece == null) {
                piece = new long[1 << PIECE_BITS];
                Arrays.fill(piece, -1);
                pieces[(int) (row >>> PIECE_BITS)] = piece;
            }
            int i = (int) (row & PIECE_MASK);
            if (piece[i] < 0) {
                piece[i] = offset;
            }
        }

        /** The offset of the row's outcome, or -1 when the row has none. */
        long get(long row) {
            long[] piece = pieces[(int) (row >>> PIECE_BITS)];
            return piece == null ? -1 : piece[(int) (row & PIECE_MASK)];
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
