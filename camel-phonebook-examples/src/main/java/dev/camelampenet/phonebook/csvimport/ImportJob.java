package dev.camelampenet.phonebook.csvimport;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import dev.camelampenet.ampenet.sms.PhoneNumbers;
import dev.camelampenet.ampenet.sms.Recipient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file's import while it runs: its mapping, its ledger, the numbers seen, the window of rows in flight, and
 * the counts. Rows are numbered and checked here, in file order, by the one thread that reads the file; only the
 * API calls run concurrently.
 */
final class ImportJob implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(ImportJob.class);

    final String fileName;
    /** The file name for log lines: control characters escaped, so a name cannot forge a line. */
    final String shownName;
    final Path file;
    final FileInspection inspection;
    final ColumnMapping mapping;
    /** The group named by the file name ("" when only a group column names groups). */
    final String fileGroup;
    final ImportLedger ledger;
    /** The same file (same content, same group) was imported to the end before: nothing is sent again. */
    final boolean repeat;
    final ImportProgress progress;
    private final ImportLedger.State state;
    private final PhoneNumbers phones;
    /** The groups of this file by name ignoring case (the server's unique index ignores case too). */
    private final Map<String, TargetGroup> groups = new ConcurrentHashMap<>();
    /** "group\tTAG" of every column already reported as not stored: each is named once per file, not on every row. */
    private final Set<String> notStoredNamed = ConcurrentHashMap.newKeySet();
    private final Consumer<Outcome> metrics;
    private final int windowSize;
    private final int maxCellLength;
    /** The file as camel-csv reads it, with over-long and undecodable rows replaced by markers; null in unit tests. */
    private final BoundedCsvInput input;
    private final Semaphore window;
    private final long settledAtStart;
    private final AtomicLong rowsRead = new AtomicLong();
    private final AtomicLong blankLines = new AtomicLong();
    private final AtomicReference<Throwable> stopCause = new AtomicReference<>();
    private volatile boolean allRead;
    private volatile String readError;
    private volatile boolean closed;

    ImportJob(String fileName, Path file, FileInspection inspection, ColumnMapping mapping, String fileGroup,
              ImportLedger ledger, PhoneNumbers phones, int concurrency, Consumer<Outcome> metrics,
              BoundedCsvInput input, int maxCellLength) {
        this.fileName = fileName;
        this.shownName = ControlChars.escape(fileName);
        this.input = input;
        this.maxCellLength = maxCellLength;
        this.file = file;
        this.inspection = inspection;
        this.mapping = mapping;
        this.fileGroup = fileGroup;
        this.ledger = ledger;
        this.state = ledger.state();
        this.repeat = state.isComplete();
        this.phones = phones;
        this.metrics = metrics;
        this.windowSize = concurrency;
        this.window = new Semaphore(concurrency);
        this.settledAtStart = state.outcomes();
        this.progress = new ImportProgress(settledAtStart, inspection.estimatedRows());
        if (!repeat) {
            state.seen.expect(inspection.estimatedRows()); // the duplicate index in one piece, not grown row by row
        }
    }

    /**
     * The rows to send, from camel-csv's lazy record iterator: the header is dropped, blank lines are skipped,
     * rows settled by an earlier run are skipped, and each row waits for a free place in the window of rows in
     * flight, so a file of any size holds only that many rows in memory.
     */
    Iterator<ImportRow> rows(Iterator<List<String>> records) {
        if (repeat) {
            closeQuietly(records);
            allRead = true;
            rowsRead.set(state.completedRows);
            return Collections.emptyIterator();
        }
        return new RowIterator(records);
    }

    /** Of the tags a store into {@code group} did not keep, those no earlier row of this file has named. */
    List<String> firstNamedNotStored(String group, List<String> tags) {
        List<String> fresh = new ArrayList<>();
        for (String tag : tags) {
            if (notStoredNamed.add(group + "\t" + tag)) {
                fresh.add(tag);
            }
        }
        return fresh;
    }

    /** For the done line: "NOTES (group 'VIP')", each column not stored once; "" when every column was kept. */
    String notStoredSummary() {
        return notStoredNamed.stream().sorted().map(k -> k.substring(k.indexOf('\t') + 1) + " (group '"
                + k.substring(0, k.indexOf('\t')) + "')").collect(java.util.stream.Collectors.joining(", "));
    }

    private final class RowIterator implements Iterator<ImportRow>, Closeable {
        private final Iterator<List<String>> records;
        private boolean headerSkipped;
        private boolean ended;
        private ImportRow next;

        RowIterator(Iterator<List<String>> records) {
            this.records = records;
        }

        @Override
        public boolean hasNext() {
            if (next == null && !ended && !closed && stopCause.get() == null) {
                next = advance();
            }
            return next != null;
        }

        @Override
        public ImportRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ImportRow row = next;
            next = null;
            return row;
        }

        private ImportRow advance() {
            while (true) {
                List<String> cells = nextRecord();
                if (cells == null) {
                    allRead = readError == null;
                    ended = true;
                    return null;
                }
                BoundedCsvInput.Problem problem = input == null ? null : input.problemIn(cells);
                if (!headerSkipped) {
                    headerSkipped = true;
                    if (problem != null) {
                        readError = "the header row cannot be read: " + problem.reason();
                        ended = true;
                        return null;
                    }
                    continue;
                }
                if (problem == null && isBlank(cells)) {
                    blankLines.incrementAndGet();
                    continue;
                }
                if (problem != null && problem.fatal()) {
                    // not thrown from here (the split would drop the rows handed out): finish() reports it
                    readError = "the file cannot be read after row " + rowsRead.get() + ": " + problem.reason();
                    ended = true;
                    return null;
                }
                long row = rowsRead.incrementAndGet();
                if (ledger.isDone(row)) {
                    continue; // settled by an earlier run
                }
                acquireWindow();
                if (stopCause.get() != null) {
                    window.release();
                    return null; // a row failed: hand out no more, the import pauses
                }
                return problem != null ? unreadRow(row, problem) : toRow(row, cells);
            }
        }

        private List<String> nextRecord() {
            try {
                return records.hasNext() ? records.next() : null;
            } catch (RuntimeException e) {
                // Commons CSV reports broken quoting as an unchecked IOException; the file itself is at fault. Not
                // thrown from here: the split would drop the rows already handed out; finish() reports it instead.
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                readError = "the file cannot be read after row " + rowsRead.get() + ": " + cause.getMessage();
                return null;
            }
        }

        @Override
        public void close() {
            closeQuietly(records);
        }
    }

    private static boolean isBlank(List<String> cells) {
        for (String c : cells) {
            if (c != null && !c.isBlank()) {
                return false;
            }
        }
        return true;
    }

    private void acquireWindow() {
        try {
            while (!window.tryAcquire(1, TimeUnit.SECONDS)) {
                if (closed) {
                    throw new IllegalStateException("the import of " + shownName + " was stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + shownName, e);
        }
    }

    /**
     * A row failed without an outcome (the API unreachable for longer than the redeliveries, a refused token):
     * no further rows are handed out, the rows in flight finish, and the import pauses.
     */
    void stop(Throwable cause) {
        if (stopCause.compareAndSet(null, cause == null ? new IllegalStateException("a row failed") : cause)) {
            LOG.debug("{}: stopping after a failed row: {}", shownName, ControlChars.escape(String.valueOf(cause)));
        }
    }

    Throwable stopCause() {
        return stopCause.get();
    }

    /** Gives back the row's place in the window (when the row's exchange is done, whatever became of it). */
    void releaseWindow() {
        window.release();
    }

    /**
     * Numbers, checks and de-duplicates one row, in file order; a row that needs no API call comes back settled.
     * Groups are resolved here too, in file order, so the first row naming a new group decides how its name is
     * spelled when it is created.
     */
    ImportRow toRow(long row, List<String> cells) {
        String tooLong = tooLongCell(cells);
        if (tooLong != null) {
            String given = ColumnMapping.shorten(mapping.phone(cells));
            return ImportRow.settled(this, row, given, "", fileGroup,
                    new RowOutcome(row, Outcome.REJECTED, given, "", fileGroup, 0, "", tooLong), "");
        }
        String note = mapping.unusedCells(cells);
        String given = mapping.phone(cells);
        String group = fileGroup;
        if (mapping.hasGroupColumn()) {
            String named = SafeNames.groupName(mapping.group(cells));
            if (!named.isEmpty()) {
                group = named;
            }
        }
        if (group.isEmpty()) {
            return ImportRow.settled(this, row, given, "", group, new RowOutcome(row, Outcome.REJECTED, given, "", "", 0, "",
                    "no group: the group cell is empty and the file name names none", note), note);
        }
        // one normalisation per number: the endpoint shares this instance (PhoneNumbers.forRegion) and recognises it
        Recipient number = phones.normalise(given);
        if (!number.isValid()) {
            return ImportRow.settled(this, row, given, "", group,
                    new RowOutcome(row, Outcome.REJECTED, given, "", group, 0, "", invalidReason(given, number), note), note);
        }
        long owner = state.seen.claim(group, number.number(), row);
        if (owner != row) {
            return ImportRow.settled(this, row, given, number.number(), group, new RowOutcome(row, Outcome.DUPLICATE,
                    given, number.number(), group, owner, "", "same number as row " + owner, note), note);
        }
        // the group is looked up (and created) by the file's first row that goes to it, in the row route: a file
        // without an importable row leaves no empty group behind
        String key = group.toLowerCase(Locale.ROOT);
        TargetGroup target = groups.get(key);
        boolean first = target == null;
        if (first) {
            target = new TargetGroup(group);
            groups.put(key, target);
        } else if (target.refusal() != null) {
            return ImportRow.settled(this, row, given, number.number(), target.name, new RowOutcome(row, Outcome.REJECTED,
                    given, number.number(), target.name, 0, "", target.refusal(), note), note);
        }
        return new ImportRow(this, row, given, number.number(), mapping.firstName(cells), mapping.lastName(cells),
                mapping.customFields(cells), target.name, target, first, null, note,
                state.attempted.get(Math.toIntExact(row)));
    }

    /**
     * Holds a row of a group whose lookup another row carries until that row is done with it, so that the group is
     * looked up once and created at most once. False when the import stops meanwhile.
     */
    boolean awaitGroup(TargetGroup target) {
        try {
            while (!target.awaitSettled(1000)) {
                if (closed || stopCause.get() != null) {
                    return false;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    /** A row the reader could not hand over (too long, not decodable): rejected with the reader's reason. */
    private ImportRow unreadRow(long row, BoundedCsvInput.Problem problem) {
        return ImportRow.settled(this, row, "", "", fileGroup,
                new RowOutcome(row, Outcome.REJECTED, "", "", fileGroup, 0, "", problem.reason()), "");
    }

    /** Why the row is rejected for a cell over the limit, or null. */
    private String tooLongCell(List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            if (cell != null && cell.length() > maxCellLength) {
                String name = mapping.headerName(i);
                return "the cell in column " + (i + 1) + (name.isEmpty() ? "" : " ('" + ColumnMapping.shorten(name) + "')")
                        + " is " + ImportProgress.count(cell.length()) + " characters long, more than the limit of "
                        + ImportProgress.count(maxCellLength) + " (" + CsvImportSettings.MAX_CELL_LENGTH + ")";
            }
        }
        return null;
    }

    private static String invalidReason(String given, Recipient number) {
        if (given.isBlank()) {
            return "no phone number";
        }
        if (given.matches("[0-9]+([.,][0-9]+)?[eE]\\+?[0-9]+")) {
            return "not a phone number: a spreadsheet turned it into " + given
                    + "; format the phone column as text before saving the file";
        }
        return number.problem();
    }

    /**
     * Notes that contacts/store is about to go out for this row: a later run knows the answer may have been lost.
     *
     * @return whether a store for the row went out before (an earlier run, or another instance)
     */
    boolean attempt(ImportRow row) {
        return ledger.attempt(row.getNumber(), row.getPhone());
    }

    /** Whether more than one store went out for the row, by the ledger's latest knowledge (all instances). */
    boolean attemptedAgain(ImportRow row) {
        return ledger.attempts(row.getNumber()) > 1;
    }

    void record(RowOutcome outcome) {
        if (ledger.outcome(outcome)) {
            metrics.accept(outcome.outcome());
        }
    }

    long rowsRead() {
        return rowsRead.get();
    }

    long blankLines() {
        return blankLines.get();
    }

    boolean allRead() {
        return allRead;
    }

    /** Why the file could not be read to its end (broken quoting), or null. */
    String readError() {
        return readError;
    }

    long settled() {
        return state.outcomes();
    }

    long settledAtStart() {
        return settledAtStart;
    }

    long count(Outcome outcome) {
        return state.count(outcome);
    }

    ImportLedger.State state() {
        return state;
    }

    /** Waits until no row is in flight, so the ledger holds every answer that came. */
    boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (window.tryAcquire(windowSize, 100, TimeUnit.MILLISECONDS)) {
                    window.release(windowSize);
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.warn("{}: {} calls still in flight after {}; their rows are settled on the next run", shownName,
                windowSize - window.availablePermits(), ImportProgress.duration(timeout));
        return false;
    }

    String progressLine() {
        long settled = settled();
        long estimate = Math.max(progress.estimatedRows(), rowsRead.get());
        long percent = estimate > 0 ? Math.min(100, settled * 100 / estimate) : 0;
        return shownName + ": " + ImportProgress.count(settled) + " of about " + ImportProgress.count(estimate) + " rows ("
                + percent + "%): " + counts() + "; " + ImportProgress.rate(progress.rate(settled)) + " rows/s, about "
                + progress.timeLeft(settled) + " left";
    }

    String counts() {
        return ImportProgress.count(count(Outcome.IMPORTED)) + " imported, " + ImportProgress.count(count(Outcome.DUPLICATE))
                + " duplicate, " + ImportProgress.count(count(Outcome.REJECTED)) + " rejected";
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(input);
        try {
            ledger.close();
        } catch (IOException e) {
            LOG.warn("{}: cannot close the ledger {}: {}", shownName, ledger.describe(), ControlChars.escape(e.getMessage()));
        }
    }

    private static void closeQuietly(Object o) {
        if (o instanceof Closeable c) {
            try {
                c.close();
            } catch (IOException e) {
                // nothing left to read from it
            }
        }
    }
}
