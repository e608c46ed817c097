package dev.camelampenet.phonebook.csvimport;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.function.UnaryOperator;

import dev.camelampenet.phonebook.store.FlowDatabase;

/**
 * The shared backend of {@link ImportLedger} ({@code phonebook.store.url} set): one file's import in the flow store's
 * {@code import_file}, {@code import_row} and {@code import_attempt} (V1 and V3 migrations), so that whichever instance
 * holds the file resumes from what every instance wrote.
 * <p>
 * Every write that guards exactly-once is one atomic statement judged by its row count, never a read followed by a
 * write: a row's outcome is {@code INSERT ... ON CONFLICT (file_key, row_no) DO NOTHING} (the first wins, as in the
 * file ledger), the file's completion is {@code UPDATE ... WHERE state = 'importing'}. Each write is its own
 * auto-committed statement on a pooled connection, so what an instance wrote before it was killed is in the table.
 */
final class PostgresImportLedger implements ImportLedger {

    private final FlowDatabase db;
    private final String fileKey;
    private final State state = new State();
    private volatile boolean closed;

    private PostgresImportLedger(FlowDatabase db, String fileKey) {
        this.db = db;
        this.fileKey = fileKey;
    }

    /**
     * Opens the ledger of {@code fileKey}: its {@code import_file} row is made if missing, and everything stored for it
     * (by any instance) is read into {@link #state()}.
     */
    static PostgresImportLedger open(FlowDatabase db, String fileKey, String fileName, String contentSha256,
                                     String group) {
        PostgresImportLedger ledger = new PostgresImportLedger(db, fileKey);
        try (Connection c = db.connection()) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO import_file (file_key, state, file_name,"
                    + " group_name, content_sha256) VALUES (?, 'importing', ?, ?, ?) ON CONFLICT (file_key) DO NOTHING")) {
                s.setString(1, fileKey);
                s.setString(2, fileName);
                s.setString(3, group);
                s.setString(4, contentSha256);
                s.executeUpdate();
            }
            ledger.read(c);
        } catch (SQLException e) {
            throw ledger.failure("cannot open", e);
        }
        return ledger;
    }

    private void read(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT state, rows, sessions, started_at, completed_at FROM"
                + " import_file WHERE file_key = ?")) {
            s.setString(1, fileKey);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new SQLException("the import_file row of " + fileKey + " is gone");
                }
                state.sessions = r.getInt("sessions");
                state.startedAt = instant(r.getTimestamp("started_at"));
                if ("imported".equals(r.getString("state"))) {
                    state.completedRows = r.getLong("rows");
                    state.completedAt = instant(r.getTimestamp("completed_at"));
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT row_no FROM import_attempt WHERE file_key = ?")) {
            s.setString(1, fileKey);
            s.setFetchSize(10_000);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    state.attempted.set(r.getInt(1));
                }
            }
        }
        forEachRow(c, Long.MAX_VALUE, state::restore);
    }

    /** The stored outcomes up to {@code maxRow}, in row order. */
    private void forEachRow(Connection c, long maxRow, ImportReport.RowSink sink) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        // pgjdbc streams with a cursor (fetch size) only inside a transaction; otherwise it reads every row at once
        c.setAutoCommit(false);
        try (PreparedStatement s = c.prepareStatement("SELECT row_no, outcome, phone_given, number, group_name,"
                + " first_row, contact_uid, reason, note FROM import_row WHERE file_key = ? AND row_no <= ?"
                + " ORDER BY row_no")) {
            s.setString(1, fileKey);
            s.setLong(2, Math.min(maxRow, Integer.MAX_VALUE));
            s.setFetchSize(5_000);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    sink.accept(new RowOutcome(r.getInt(1), Outcome.fromLabel(r.getString(2)), r.getString(3),
                            r.getString(4), r.getString(5), r.getInt(6), r.getString(7), r.getString(8), r.getString(9)));
                }
            } catch (IOException e) {
                throw new SQLException("cannot write the report", e);
            }
            c.commit();
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public synchronized void session() {
        if (closed) {
            return;
        }
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement("UPDATE import_file SET"
                + " sessions = sessions + 1, started_at = coalesce(started_at, now()), updated_at = now()"
                + " WHERE file_key = ? RETURNING sessions, started_at")) {
            s.setString(1, fileKey);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    state.sessions = r.getInt(1);
                    state.startedAt = instant(r.getTimestamp(2));
                }
            }
        } catch (SQLException e) {
            throw failure("cannot write a session to", e);
        }
    }

    /**
     * One statement claims the attempt and counts it: the first store of a row inserts its line, every later one (a
     * resumed run, or a second instance that took the file over while the first still worked on it) adds one, and
     * the count it returns says whether another store went out before.
     */
    @Override
    public boolean attempt(long row, String number) {
        if (closed) {
            return false;
        }
        int attempts;
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement("INSERT INTO import_attempt"
                + " (file_key, row_no, number) VALUES (?, ?, ?) ON CONFLICT (file_key, row_no)"
                + " DO UPDATE SET attempts = import_attempt.attempts + 1 RETURNING attempts")) {
            s.setString(1, fileKey);
            s.setInt(2, Math.toIntExact(row));
            s.setString(3, number);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                attempts = r.getInt(1);
            }
        } catch (SQLException e) {
            // not written, not sent: the row fails before its call and is sent when the import resumes
            throw failure("cannot note an attempt in", e);
        }
        synchronized (this) {
            state.attempted.set(Math.toIntExact(row));
            if (attempts > 1) {
                state.attemptedAgain.set(Math.toIntExact(row));
            }
        }
        return attempts > 1;
    }

    @Override
    public int attempts(long row) {
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement("SELECT attempts FROM"
                + " import_attempt WHERE file_key = ? AND row_no = ?")) {
            s.setString(1, fileKey);
            s.setInt(2, Math.toIntExact(row));
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getInt(1) : 0;
            }
        } catch (SQLException e) {
            throw failure("cannot read the attempts of a row in", e);
        }
    }

    @Override
    public synchronized boolean isDone(long row) {
        return state.done.get(Math.toIntExact(row));
    }

    @Override
    public boolean outcome(RowOutcome o) {
        synchronized (this) {
            if (closed || state.done.get(Math.toIntExact(o.row()))) {
                return false;
            }
        }
        int inserted;
        try (Connection c = db.connection()) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO import_row (file_key, row_no, outcome, number,"
                    + " contact_uid, reason, note, phone_given, group_name, first_row) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (file_key, row_no) DO NOTHING")) {
                s.setString(1, fileKey);
                s.setInt(2, Math.toIntExact(o.row()));
                s.setString(3, o.outcome().label());
                s.setString(4, o.number());
                s.setString(5, o.contactUid());
                s.setString(6, o.reason());
                s.setString(7, o.note());
                s.setString(8, o.phoneGiven());
                s.setString(9, o.group());
                s.setInt(10, Math.toIntExact(o.firstRow()));
                inserted = s.executeUpdate();
            }
            if (inserted == 0) {
                // another instance settled the row first (it held the file before us): the row keeps that outcome,
                // which this instance counts as the file's, so the file's totals stay right
                RowOutcome[] stored = new RowOutcome[1];
                try (PreparedStatement s = c.prepareStatement("SELECT row_no, outcome, phone_given, number, group_name,"
                        + " first_row, contact_uid, reason, note FROM import_row WHERE file_key = ? AND row_no = ?")) {
                    s.setString(1, fileKey);
                    s.setInt(2, Math.toIntExact(o.row()));
                    try (ResultSet r = s.executeQuery()) {
                        if (r.next()) {
                            stored[0] = new RowOutcome(r.getInt(1), Outcome.fromLabel(r.getString(2)), r.getString(3),
                                    r.getString(4), r.getString(5), r.getInt(6), r.getString(7), r.getString(8),
                                    r.getString(9));
                        }
                    }
                }
                if (stored[0] != null) {
                    synchronized (this) {
                        state.restore(stored[0]);
                    }
                }
                return false;
            }
        } catch (SQLException e) {
            throw failure("cannot write row " + o.row() + " to", e);
        }
        synchronized (this) {
            // the insert won: this is the row's outcome. A thread of this instance that lost the same race may have
            // counted it already (from the table); it is counted once either way, and only the winner says true
            int row = Math.toIntExact(o.row());
            if (!state.done.get(row)) {
                state.done.set(row);
                state.counts[o.outcome().ordinal()]++;
                state.lastRow = Math.max(state.lastRow, o.row());
            }
        }
        return true;
    }

    @Override
    public synchronized void complete(long rows) {
        if (closed) {
            return;
        }
        try (Connection c = db.connection()) {
            try (PreparedStatement s = c.prepareStatement("UPDATE import_file SET state = 'imported', rows = ?,"
                    + " completed_at = now(), updated_at = now() WHERE file_key = ? AND state = 'importing'"
                    + " RETURNING completed_at")) {
                s.setInt(1, Math.toIntExact(rows));
                s.setString(2, fileKey);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        state.completedRows = rows;
                        state.completedAt = instant(r.getTimestamp(1));
                        return;
                    }
                }
            }
            // completed by another instance meanwhile: take its word
            read(c);
        } catch (SQLException e) {
            throw failure("cannot complete", e);
        }
    }

    @Override
    public long writeReport(Path report, long rows, UnaryOperator<RowOutcome> view) throws IOException {
        return ImportReport.write(report, view, sink -> {
            try (Connection c = db.connection()) {
                forEachRow(c, rows, sink);
            } catch (SQLException e) {
                throw new IOException(db.settings().mask("cannot read the import ledger " + describe() + ": "
                        + e.getMessage()), e);
            }
        });
    }

    @Override
    public String describe() {
        return "import_row of file_key " + fileKey;
    }

    String fileKey() {
        return fileKey;
    }

    /** The ledger holds no connection between writes; closing stops further writes from this job. */
    @Override
    public void close() {
        closed = true;
    }

    /**
     * A failed statement: the import stops (the row or file exchange fails) and resumes later. The message is masked
     * and the driver's exception is not chained, so no password can reach a log line through it.
     */
    private IllegalStateException failure(String what, SQLException e) {
        IllegalStateException failure = new IllegalStateException(db.settings().mask("The CSV import " + what
                + " the import ledger " + describe() + ": " + e.getMessage()));
        failure.setStackTrace(e.getStackTrace());
        return failure;
    }

    private static String instant(Timestamp t) {
        return t == null ? null : t.toInstant().toString();
    }
}
