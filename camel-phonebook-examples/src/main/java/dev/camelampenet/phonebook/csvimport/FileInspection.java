package dev.camelampenet.phonebook.csvimport;

import java.nio.charset.Charset;
import java.util.List;

/**
 * What one pass over a dropped file found out before any row is imported.
 *
 * @param sha256 the content's SHA-256 (hex): with the target group it names the file's ledger
 * @param size bytes
 * @param charset how to read it: UTF-8 (with or without BOM), UTF-16 with a BOM, or Windows-1252 when the bytes
 *                are not UTF-8 (Excel's plain "CSV" save)
 * @param delimiter the detected separator
 * @param header the header cells, trimmed, BOM removed
 * @param estimatedRows line breaks after the header: the number of rows unless fields hold line breaks or lines are
 *                      blank (used for the time-left estimate only)
 */
public record FileInspection(String sha256, long size, Charset charset, CsvDelimiter delimiter, List<String> header,
                             long estimatedRows) {
}
