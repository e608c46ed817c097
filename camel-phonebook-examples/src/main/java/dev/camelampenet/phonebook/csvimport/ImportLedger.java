package dev.camelampenet.phonebook.csvimport;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.function.UnaryOperator;

/**
 * The durable memory of one file's import: which rows have their outcome (and which one), which rows had a
 * {@code contacts/store} go out, and whether the whole file was imported. A resumed import (after a stop, a kill,
 * or on another instance) skips the settled rows and looks for the attempted ones in their group, so no contact is
 * stored twice and every row ends with one outcome.
 * <p>
 * Two backends, one contract ({@code ImportLedgerContract} in the tests): {@link FileImportLedger}, a file in the
 * inbox's work folder (the embedded default, one instance), and {@link PostgresImportLedger}, the tables
 * {@code import_file}, {@code import_row} and {@code import_attempt} of the shared flow store (several instances).
 * <p>
 * The rule both keep: the first outcome of a row wins; a second one for the same row is refused ({@link #outcome}
 * returns false) and the row keeps the first. In the database this is the primary key claimed with
 * {@code INSERT ... ON CONFLICT DO NOTHING}, so two instances that raced on a row cannot both settle it.
 */
interface ImportLedger extends Closeable {

    /** Opens the file ledger at {@code path} (the embedded backend); kept for the tests that read it directly. */
    static ImportLedger open(Path path, String header) throws IOException {
        return FileImportLedger.open(path, header);
    }

    /** What the ledger says so far: read when it is opened, kept up to date by this instance's writes. */
    State state();

    /** Notes that an import of the file starts or resumes. */
    void session();

    /**
     * Written before contacts/store goes out, so a later run knows the answer may have been lost.
     *
     * @return whether a store for this row went out before (in an earlier run, or on another instance that held the
     *         file when its claim lapsed): then this one may be answered "already taken" for the contact that store
     *         made, and the row is looked for in its group instead of being called a duplicate
     */
    boolean attempt(long row, String number);

    /**
     * How many stores for this row went out so far, as the ledger knows now (for the database, read afresh: another
     * instance may have sent one since this instance's own). Asked only when the API answers "already taken".
     */
    int attempts(long row);

    /** Whether the row has an outcome (read by the file's reader while answers are being written). */
    boolean isDone(long row);

    /**
     * Records the row's outcome.
     *
     * @return false when the row already had an outcome (it keeps the first one, which {@link #state()} then holds)
     */
    boolean outcome(RowOutcome outcome);

    /** Every row has an outcome: the file is imported; opening it again finds it {@link State#isComplete()}. */
    void complete(long rows);

    /**
     * Writes {@code <file>.report.csv}: one line per settled row up to {@code rows}, in row order.
     *
     * @return how many rows were written
     */
    long writeReport(Path report, long rows, UnaryOperator<RowOutcome> view) throws IOException;

    /** Where the ledger is, for a log line (a path, or the store's table and key). */
    String describe();

    /** What a ledger says so far. */
    final class State {
        final BitSet done = new BitSet();
        final BitSet attempted = new BitSet();
        /** Rows with more than one store gone out (file backend; the database counts them in import_attempt). */
        final BitSet attemptedAgain = new BitSet();
        final long[] counts = new long[Outcome.values().length];
        final SeenNumbers seen = new SeenNumbers();
        long lastRow;
        long completedRows = -1;
        String completedAt;
        String startedAt;
        int sessions;

        boolean isComplete() {
            return completedRows >= 0;
        }

        long outcomes() {
            long sum = 0;
            for (long c : counts) {
                sum += c;
            }
            return sum;
        }

        long count(Outcome outcome) {
            return counts[outcome.ordinal()];
        }

        /** Notes a store gone out for the row; true when one had gone out before. */
        boolean attempt(int row) {
            boolean before = attempted.get(row);
            if (before) {
                attemptedAgain.set(row);
            }
            attempted.set(row);
            return before;
        }

        /** Takes in a stored outcome (read at open, or found stored by another instance): the first one wins. */
        boolean restore(RowOutcome o) {
            int row = Math.toIntExact(o.row());
            if (done.get(row)) {
                return false;
            }
            done.set(row);
            counts[o.outcome().ordinal()]++;
            lastRow = Math.max(lastRow, o.row());
            if (!o.number().isEmpty()) {
                // a number's owner is the first row that had it, also when that row is still unsettled
                seen.restore(o.group(), o.number(), o.firstRow() > 0 ? o.firstRow() : o.row());
            }
            return true;
        }
    }

    static RowOutcome parseOutcome(String line) {
        return parseOutcome(line.split("\t", -1));
    }

    static RowOutcome parseOutcome(String[] f) {
        if (f.length < 9 || !"O".equals(f[0])) {
            throw new IllegalStateException("not an outcome line: " + String.join("\\t", f));
        }
        // the note came later: a ledger written before has nine fields, which reads as no note
        return new RowOutcome(Long.parseLong(f[1]), Outcome.fromLabel(f[2]), f[7], f[4], f[5], Long.parseLong(f[3]),
                f[6], f[8], f.length > 9 ? f[9] : "");
    }

    /** Tabs and line breaks would split a ledger line. */
    static String clean(String value) {
        if (value == null) {
            return "";
        }
        return value.replace('\t', ' ').replace('\r', ' ').replace('\n', ' ');
    }
}
