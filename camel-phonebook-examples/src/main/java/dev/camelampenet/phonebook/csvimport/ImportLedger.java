package dev.camelampenet.phonebook.csvimport;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable memory of one file's import: an append-only text file in the work folder, one line per event.
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
final class ImportLedger implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(ImportLedger.class);
    static final String MAGIC = "# phonebook ledger v1";
    private static final long SYNC_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Path path;
    private final FileChannel channel;
    private final State state;
    private long lastSync = System.nanoTime();
    private boolean closed;

    /** What a ledger says so far. */
    static final class State {
        final BitSet done = new BitSet();
        final BitSet attempted = new BitSet();
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
    }

    private ImportLedger(Path path, FileChannel channel, State state) {
        this.path = path;
        this.channel = channel;
        this.state = state;
    }

    /** Opens the ledger at {@code path}, reading what an earlier run wrote, or starts it with {@code header}. */
    static ImportLedger open(Path path, String header) throws IOException {
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
            return new ImportLedger(path, channel, state);
        }
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        ImportLedger ledger = new ImportLedger(path, channel, state);
        ledger.append(MAGIC + "\t" + header.replace('\r', ' ').replace('\n', ' '));
        return ledger;
    }

    private static void read(State state, String line) {
        String[] f = line.split("\t", -1);
        switch (f[0]) {
            case "A":
                state.attempted.set(Math.toIntExact(Long.parseLong(f[1])));
                break;
            case "O": {
                RowOutcome o = parseOutcome(f);
                int row = Math.toIntExact(o.row());
                if (!state.done.get(row)) {
                    state.done.set(row);
                    state.counts[o.outcome().ordinal()]++;
                    state.lastRow = Math.max(state.lastRow, o.row());
                    if (!o.number().isEmpty()) {
                        // a number's owner is the first row that had it, also when that row is still unsettled
                        state.seen.restore(o.group(), o.number(), o.firstRow() > 0 ? o.firstRow() : o.row());
                    }
                }
                break;
            }
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

    static RowOutcome parseOutcome(String line) {
        return parseOutcome(line.split("\t", -1));
    }

    private static RowOutcome parseOutcome(String[] f) {
        if (f.length < 9 || !"O".equals(f[0])) {
            throw new IllegalStateException("not an outcome line: " + String.join("\\t", f));
        }
        // the note came later: a ledger written before has nine fields, which reads as no note
        return new RowOutcome(Long.parseLong(f[1]), Outcome.fromLabel(f[2]), f[7], f[4], f[5], Long.parseLong(f[3]),
                f[6], f[8], f.length > 9 ? f[9] : "");
    }

    Path path() {
        return path;
    }

    State state() {
        return state;
    }

    synchronized void session() {
        String now = Instant.now().toString();
        if (append("S\t" + now)) {
            state.sessions++;
            if (state.startedAt == null) {
                state.startedAt = now;
            }
        }
    }

    /** Written before contacts/store goes out, so a later run knows the answer may have been lost. */
    void attempt(long row, String number) {
        append("A\t" + row + "\t" + number);
    }

    /** Whether the row has an outcome (read by the file's reader while answers are being written). */
    synchronized boolean isDone(long row) {
        return state.done.get(Math.toIntExact(row));
    }

    /** @return false when the row already had an outcome (it keeps the first one) */
    synchronized boolean outcome(RowOutcome o) {
        int row = Math.toIntExact(o.row());
        if (state.done.get(row)) {
            return false;
        }
        if (!append("O\t" + o.row() + "\t" + o.outcome().label() + "\t" + o.firstRow() + "\t" + clean(o.number()) + "\t"
                + clean(o.group()) + "\t" + clean(o.contactUid()) + "\t" + ControlChars.escapeControls(o.phoneGiven()) + "\t"
                + ControlChars.escapeControls(o.reason()) + "\t" + ControlChars.escapeControls(o.note()))) {
            return false;
        }
        state.done.set(row);
        state.counts[o.outcome().ordinal()]++;
        state.lastRow = Math.max(state.lastRow, o.row());
        return true;
    }

    synchronized void complete(long rows) {
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

    /** Tabs and line breaks would split a ledger line. */
    static String clean(String value) {
        if (value == null) {
            return "";
        }
        return value.replace('\t', ' ').replace('\r', ' ').replace('\n', ' ');
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
