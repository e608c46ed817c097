package dev.camelampenet.phonebook.csvimport;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The import's settings ({@code phonebook.*} properties; see application.properties).
 *
 * @param inbox the folder watched for {@code *.csv}; {@code .done/} and {@code .failed/} are made inside it
 * @param workDir where the ledgers live ({@code <inbox>/.work} unless set)
 * @param defaultRegion ISO country for numbers written without their country code
 * @param concurrency contacts/store calls in flight at once
 * @param pauseDelay how long a file whose import stopped (API down, token refused) waits before it is tried again
 * @param drainTimeout how long a stopping import waits for the calls still in flight
 */
public record CsvImportSettings(Path inbox, Path workDir, String defaultRegion, int concurrency, Duration pauseDelay,
                                Duration drainTimeout) {

    public CsvImportSettings {
        if (concurrency < 1) {
            throw new IllegalArgumentException("phonebook.concurrency must be at least 1");
        }
        inbox = inbox.toAbsolutePath().normalize();
        workDir = workDir == null ? inbox.resolve(".work") : workDir.toAbsolutePath().normalize();
    }

    public Path doneDir() {
        return inbox.resolve(".done");
    }

    public Path failedDir() {
        return inbox.resolve(".failed");
    }
}
