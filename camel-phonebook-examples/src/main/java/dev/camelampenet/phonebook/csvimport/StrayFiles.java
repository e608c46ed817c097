package dev.camelampenet.phonebook.csvimport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What in the inbox is not imported, and the one log line that says so. Nothing sits in the inbox silently: a file
 * is imported, or moved to {@code .failed/} with a reason, or (this class) named once in the log with why it stays.
 * <p>
 * Such files are left where they are, not moved: a name starting with a dot or not ending in {@code .csv} is what a
 * transfer writes while it runs (rsync's {@code .name.XXXXXX}, {@code name.csv.part}, the "write elsewhere, then
 * rename" the docs ask for), and moving it would break that transfer. Each name is logged once; the names of files
 * that are gone are forgotten when the next new one is noticed, so this holds at most what the inbox holds.
 */
final class StrayFiles {

    private static final Logger LOG = LoggerFactory.getLogger(StrayFiles.class);
    /** Names already logged; pruned of files that are gone, so it holds at most what the inbox holds. */
    private final Map<Path, Boolean> logged = new ConcurrentHashMap<>();

    /** Why a file or folder directly in the inbox is not imported, or null when it is a CSV to import. */
    static String whyNotImported(String name, boolean directory) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (directory) {
            return "it is a folder (only files directly in the inbox are imported)";
        }
        if (name.startsWith(".")) {
            return "its name starts with a dot (a hidden file; transfers write such temporary files)."
                    + " Rename it without the dot to import it";
        }
        if (lower.endsWith(".report.csv")) {
            return "it is the report of an import (*.report.csv files are never imported)";
        }
        if (!lower.endsWith(".csv")) {
            return "its name does not end in .csv (a file still being written should be named so)."
                    + " Rename it to end in .csv to import it";
        }
        return null;
    }

    /** Logs the reason once for this file; false, for the file consumer's filter. */
    boolean notice(Path path, String reason) {
        if (logged.putIfAbsent(path, Boolean.TRUE) == null) {
            logged.keySet().removeIf(p -> !p.equals(path) && !Files.exists(p));
            LOG.info("inbox: '{}' is not imported and stays where it is: {}",
                    ControlChars.escape(String.valueOf(path.getFileName())), reason);
        }
        return false;
    }
}
