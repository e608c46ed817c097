package dev.camelampenet.phonebook.csvimport;

import java.util.List;

import dev.camelampenet.ampenet.AmpenetConstants;
import dev.camelampenet.ampenet.error.AmpenetConnectionException;
import dev.camelampenet.ampenet.error.AmpenetDuplicateException;
import dev.camelampenet.ampenet.error.AmpenetRateLimitedException;
import dev.camelampenet.ampenet.error.AmpenetUnknownOutcomeException;
import dev.camelampenet.ampenet.error.AmpenetValidationException;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.dataformat.CsvDataFormat;

/**
 * The CSV file-drop import in the Java DSL. {@code src/main/resources/routes/csv-import.camel.yaml} is the same
 * routes in the YAML DSL ({@code phonebook.routes=yaml}); the tests run both.
 * <ul>
 * <li>{@code csv-import}: a {@code *.csv} in the inbox is inspected, parsed lazily by camel-csv (from the bounded
 * input {@code open} puts in the body), split as a stream over a bounded pool, and finished with its report; it then
 * moves to {@code .done/}.</li>
 * <li>{@code csv-import-row}: one row, held in the variable {@code row}: to {@code csv-import-store} unless it
 * was settled without a call; the file's first row for a group looks the group up first.</li>
 * <li>{@code csv-import-store}: {@code ampenet:contacts/store}, and the row is imported.</li>
 * <li>{@code csv-import-group}: {@code ampenet:groups/list}, and {@code ampenet:groups/create} when the group is
 * missing.</li>
 * <li>{@code csv-import-reconcile}: a store that may have acted: the number is looked for in the group with
 * {@code ampenet:contacts/list}, page by page.</li>
 * <li>{@code csv-import-progress}: a progress line per running import.</li>
 * </ul>
 */
public class CsvImportRoutes extends RouteConfigurationBuilder {

    /** The routes an import runs once per row (or per group of a file), in both DSLs. */
    public static final List<String> PER_ROW_ROUTES = List.of("csv-import-row", "csv-import-store", "csv-import-group",
            "csv-import-reconcile");

    /**
     * Several instances on one inbox ({@code phonebook.store.url} set, {@link ImportStore}): the read lock is then
     * {@code idempotent-changed}, a claim per file in the flow store (keyed by its name, see
     * {@link ImportStore#claimKey}) that is removed when the file is done or paused; its
     * release waits a little, without holding the poll, so that an instance which listed the file just before it was
     * moved cannot claim it. No idempotent consumer ({@code idempotent=false}, {@code idempotentEager=false}): camel-file
     * would otherwise remove the repository's entries of files it listed but did not take, another instance's claims.
     * With today's {@code changed} read lock these options are not used.
     */
    static final String SHARED_INBOX = "&idempotent=false&idempotentEager=false&idempotentRepository=#csvImportLock"
            + "&readLockRemoveOnCommit=true&readLockRemoveOnRollback=true"
            + "&readLockIdempotentReleaseDelay={{phonebook.import.release-delay:2000}}&readLockIdempotentReleaseAsync=true";

    /**
     * The filter ({@link CsvImport#accept}) alone decides what is imported, and hidden files are listed so that it
     * sees them too: whatever is not imported is named in the log once, never left in the inbox silently.
     */
    static final String FILE_URI = "file:{{phonebook.inbox}}"
            + "?includeHiddenFiles=true"
            + "&filter=#csvImport&exceptionHandler=#csvImport"
            + "&move=${header.CamelPhonebookMoveTo}"
            + "&readLock={{phonebook.import.read-lock}}&readLockCheckInterval={{phonebook.read-lock-interval}}"
            + "&readLockMinLength=0"
            + SHARED_INBOX
            + "&delay={{phonebook.poll-delay}}";

    @Override
    public void configuration() {
        // the file: unreadable files go to .failed/, anything else (API down, token refused) pauses the import
        RouteConfigurationDefinition file = routeConfiguration("csv-import-file-errors");
        file.onException(UnreadableFileException.class).handled(true)
            .bean("csvImport", "failed")
            .to("micrometer:counter:phonebook.import.files?tags.result=failed");
        // not handled: the exchange fails, so the file consumer rolls back and the file stays in the inbox
        file.onException(Exception.class).handled(false).logExhausted(false)
            .bean("csvImport", "paused")
            .to("micrometer:counter:phonebook.import.files?tags.result=paused");

        // a row's calls (its contacts/store, and its group's lookup): the API's answers that settle the row, and the
        // failures worth repeating. Only the routes that call have them: a route whose error handler may redeliver
        // copies the exchange before each of its steps, so the row's decision steps live in a route without.
        RouteConfigurationDefinition row = routeConfiguration("csv-import-calls");
        row.onException(AmpenetDuplicateException.class).handled(true)
            .choice()
                // a store for this row may have created it (an answer lost, a run killed): look for it in the group
                .when(method("csvImport", "storeMayHaveActed"))
                    .to("direct:csv-import-reconcile")
                .otherwise()
                    .bean("csvImport", "duplicate")
            .end();
        row.onException(AmpenetValidationException.class).handled(true)
            .bean("csvImport", "rejected");
        // repeating a store is safe: contacts are unique per group, so if a lost call did create the contact, the
        // repeat is answered "already taken" and the clause above looks for it
        row.onException(AmpenetConnectionException.class, AmpenetRateLimitedException.class,
                        AmpenetUnknownOutcomeException.class)
            .maximumRedeliveries("{{phonebook.max-redeliveries}}")
            .redeliveryDelay("{{phonebook.redelivery-delay}}")
            .useExponentialBackOff()
            .retryAttemptedLogLevel(LoggingLevel.WARN)
            .logExhausted(false)
            .onRedeliveryRef("csvImportRedelivery")
            .handled(true)
            // the repeats ran out: a store that may have acted is looked for; a row still without an outcome pauses
            // the import (csvImport.unsettled), and it is sent again when the import resumes
            .filter(method("csvImport", "storeMayHaveActed"))
                .to("direct:csv-import-reconcile")
            .end()
            .bean("csvImport", "unsettled");

        // the row's decisions: a row that waited for its group while the row looking it up failed is not an outcome,
        // the import pauses (the failed row was logged already); any other failure fails the row, which pauses too
        routeConfiguration("csv-import-row-steps")
            .onException(ImportStoppedException.class).handled(false).logExhausted(false);

        // the reconcile route is a step of a row's error clause: its failures go back to the clause's caller
        routeConfiguration("csv-import-lookups").errorHandler(noErrorHandler());
    }

    @Override
    public void configure() {
        from(FILE_URI).routeId("csv-import").routeConfigurationId("csv-import-file-errors")
            // the body becomes a stream of the whole file, read once by camel-csv: with stream caching on (Camel's
            // default) the step after open would copy all of it into memory before the first row is parsed
            .noStreamCaching()
            .bean("csvImport", "open")
            .choice()
                .when(simple("${variable.csvDelimiter} == 'semicolon'"))
                    .unmarshal(csv(";"))
                .when(simple("${variable.csvDelimiter} == 'tab'"))
                    .unmarshal(csv("\t"))
                .otherwise()
                    .unmarshal(csv(","))
            .end()
            .transform(method("csvImport", "rows"))
            // rows that fail stop the import (see CsvImport#finish) instead of failing the split: the split keeps the file
            .split(body()).aggregationStrategy("csvImportKeepFile").streaming()
                .parallelProcessing().synchronous().executorService("csvImportPool")
                .to("direct:csv-import-row")
            .end()
            .bean("csvImport", "finish")
            .to("micrometer:counter:phonebook.import.files?tags.result=done");

        // a row: decisions only, no call, so no redelivery here (see csv-import-calls)
        from("direct:csv-import-row").routeId("csv-import-row").routeConfigurationId("csv-import-row-steps")
            // the row stays in the variable row; the body carries what the API is sent and what it answers
            .setVariable(CsvImport.ROW, body())
            .bean("csvImport", "take")
            // the file's first row for a group looks it up, and creates it when it does not exist
            .filter(variable(CsvImport.LOOK_UP_GROUP))
                .to("direct:csv-import-group")
            .end()
            .bean("csvImport", "checkReadyToSend")
            .filter(variable(CsvImport.SEND))
                // the contact as the body, its group's uid in CamelAmpenetGroupId, the attempt in the ledger
                .bean("csvImport", "sending")
                .to("direct:csv-import-store")
            .end();

        // the row's contacts/store, and its outcome
        from("direct:csv-import-store").routeId("csv-import-store").routeConfigurationId("csv-import-calls")
            .to("ampenet:contacts/store")
            .bean("csvImport", "imported");

        // the file's first row for a group: the group is looked up, and created when it does not exist
        from("direct:csv-import-group").routeId("csv-import-group").routeConfigurationId("csv-import-calls")
            .to("ampenet:groups/list")
            .bean("csvImport", "groupListed")
            .filter(simple("${variable.row.groupUid} == null"))
                .setBody(simple("${variable.row.group}"))
                .doTry()
                    .to("ampenet:groups/create")
                    .bean("csvImport", "groupCreated")
                .doCatch(AmpenetDuplicateException.class)
                    // made meanwhile by someone else: use theirs
                    .to("ampenet:groups/list")
                    .bean("csvImport", "groupListed")
                .end()
            .end();

        // a store that may have acted: the row's number is looked for in its group, page by page (no search by phone)
        from("direct:csv-import-reconcile").routeId("csv-import-reconcile").routeConfigurationId("csv-import-lookups")
            .setHeader(AmpenetConstants.GROUP_ID, simple("${variable.row.groupUid}"))
            .bean("csvImport", "startLookup")
            .loopDoWhile(simple("${variable.row.pageToRead} > 0"))
                .setHeader(AmpenetConstants.PAGE, simple("${variable.row.pageToRead}"))
                .to("ampenet:contacts/list")
                .bean("csvImport", "lookedAt")
            .end()
            .bean("csvImport", "reconciled");

        from("timer:csv-import-progress?period={{phonebook.progress-interval}}&delay={{phonebook.progress-interval}}")
            .routeId("csv-import-progress")
            .bean("csvImport", "logProgress");
    }

    /** camel-csv, streaming: records are read one at a time as the split asks for them. */
    private static CsvDataFormat csv(String delimiter) {
        CsvDataFormat csv = new CsvDataFormat(delimiter);
        csv.setLazyLoad("true");
        return csv;
    }
}
