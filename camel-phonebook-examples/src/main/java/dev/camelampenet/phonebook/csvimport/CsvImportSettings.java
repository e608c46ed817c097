package dev.camelampenet.phonebook.csvimport;

import java.nio.file.Path;
import java.time.Duration;

import org.apache.camel.spi.PropertiesComponent;

/**
 * The import's settings ({@code phonebook.*} properties; see application.properties and docs/csv-import.md).
 *
 * @param inbox the folder watched for {@code *.csv}; {@code .done/} and {@code .failed/} are made inside it
 * @param workDir where the ledgers live ({@code <inbox>/.work} unless set)
 * @param defaultRegion ISO country for numbers written without their country code
 * @param concurrency contacts/store calls in flight at once
 * @param pauseDelay how long a file whose import stopped (API down, token refused) waits before it is tried again
 * @param drainTimeout how long a stopping import waits for the calls still in flight
 * @param maxLineLength the most characters one row may have ({@code phonebook.max-line-length}); a longer row is
 *                      rejected without being held in memory, so this bounds the memory one row can take
 * @param maxCellLength the most characters one cell may have ({@code phonebook.max-cell-length}); a row with a
 *                      longer cell is rejected
 */
public record CsvImportSettings(Path inbox, Path workDir, String defaultRegion, int concurrency, Duration pauseDelay,
                                Duration drainTimeout, int maxLineLength, int maxCellLength) {

    /**
     * 64 Ki characters: sixteen cells at the cell limit, far more than any contact row (a phone, names, a few
     * fields), and at most 128 KB of memory per row being read or in flight.
     */
    public static final int DEFAULT_MAX_LINE_LENGTH = 64 * 1024;
    /**
     * 4 Ki characters: ten times a long postal address or note, far below Excel's 32,767 per cell; a longer cell
     * is a pasted document or a broken export, not contact data.
     */
    public static final int DEFAULT_MAX_CELL_LENGTH = 4 * 1024;
    static final String MAX_LINE_LENGTH = "phonebook.max-line-length";
    static final String MAX_CELL_LENGTH = "phonebook.max-cell-length";

    public CsvImportSettings {
        if (concurrency < 1) {
            throw new IllegalArgumentException("phonebook.concurrency must be at least 1");
        }
        if (maxLineLength < 256) {
            throw new IllegalArgumentException(MAX_LINE_LENGTH + " must be at least 256");
        }
        if (maxCellLength < 32 || maxCellLength > maxLineLength) {
            throw new IllegalArgumentException(MAX_CELL_LENGTH + " must be at least 32 and at most " + MAX_LINE_LENGTH);
        }
        inbox = inbox.toAbsolutePath().normalize();
        workDir = workDir == null ? inbox.resolve(".work") : workDir.toAbsolutePath().normalize();
    }

    /** With the default read limits. */
    public CsvImportSettings(Path inbox, Path workDir, String defaultRegion, int concurrency, Duration pauseDelay,
                             Duration drainTimeout) {
        this(inbox, workDir, defaultRegion, concurrency, pauseDelay, drainTimeout, DEFAULT_MAX_LINE_LENGTH,
                DEFAULT_MAX_CELL_LENGTH);
    }

    /**
     * These settings with the read limits the properties set ({@code phonebook.max-line-length},
     * {@code phonebook.max-cell-length}); unset ones keep their value. The import bean applies it, so the limits
     * are honoured however the settings were built.
     */
    public CsvImportSettings withReadLimits(PropertiesComponent properties) {
        int line = properties.resolveProperty(MAX_LINE_LENGTH).filter(s -> !s.isBlank())
                .map(s -> Integer.parseInt(s.trim())).orElse(maxLineLength);
        int cell = properties.resolveProperty(MAX_CELL_LENGTH).filter(s -> !s.isBlank())
                .map(s -> Integer.parseInt(s.trim())).orElse(maxCellLength);
        return new CsvImportSettings(inbox, workDir, defaultRegion, concurrency, pauseDelay, drainTimeout, line, cell);
    }

    public Path doneDir() {
        return inbox.resolve(".done");
    }

    public Path failedDir() {
        return inbox.resolve(".failed");
    }
}
