package dev.camelampenet.phonebook.csvimport;

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
 * <li>{@code csv-import-row}: one row: {@code ampenet:contacts/store} unless it was settled without a call.</li>
 * <li>{@code csv-import-progress}: a progress line per running import.</li>
 * </ul>
 */
public class CsvImportRoutes extends RouteConfigurationBuilder {

    /**
     * The filter ({@link CsvImport#accept}) alone decides what is imported, and hidden files are listed so that it
     * sees them too: whatever is not imported is named in the log once, never left in the inbox silently.
     */
    static final String FILE_URI = "file:{{phonebook.inbox}}"
            + "?includeHiddenFiles=true"
            + "&filter=#csvImport&exceptionHandler=#csvImport"
            + "&move=${header.CamelPhonebookMoveTo}"
            + "&readLock=changed&readLockCheckInterval={{phonebook.read-lock-interval}}&readLockMinLength=0"
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

        // a row: the API's answers that settle it, and the failures worth repeating
        RouteConfigurationDefinition row = routeConfiguration("csv-import-row-errors");
        row.onException(AmpenetDuplicateException.class).handled(true)
            .bean("csvImport", "duplicate");
        row.onException(AmpenetValidationException.class).handled(true)
            .bean("csvImport", "rejected");
        // repeating a store is safe: if the lost call did create the contact, the API now answers duplicate
        row.onException(AmpenetConnectionException.class, AmpenetRateLimitedException.class,
                        AmpenetUnknownOutcomeException.class)
            .maximumRedeliveries("{{phonebook.max-redeliveries}}")
            .redeliveryDelay("{{phonebook.redelivery-delay}}")
            .useExponentialBackOff()
            .retryAttemptedLogLevel(LoggingLevel.WARN)
            .logExhausted(false)
            .onRedeliveryRef("csvImportRedelivery");
    }

    @Override
    public void configure() {
        from(FILE_URI).routeId("csv-import").routeConfigurationId("csv-import-file-errors")
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

        from("direct:csv-import-row").routeId("csv-import-row").routeConfigurationId("csv-import-row-errors")
            .bean("csvImport", "prepare")
            .filter(simple("${variable.rowSettled} == false"))
                .to("ampenet:contacts/store")
                .bean("csvImport", "imported")
            .end();

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
