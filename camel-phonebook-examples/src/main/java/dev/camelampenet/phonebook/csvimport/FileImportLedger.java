package dev.camelampenet.phonebook.csvimport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded backend of {@link ImportLedger} ({@code phonebook.store.url} empty): an append-only text file in the
 * work folder, one line per event. One instance only: the file lives on this instance's disk.
 *
 * <pre>
 * # phonebook ledger v1 ...            header: file, hash, group, start time
 * S  started-at                        a session (start or resume)
 * A  row  number                       contacts/store is about to be sent for this row
 * O  row  outcome  first-row  number  group  uid  phone-as-given  reason  note
 * E  rows  finished-at                 every row has an outcome
 * </pre>
 *
 * Every line is written straight to the file (no buffer in this process), so a killed process loses nothing it
 * wrote; the file is forced to disk at most once a second and on close, so a power cut loses at most the last
 * second, whose rows are then sent again and come back as duplicates. A line cut short by a kill is dropped when
 * the ledger is opened again.
 */
final class FileImportLedger implements ImportLedger {

    private static final Logger LOG = LoggerFactory.getLogger(FileImportLedger.class);
    static final String MAGIC = "# phonebook ledger v1";
    private static final long SYNC_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Path path;
    private final FileChannel channel;
    private final State state;
    private long lastSync = System.nanoTime();
    private boolean closed;

    private FileImportLedger(Path path, FileChannel channel, State state) {
        this.path = path;
        this.channel = channel;
        this.state = state;
    }

    /** Opens the ledger at {@code path}, reading what an earlier run wrote, or starts it with {@code header}. */
    static FileImportLedger open(Path path, String header) throws IOException {
        Files.createDirectories(path.getParent());
        State state = new State();
        if (Files.exists(path)) {
            long complete = LedgerLines.forEach(path, (offset, line) -> read(state, line));
            FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE);
            if (channel.size() > complete) {
                LOG.warn("Ledger {}: dropping a last line cut short by a stop ({} bytes)", path.getFileName(),
                        channel.size() - complete);
                channel.truncate(complete);
            }
            channel.position(channel.size());
            return new FileImportLedger(path, channel, state);
        }
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileImportLedger ledger = new FileImportLedger(path, channel, state);
        ledger.append(MAGIC + "\t" + header.replace('\r', ' ').replace('\n', ' '));
        return ledger;
    }

    private static void read(State state, String line) {
        String[] f = line.split("\t", -1);
        switch (f[0]) {
            case "A":
                state.attempt(Math.toIntExact(Long.parseLong(f[1])));
                break;
            case "O":
                state.restore(ImportLedger.parseOutcome(f));
                break;
            case "S":
                state.sessions++;
                if (state.startedAt == null) {
                    state.startedAt = f[1];
                }
                break;
            case "E":
                state.completedRows = Long.parseLong(f[1]);
                state.completedAt = f[2];
                break;
            default:
                // the header, or a line type from a newer version: nothing to restore
        }
    }

    Path path() {
        return path;
    }

    @Override
    public String describe() {
        return path.toString();
    }

    @Override
    public long writeReport(Path report, long rows, UnaryOperator<RowOutcome> view) throws IOException {
        return ImportReport.write(path, report, rows, view);
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public synchronized void session() {
        String now = Instant.now().toString();
        if (append("S\t" + now)) {
            state.sessions++;
            if (state.startedAt == null) {
                state.startedAt = now;
            }
        }
    }

    /** Written before contacts/store goes out, so a later run knows the answer may have been lost. */
    @Override
    public boolean attempt(long row, String number) {
        append("A\t" + row + "\t" + number);
        synchronized (this) {
            return state.attempt(Math.toIntExact(row));
        }
    }

    /** One instance holds a file ledger: what it wrote and read is all there is. */
    @Override
    public synchronized int attempts(long row) {
        int r = Math.toIntExact(row);
        return state.attemptedAgain.get(r) ? 2 : state.attempted.get(r) ? 1 : 0;
    }

    /** Whether the row has an outcome (read by the file's reader while answers are being written). */
    @Override
    public synchronized boolean isDone(long row) {
        return state.done.get(Math.toIntExact(row));
    }

    /** @return false when the row already had an outcome (it keeps the first one) */
    @Override
    public synchronized boolean outcome(RowOutcome o) {
        int row = Math.toIntExact(o.row());
        if (state.done.get(row)) {
            return false;
        }
        if (!append("O\t" + o.row() + "\t" + o.outcome().label() + "\t" + o.firstRow() + "\t" + ImportLedger.clean(o.number()) + "\t"
                + ImportLedger.clean(o.group()) + "\t" + ImportLedger.clean(o.contactUid()) + "\t" + ControlChars.escapeControls(o.phoneGiven()) + "\t"
                + ControlChars.escapeControls(o.reason()) + "\t" + ControlChars.escapeControls(o.note()))) {
            return false;
        }
        state.done.set(row);
        state.counts[o.outcome().ordinal()]++;
        state.lastRow = Math.max(state.lastRow, o.row());
        return true;
    }

    @Override
    public synchronized void complete(long rows) {
        String now = Instant.now().toString();
        if (append("E\t" + rows + "\t" + now)) {
            state.completedRows = rows;
            state.completedAt = now;
        }
    }

    private synchronized boolean append(String line) {
        if (closed) {
            LOG.debug("Ledger {} is closed; not written: {}", path.getFileName(), line);
            return false;
        }
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            long now = System.nanoTime();
            if (now - lastSync > SYNC_INTERVAL_NANOS) {
                channel.force(false);
                lastSync = now;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the import ledger " + path, e);
        }
        return true;
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.force(false);
        } finally {
            channel.close();
        }
    }
}
