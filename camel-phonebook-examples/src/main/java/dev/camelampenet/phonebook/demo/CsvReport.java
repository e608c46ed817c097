package dev.camelampenet.phonebook.demo;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * What the CSV import did with a file, read from what it leaves behind: the report in {@code .done/} (one line per
 * row with its outcome), or the reason file in {@code .failed/}. The demo reads the files, not the import's code.
 */
final class CsvReport {

    Path file;
    String failed;
    long rows;
    long imported;
    long duplicate;
    long rejected;

    /** The report of the (only) file the demo dropped, or null while it is still being imported. */
    static CsvReport find(Path inbox) throws IOException {
        Path done = inbox.resolve(".done");
        Optional<Path> report = list(done).filter(p -> p.getFileName().toString().endsWith(".report.csv")).findFirst();
        Optional<Path> moved = list(done).filter(p -> p.getFileName().toString().equals(PhonebookDemo.CSV)).findFirst();
        if (report.isPresent() && moved.isPresent()) {
            return read(report.get());
        }
        Path failedDir = inbox.resolve(".failed");
        Optional<Path> reason = list(failedDir).filter(p -> !p.getFileName().toString().endsWith(".csv")).findFirst();
        if (reason.isPresent() && list(failedDir).anyMatch(p -> p.getFileName().toString().equals(PhonebookDemo.CSV))) {
            CsvReport r = new CsvReport();
            r.file = reason.get();
            r.failed = Files.readString(reason.get(), StandardCharsets.UTF_8).trim();
            return r;
        }
        return null;
    }

    private static Stream<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList().stream();
        }
    }

    static CsvReport read(Path report) throws IOException {
        CsvReport r = new CsvReport();
        r.file = report;
        try (Reader in = Files.newBufferedReader(report, StandardCharsets.UTF_8)) {
            boolean header = true;
            for (CSVRecord rec : CSVFormat.EXCEL.parse(in)) {
                if (header) {
                    header = false;
                    continue;
                }
                r.rows++;
                switch (rec.get(2)) {
                    case "imported" -> r.imported++;
                    case "duplicate" -> r.duplicate++;
                    default -> r.rejected++;
                }
            }
        }
        return r;
    }

    String describe() {
        return rows + " rows = " + imported + " imported + " + duplicate + " duplicate + " + rejected + " rejected";
    }
}
