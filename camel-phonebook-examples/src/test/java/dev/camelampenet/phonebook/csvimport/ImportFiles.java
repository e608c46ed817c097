package dev.camelampenet.phonebook.csvimport;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Test helpers: drop files the way users should (write elsewhere, then move), wait boundedly, read reports. */
final class ImportFiles {

    /** One line of a report. */
    record ReportRow(long row, String phone, String outcome, String reason, String contactUid, String number, String note) {
    }

    private ImportFiles() {
    }

    /** Writes {@code content} next to the inbox and moves it in, so the import never sees half a file. */
    static Path drop(Path inbox, String name, byte[] content) throws IOException {
        Files.createDirectories(inbox);
        Path staging = Files.createTempFile(inbox.getParent(), "drop", ".tmp");
        Files.write(staging, content);
        return Files.move(staging, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    static Path drop(Path inbox, String name, String content, Charset charset) throws IOException {
        return drop(inbox, name, content.getBytes(charset));
    }

    /** UTF-8 with a BOM, as Excel's "CSV UTF-8" writes it. */
    static byte[] utf8WithBom(String content) {
        byte[] text = content.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[text.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(text, 0, bytes, 3, text.length);
        return bytes;
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    static Path awaitFile(Path file, Duration timeout) throws InterruptedException {
        await(file.toString(), timeout, () -> Files.exists(file));
        return file;
    }

    static List<ReportRow> readReport(Path report) throws IOException {
        byte[] bytes = Files.readAllBytes(report);
        if (bytes.length < 3 || (bytes[0] & 0xFF) != 0xEF || (bytes[1] & 0xFF) != 0xBB || (bytes[2] & 0xFF) != 0xBF) {
            throw new AssertionError("the report must start with a UTF-8 BOM");
        }
        List<ReportRow> rows = new ArrayList<>();
        try (Reader reader = new java.io.StringReader(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8));
             CSVParser parser = CSVParser.builder().setReader(reader)
                     .setFormat(CSVFormat.EXCEL.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            if (!parser.getHeaderNames().equals(List.of(ImportReport.COLUMNS))) {
                throw new AssertionError("report header " + parser.getHeaderNames());
            }
            for (CSVRecord r : parser) {
                rows.add(new ReportRow(Long.parseLong(r.get("row")), r.get("phone"), r.get("outcome"), r.get("reason"),
                        r.get("contact_uid"), r.get("number"), r.isMapped("note") ? r.get("note") : ""));
            }
        }
        return rows;
    }
}
