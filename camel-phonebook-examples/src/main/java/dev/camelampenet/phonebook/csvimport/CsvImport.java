package dev.camelampenet.phonebook.csvimport;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import dev.camelampenet.ampenet.AmpenetConstants;
import dev.camelampenet.ampenet.error.AmpenetDuplicateException;
import dev.camelampenet.ampenet.error.AmpenetException;
import dev.camelampenet.ampenet.error.AmpenetUnknownOutcomeException;
import dev.camelampenet.ampenet.model.Contact;
import dev.camelampenet.ampenet.model.ContactGroup;
import dev.camelampenet.ampenet.model.Page;
import dev.camelampenet.ampenet.sms.PhoneNumbers;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CSV import's decisions, called by the routes (Java DSL {@link CsvImportRoutes} and
 * {@code routes/csv-import.camel.yaml}) as the bean {@code csvImport}. It calls no endpoint: every API call is an
 * {@code ampenet:} step of a route.
 * <ol>
 * <li>{@link #open}: inspect the file (hash, charset, separator, header), open or resume its ledger;</li>
 * <li>{@link #rows}: turn camel-csv's lazy records into numbered, checked rows for the streaming split;</li>
 * <li>per row {@link #take}, the group's lookup ({@link #groupListed}, {@link #groupCreated}), {@link #checkReadyToSend},
 * {@link #sending}, then {@link #imported}, {@link #duplicate} or {@link #rejected}; a store whose answer was lost is
 * looked for in its group ({@link #storeMayHaveActed}, {@link #startLookup}, {@link #lookedAt}, {@link #reconciled});</li>
 * <li>{@link #finish}: check every row has an outcome, write the report, move the file to {@code .done/}; or
 * {@link #failed} ({@code .failed/} with a reason) or {@link #paused} (stays in the inbox, resumes later).</li>
 * </ol>
 */
public class CsvImport implements GenericFileFilter<Object>, ExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CsvImport.class);

    /** Where the file consumer moves the file after the exchange: {@code .done/<name>} or {@code .failed/<name>}. */
    public static final String MOVE_TO = "CamelPhonebookMoveTo";
    /** Exchange property holding the {@link ImportJob} (copied into every row's exchange by the split). */
    public static final String JOB = "CamelPhonebookImportJob";
    /** Variable the routes branch on to pick the camel-csv format: comma, semicolon or tab. */
    public static final String DELIMITER = "csvDelimiter";
    /** Variable holding the row ({@link ImportRow}) in the row route: the one place its state is kept. */
    public static final String ROW = "row";
    /**
     * Variables the row route branches on, set by {@link #take} and {@link #checkReadyToSend}: plain variables, not
     * {@code method()} or {@code ${variable.row.x}} predicates, because Camel evaluates those on a copy of the whole
     * exchange (headers, properties, variables), once per row and predicate.
     */
    public static final String LOOK_UP_GROUP = "lookUpGroup";
    public static final String SEND = "send";
    private static final String STORE = "contacts/store";
    private static final String LOST_ANSWER = "an earlier call for this row lost its answer";
    private static final String PAUSED = "CamelPhonebookPaused";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private final CsvImportSettings settings;
    private final ImportMetrics metrics;
    private final PhoneNumbers phones;
    private final Map<Path, ImportJob> active = new ConcurrentHashMap<>();
    private final Map<Path, Instant> pausedUntil = new ConcurrentHashMap<>();
    private final StrayFiles strays = new StrayFiles();
    /** Where the ledgers are and how instances share the inbox (phonebook.store.url): files, or the flow store. */
    private final ImportStore store;

    public CsvImport(CsvImportSettings settings, CamelContext context, ImportMetrics metrics) {
        this.settings = settings.withReadLimits(context.getPropertiesComponent());
        this.store = ImportStore.install(context);
        this.metrics = metrics;
        // the endpoint uses the same shared instance, so it recognises the numbers normalised here
        this.phones = PhoneNumbers.forRegion(settings.defaultRegion());
    }

    public CsvImportSettings settings() {
        return settings;
    }

    // ------------------------------------------------------------------------------------------------ the file

    /**
     * Inspects the file and opens (or resumes) its import. The message body becomes the file as camel-csv is to read
     * it ({@link BoundedCsvInput}: UTF-8, each row at most {@code phonebook.max-line-length} characters).
     */
    public void open(Exchange exchange) throws IOException {
        Path file = file(exchange);
        String name = file.getFileName().toString();
        String shown = ControlChars.escape(name);
        exchange.getMessage().setHeader(MOVE_TO, ".failed/" + SafeNames.fileName(name)); // until it is done
        FileInspection inspection = CsvFileInspector.inspect(file, settings.maxLineLength());
        ColumnMapping mapping = ColumnMapping.fromHeader(inspection.header());
        String fileGroup = SafeNames.groupNameFromFileName(name);
        if (fileGroup.isEmpty() && !mapping.hasGroupColumn()) {
            throw new UnreadableFileException("the file name gives no group name and the file has no group column");
        }
        // the file's identity on every instance: its content and its group (see ledgerId)
        ImportLedger ledger = store.open(settings, ledgerId(fileGroup, inspection.sha256()), name, inspection.sha256(),
                fileGroup);
        BoundedCsvInput input = new BoundedCsvInput(Files.newInputStream(file), inspection.charset(),
                inspection.delimiter().character(), settings.maxLineLength());
        ImportJob job = new ImportJob(name, file, inspection, mapping, fileGroup, ledger, phones,
                settings.concurrency(), metrics::row, input, settings.maxCellLength());
        exchange.setProperty(JOB, job);
        active.put(file, job);
        metrics.started();
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                job.close();
                active.remove(file);
                metrics.stopped();
            }
        });
        // camel-csv reads the bounded input, which hands on the file's records re-encoded as UTF-8
        exchange.getMessage().setBody(input);
        exchange.setProperty(Exchange.CHARSET_NAME, StandardCharsets.UTF_8.name());
        exchange.setVariable(DELIMITER, inspection.delimiter().token());

        if (job.repeat) {
            LOG.info("{}: the same file was imported into '{}' on {}; nothing is sent again", shown,
                    ControlChars.escape(fileGroup), job.state().completedAt);
            return;
        }
        ledger.session();
        // the group is not looked up here: it is created with the first row that goes to it, so a file without an
        // importable row leaves no empty group behind (an unreachable API pauses the import at that row instead)
        String group = mapping.hasGroupColumn()
                ? " into the groups of its group column" + (fileGroup.isEmpty() ? "" : " ('" + fileGroup + "' when empty)")
                : " into group '" + fileGroup + "'";
        String format = inspection.charset().displayName() + ", separator " + inspection.delimiter().token();
        if (job.settledAtStart() > 0) {
            LOG.info("{}: resuming{}: {} settled by an earlier run ({}); {}", shown, ControlChars.escape(group),
                    ImportProgress.rows(job.settledAtStart()), job.counts(), format);
        } else {
            LOG.info("{}: importing about {}{}; {}; columns: {}", shown,
                    ImportProgress.rows(inspection.estimatedRows()), ControlChars.escape(group), format, mapping.describe());
        }
    }

    /** The rows to split, from camel-csv's lazy iterator (the message body after unmarshal). */
    public Iterator<ImportRow> rows(Exchange exchange) {
        @SuppressWarnings("unchecked")
        Iterator<List<String>> records = exchange.getMessage().getBody(Iterator.class);
        if (records == null) {
            throw new UnreadableFileException("camel-csv gave no records");
        }
        return job(exchange).rows(records);
    }

    /** Every row has an outcome: write the ledger's end, the report, and send the file to {@code .done/}. */
    public void finish(Exchange exchange) throws IOException {
        ImportJob job = job(exchange);
        long rows;
        UnaryOperator<RowOutcome> view = UnaryOperator.identity();
        if (job.repeat) {
            rows = job.state().completedRows;
            String when = job.state().completedAt;
            view = o -> o.outcome() == Outcome.IMPORTED
                    ? o.withReason(Outcome.DUPLICATE, "imported earlier from this same file (" + when + ")")
                    : o;
        } else {
            job.awaitIdle(settings.drainTimeout());
            rows = job.rowsRead();
            if (job.stopCause() != null) {
                throw new ImportStoppedException(rootMessage(job.stopCause()), job.stopCause());
            }
            if (job.readError() != null) {
                throw new UnreadableFileException(job.readError());
            }
            if (!job.allRead()) {
                throw new IllegalStateException("the file was not read to its end");
            }
            if (job.settled() != rows) {
                throw new IllegalStateException((rows - job.settled()) + " of " + rows + " rows have no outcome yet");
            }
            if (rows == 0) {
                // nothing to import is a mistake worth a look (a wrong export, a header saved alone): .failed/ says so
                throw new UnreadableFileException("the file has a header row but no rows under it"
                        + (job.blankLines() > 0 ? " (only blank lines)" : "") + "; nothing was imported");
            }
            job.ledger.complete(rows);
        }
        job.close();
        String doneName = unique(settings.doneDir(), job.fileName);
        Path report = SafeNames.inside(settings.doneDir(), reportName(doneName));
        long reported = job.ledger.writeReport(report, rows, view);
        exchange.getMessage().setHeader(MOVE_TO, ".done/" + doneName);

        long imported = job.repeat ? 0 : job.count(Outcome.IMPORTED);
        long duplicate = job.repeat ? job.count(Outcome.IMPORTED) + job.count(Outcome.DUPLICATE) : job.count(Outcome.DUPLICATE);
        long rejected = job.count(Outcome.REJECTED);
        if (job.repeat) {
            metrics.rows(Outcome.DUPLICATE, duplicate);
            metrics.rows(Outcome.REJECTED, rejected);
        }
        String into = job.fileGroup.isEmpty() ? "" : " into '" + ControlChars.escape(job.fileGroup) + "'";
        String outcomes = ImportProgress.count(imported) + " imported, " + ImportProgress.count(duplicate) + " duplicate, "
                + ImportProgress.count(rejected) + " rejected";
        if (job.repeat) {
            LOG.info("{}: done: {}{}: {}: the same file was imported on {}, nothing was sent; report .done/{}",
                    job.shownName, ImportProgress.rows(reported), into, outcomes, job.state().completedAt,
                    ControlChars.escape(report.getFileName().toString()));
            return;
        }
        double seconds = Math.max(0.001, job.progress.elapsed().toMillis() / 1000.0);
        long sent = job.settled() - job.settledAtStart();
        long blank = job.blankLines();
        String notStored = job.notStoredSummary();
        LOG.info("{}: done: {}{}: {} in {} ({} rows/s){}{}{}; report .done/{}", job.shownName,
                ImportProgress.rows(reported), into, outcomes, ImportProgress.duration(job.progress.elapsed()),
                ImportProgress.rate(sent / seconds),
                job.settledAtStart() > 0 ? ", resumed after " + ImportProgress.count(job.settledAtStart()) + " rows" : "",
                blank > 0 ? ", " + blank + (blank == 1 ? " blank line" : " blank lines") + " skipped" : "",
                notStored.isEmpty() ? "" : ", columns not stored (no such field): " + ControlChars.escape(notStored),
                ControlChars.escape(report.getFileName().toString()));
    }

    /** The file cannot be imported: to {@code .failed/} with a reason file (and a report of rows settled before). */
    public void failed(Exchange exchange) throws IOException {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = rootMessage(cause);
        Path file = file(exchange);
        String failedName = unique(settings.failedDir(), file.getFileName().toString());
        String base = baseName(failedName);
        ImportJob job = exchange.getProperty(JOB, ImportJob.class);
        // the reason file is read as text: one line per statement, the file's own text escaped
        StringBuilder text = new StringBuilder(ControlChars.escapeControls(file.getFileName().toString()) + " cannot be imported: "
                + ControlChars.escapeControls(reason) + "\n");
        if (job != null && !job.repeat) {
            job.awaitIdle(settings.drainTimeout());
            job.close();
            if (job.settled() > 0) {
                Path report = SafeNames.inside(settings.failedDir(), base + ".report.csv");
                job.ledger.writeReport(report, job.state().lastRow, UnaryOperator.identity());
                text.append("Rows settled before the problem: ").append(job.settled()).append(" (").append(job.counts())
                        .append("); see ").append(report.getFileName()).append('\n');
            }
        }
        Path reasonFile = SafeNames.inside(settings.failedDir(), base + ".reason.txt");
        Files.writeString(reasonFile, text, StandardCharsets.UTF_8);
        exchange.getMessage().setHeader(MOVE_TO, ".failed/" + failedName);
        LOG.warn("{} cannot be imported: {}; moved to .failed/{} (reason in {})", ControlChars.escape(file.getFileName().toString()),
                ControlChars.escape(reason), ControlChars.escape(failedName), ControlChars.escape(reasonFile.getFileName().toString()));
    }

    /**
     * The import stopped for a reason outside the file (API unreachable, token refused, rate limited for too
     * long): the file stays in the inbox and is tried again after {@code phonebook.pause-delay}, continuing where
     * it stopped.
     */
    public void paused(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Path file = file(exchange);
        ImportJob job = exchange.getProperty(JOB, ImportJob.class);
        String done = "";
        if (job != null) {
            job.awaitIdle(settings.drainTimeout());
            job.close();
            done = " after " + ImportProgress.count(job.settled()) + " rows (" + job.counts() + ")";
        }
        pausedUntil.put(file, Instant.now().plus(settings.pauseDelay()));
        exchange.setProperty(PAUSED, true);
        LOG.warn("{}: import paused{}: {}. The file stays in the inbox and is tried again in {}, from where it stopped",
                ControlChars.escape(file.getFileName().toString()), done, ControlChars.escape(rootMessage(cause)),
                ImportProgress.duration(settings.pauseDelay()));
    }

    /**
     * The file consumer's filter, which decides alone what is imported (the routes read hidden files too, so that
     * they reach it): a {@code *.csv} that is not a report, unless its import is paused and waiting. Anything else is
     * named once in the log with why it stays ({@link StrayFiles}).
     */
    @Override
    public boolean accept(GenericFile<Object> file) {
        Path path = Path.of(file.getAbsoluteFilePath()).toAbsolutePath().normalize();
        String why = StrayFiles.whyNotImported(file.getFileNameOnly(), file.isDirectory());
        if (why != null) {
            return strays.notice(path, why);
        }
        Instant until = pausedUntil.get(path);
        if (until == null) {
            return true;
        }
        if (Instant.now().isAfter(until)) {
            pausedUntil.remove(path);
            return true;
        }
        return false;
    }

    /**
     * The file consumer's exception handler: a paused import was logged by {@link #paused} already, in one line;
     * anything else is logged as Camel would.
     */
    @Override
    public void handleException(Throwable exception) {
        handleException(null, null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        // Camel's message names the file: escaped, and the stack trace (whose first line repeats it) at debug only
        String text = ControlChars.escape(message != null ? message : "Error in the CSV import's file consumer");
        if (exchange != null && exchange.getProperty(PAUSED, false, Boolean.class)) {
            LOG.debug("{}: {}", text, ControlChars.escape(rootMessage(exception)));
        } else {
            LOG.warn("{}: {}", text, ControlChars.escape(rootMessage(exception)));
            LOG.debug("{}", text, exception);
        }
    }

    // ------------------------------------------------------------------------------------------------ the rows

    /**
     * The row's first step: its place in the window is given back when its exchange is done, whatever became of it,
     * and a row the checks settled (no number, invalid, met earlier in the file) is recorded: it needs no call.
     */
    public void take(Exchange exchange) {
        ImportRow row = row(exchange);
        ImportJob job = row.job;
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onFailure(Exchange failed) {
                job.stop(failed.getException()); // not a row outcome: the import pauses and resumes later
                done();
            }

            @Override
            public void onComplete(Exchange done) {
                done();
            }

            private void done() {
                if (row.carriesGroupLookup()) {
                    row.target().released(); // the reader may hand out the group's next row
                }
                job.releaseWindow();
            }
        });
        if (!row.isToSend()) {
            job.record(row.settledOutcome());
        }
        exchange.setVariable(LOOK_UP_GROUP, row.isResolvesGroup());
    }

    /**
     * Sets the variable {@link #SEND}: whether the row goes to contacts/store now, a row to send whose group is known.
     * A row of a new group whose lookup another row carries (the file's first for that group) waits here until that row is done with it, so the
     * group is looked up once and created at most once; rows in flight are bounded by the window, and the row
     * carrying the lookup needs no thread of the waiting ones. A row whose group the API refused is rejected with that.
     */
    public void checkReadyToSend(Exchange exchange) {
        exchange.setVariable(SEND, readyToSend(row(exchange)));
    }

    private static boolean readyToSend(ImportRow row) {
        if (!row.isToSend()) {
            return false;
        }
        TargetGroup target = row.target();
        if (target.uid() == null && !row.carriesGroupLookup() && !row.job.awaitGroup(target)) {
            throw new ImportStoppedException("the import stopped while row " + row.getNumber() + " waited for its group", null);
        }
        if (target.uid() != null) {
            return true;
        }
        if (target.refusal() != null) {
            row.job.record(row.outcome(Outcome.REJECTED, "", target.refusal()));
            return false;
        }
        // the row that looked the group up ended without it (it failed: the import stops, this row is sent on resume)
        throw new ImportStoppedException("group '" + row.getGroup() + "' could not be looked up", null);
    }

    /**
     * Right before contacts/store: the row's contact becomes the body and its group's uid the header
     * {@code CamelAmpenetGroupId}, and the attempt is written to the ledger, so a later run knows this row's answer
     * may have been lost.
     */
    public void sending(Exchange exchange) {
        ImportRow row = row(exchange);
        exchange.getMessage().setHeader(AmpenetConstants.GROUP_ID, row.getGroupUid());
        exchange.getMessage().setBody(row.getContact());
        if (row.job.attempt(row)) {
            row.storeMayHaveActed();
        }
    }

    /** groups/list answered: the group with the row's group name (case ignored, the exact spelling first), if any. */
    public void groupListed(Exchange exchange) throws InvalidPayloadException {
        ImportRow row = row(exchange);
        String name = row.target().name;
        ContactGroup caseInsensitive = null;
        for (Object o : exchange.getMessage().getMandatoryBody(List.class)) {
            ContactGroup g = (ContactGroup) o;
            if (g.name() == null) {
                continue;
            }
            if (g.name().trim().equals(name)) {
                row.target().resolved(g.uid());
                return;
            }
            if (caseInsensitive == null && g.name().trim().equalsIgnoreCase(name)) {
                caseInsensitive = g;
            }
        }
        if (caseInsensitive != null) {
            row.target().resolved(caseInsensitive.uid());
        }
    }

    /** groups/create answered. */
    public void groupCreated(Exchange exchange) throws InvalidPayloadException {
        ContactGroup group = exchange.getMessage().getMandatoryBody(ContactGroup.class);
        row(exchange).target().resolved(group.uid());
        LOG.info("Created contact group '{}' ({})", ControlChars.escape(group.name()), ControlChars.escape(group.uid()));
    }

    public void imported(Exchange exchange) {
        Contact contact = exchange.getMessage().getBody(Contact.class);
        ImportRow row = row(exchange);
        List<?> ignored = exchange.getMessage().getHeader(AmpenetConstants.IGNORED_FIELDS, List.class);
        row.job.record(row.outcome(Outcome.IMPORTED, contact == null ? "" : contact.getUid(), "", fieldsNotStored(row, ignored)));
    }

    /**
     * The columns whose values the server dropped without a word, because the group defines no field with their tag
     * (the component names them in CamelAmpenetIgnoredFields, from the answer, which lists the group's fields: no
     * extra call). Named in the note of the first row that meets them, once per file and group, not on every row.
     */
    static String fieldsNotStored(ImportRow row, List<?> ignored) {
        if (ignored == null || ignored.isEmpty()) {
            return "";
        }
        List<String> dropped = row.job.firstNamedNotStored(row.getGroup(), ignored.stream().map(String::valueOf).toList());
        if (dropped.isEmpty()) {
            return "";
        }
        return "not stored: group '" + row.getGroup() + "' has no field " + String.join(", ", dropped)
                + " (add it in Contacts -> Fields to keep such values; named once per file)";
    }

    /** The API says the number is already in the group, and no call for this row can have put it there. */
    public void duplicate(Exchange exchange) {
        ImportRow row = row(exchange);
        row.job.record(row.outcome(Outcome.DUPLICATE, "", "already in group '" + row.getGroup() + "' (API: "
                + apiMessage(exchange) + ")"));
    }

    /**
     * The API refused the contact (an invalid number by its rules, a blacklisted number, a missing field), or refused
     * to create the row's group: then the group's later rows are rejected with the same reason, without a call.
     */
    public void rejected(Exchange exchange) {
        ImportRow row = row(exchange);
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = "refused by the API: " + apiMessage(exchange);
        if (e instanceof AmpenetException a && !STORE.equals(a.getOperation()) && row.getGroupUid() == null) {
            reason = "the group '" + row.getGroup() + "' cannot be used: " + a.getOperation() + " " + reason;
            row.target().refused(reason);
        }
        row.job.record(row.outcome(Outcome.REJECTED, "", reason));
    }

    /** Called before a failed call of the row is repeated: a store whose answer was lost may have created the contact. */
    public void redelivering(Exchange exchange) {
        Exception e = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        ImportRow row = exchange.getVariable(ROW, ImportRow.class);
        if (row != null && storeAnswerLost(e)) {
            row.storeMayHaveActed();
        }
    }

    /**
     * Whether a contacts/store for this row may have created the contact: an answer lost in this run (now or in an
     * earlier attempt), a store in flight when an earlier run died, or a store by another instance that worked on
     * the file at the same time (its claim lapsed while it still ran, and this one took the file over). Such a row
     * is looked for in its group. The last one is asked of the ledger only here, when the API said "already taken".
     */
    public boolean storeMayHaveActed(Exchange exchange) {
        ImportRow row = row(exchange);
        if (storeAnswerLost(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class))) {
            row.storeMayHaveActed();
        }
        if (!row.isStoreMayHaveActed() && row.getGroupUid() != null && row.job.attemptedAgain(row)) {
            row.storeMayHaveActed();
        }
        return row.isStoreMayHaveActed() && row.getGroupUid() != null;
    }

    private static boolean storeAnswerLost(Throwable e) {
        return e instanceof AmpenetUnknownOutcomeException u && STORE.equals(u.getOperation());
    }

    /** Looking for the row's number in its group: page 1 first. */
    public void startLookup(Exchange exchange) {
        row(exchange).startLookup();
    }

    /** contacts/list answered one page: found, or the next page to read. */
    public void lookedAt(Exchange exchange) throws InvalidPayloadException {
        @SuppressWarnings("unchecked")
        Page<Contact> page = exchange.getMessage().getMandatoryBody(Page.class);
        row(exchange).lookedAt(page.page(), page.lastPage(), page.items());
    }

    /**
     * The end of the look into the group for a store that may have acted. Found with this row's data: this import
     * created it, and the row is {@code imported} with the uid. Found with other data: it was there before, the row is
     * a {@code duplicate}. Not found after the API said "already taken": a duplicate with that said. Not found after
     * the repeats ran out: no outcome yet; the import pauses and the row is sent again when it resumes.
     */
    public void reconciled(Exchange exchange) {
        ImportRow row = row(exchange);
        Contact found = row.found();
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (found != null && row.holdsThisRow(found)) {
            row.job.record(row.outcome(Outcome.IMPORTED, found.getUid(), LOST_ANSWER
                    + "; found in the group with this row's data, so this import created it"));
        } else if (found != null) {
            row.job.record(row.outcome(Outcome.DUPLICATE, "", "already in group '" + row.getGroup() + "' with other data,"
                    + " so it was there before this import (" + LOST_ANSWER + ")"));
        } else if (caught instanceof AmpenetDuplicateException) {
            row.job.record(row.outcome(Outcome.DUPLICATE, "", "already in group '" + row.getGroup() + "' (API: "
                    + apiMessage(exchange) + "), but not found there when looked for (" + LOST_ANSWER + ")"));
        } else {
            LOG.info("{}: row {}: contacts/store lost its answer and {} is not in group '{}': it is sent again when the"
                    + " import resumes", row.job.shownName, row.getNumber(), row.getPhone(), ControlChars.escape(row.getGroup()));
        }
    }

    /**
     * After the repeats of a call ran out: a row that got no outcome (not reached, or not found in its group) stops
     * the import, which pauses and sends the row again when it resumes.
     */
    public void unsettled(Exchange exchange) {
        ImportRow row = row(exchange);
        if (!row.job.ledger.isDone(row.getNumber())) {
            row.job.stop(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
        }
    }

    // ------------------------------------------------------------------------------------------------ progress

    /** Logs a progress line for every file being imported (called by the progress timer route). */
    public void logProgress() {
        for (ImportJob job : active.values()) {
            if (!job.repeat && !job.isClosed() && job.progress.elapsed().toSeconds() >= 1) {
                LOG.info(job.progressLine());
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static ImportRow row(Exchange exchange) {
        ImportRow row = exchange.getVariable(ROW, ImportRow.class);
        if (row == null) {
            throw new IllegalStateException("no import row on this exchange (variable " + ROW + ")");
        }
        return row;
    }

    private static ImportJob job(Exchange exchange) {
        ImportJob job = exchange.getProperty(JOB, ImportJob.class);
        if (job == null) {
            throw new IllegalStateException("no CSV import is open on this exchange");
        }
        return job;
    }

    private static Path file(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        if (body instanceof GenericFile<?> gf && gf.getFile() instanceof File f) {
            return f.toPath().toAbsolutePath().normalize();
        }
        ImportJob job = exchange.getProperty(JOB, ImportJob.class);
        if (job != null) {
            return job.file;
        }
        String path = exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class);
        if (path == null) {
            File f = exchange.getMessage().getBody(File.class);
            if (f == null) {
                throw new IllegalStateException("the exchange does not carry a file");
            }
            return f.toPath().toAbsolutePath().normalize();
        }
        return Path.of(path).toAbsolutePath().normalize();
    }

    private static String apiMessage(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (e instanceof AmpenetException a && a.getApiMessage() != null) {
            return a.getApiMessage();
        }
        return rootMessage(e);
    }

    static String rootMessage(Throwable e) {
        if (e == null) {
            return "unknown reason";
        }
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && !(t instanceof UnreadableFileException)
                && !(t instanceof AmpenetException)) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    /** A name not yet used in {@code dir} (for the file, its report and its reason). */
    static String unique(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        String safe = SafeNames.fileName(name);
        if (free(dir, safe)) {
            return safe;
        }
        String base = baseName(safe);
        String ext = safe.substring(base.length());
        String stamped = base + "-" + LocalDateTime.now().format(STAMP);
        for (int i = 1; ; i++) {
            String candidate = stamped + (i == 1 ? "" : "-" + i) + ext;
            if (free(dir, candidate)) {
                return candidate;
            }
        }
    }

    private static boolean free(Path dir, String name) {
        String base = baseName(name);
        return !Files.exists(dir.resolve(name)) && !Files.exists(dir.resolve(base + ".report.csv"))
                && !Files.exists(dir.resolve(base + ".reason.txt"));
    }

    static String baseName(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
    }

    static String reportName(String fileName) {
        return baseName(fileName) + ".report.csv";
    }

    /**
     * The ledger's name, and the file's key in the shared store ({@code import_file.file_key}): a hash of the target
     * group and of the file's whole content. The content, not the name, size and modification time: a file copied
     * into the shared inbox again, touched, or renamed is still the same rows (and is not imported twice, as on one
     * instance), while name, size and time differ between copies and can repeat for different content. The whole
     * content, not a first block: two exports that differ only after their first rows are different imports. The hash
     * is read anyway (the inspection hashes the file), so the key costs nothing more. The group is part of it so the
     * same rows for another group start afresh.
     */
    static String ledgerId(String group, String contentSha256) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(group.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            sha.update(contentSha256.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
