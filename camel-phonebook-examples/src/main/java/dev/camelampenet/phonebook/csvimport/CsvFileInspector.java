package dev.camelampenet.phonebook.csvimport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a dropped file once, as a stream (never all of it in memory): its hash, whether it is UTF-8, how many lines
 * it has; then its first lines for the separator and the header.
 */
public final class CsvFileInspector {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final int DETECTION_LINES = 6;
    private static final int MAX_HEADER_CHARS = 64 * 1024;

    private CsvFileInspector() {
    }

    public static FileInspection inspect(Path file) {
        return inspect(file, CsvImportSettings.DEFAULT_MAX_LINE_LENGTH);
    }

    /** @param maxLineLength the longest line read whole: a longer header fails the file, a longer data line is not looked at */
    public static FileInspection inspect(Path file, int maxLineLength) {
        try {
            return doInspect(file, maxLineLength);
        } catch (IOException e) {
            throw new UnreadableFileException("cannot read the file: " + e.getMessage(), e);
        }
    }

    private static FileInspection doInspect(Path file, int maxLineLength) throws IOException {
        MessageDigest sha = sha256();
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer pending = ByteBuffer.allocate(64 * 1024 + 8);
        CharBuffer sink = CharBuffer.allocate(64 * 1024 + 8);
        boolean validUtf8 = true;
        long size = 0;
        long lineBreaks = 0;
        byte[] first = new byte[4];
        int firstLength = 0;
        byte last = '\n';
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lineBreaks++;
                    }
                }
                while (firstLength < first.length && firstLength < size + n) {
                    first[firstLength] = buffer[firstLength - (int) size];
                    firstLength++;
                }
                size += n;
                last = buffer[n - 1];
                if (validUtf8) {
                    pending.put(buffer, 0, n).flip();
                    validUtf8 = decodes(utf8, pending, sink, false);
                    pending.compact();
                }
            }
        }
        if (validUtf8) {
            pending.flip();
            validUtf8 = decodes(utf8, pending, sink, true);
        }
        long lines = lineBreaks + (last != '\n' ? 1 : 0);

        Charset charset;
        int bomLength = 0;
        if (firstLength >= 3 && (first[0] & 0xFF) == 0xEF && (first[1] & 0xFF) == 0xBB && (first[2] & 0xFF) == 0xBF) {
            charset = StandardCharsets.UTF_8;
            bomLength = 3;
        } else if (firstLength >= 2 && ((first[0] & 0xFF) == 0xFF && (first[1] & 0xFF) == 0xFE
                || (first[0] & 0xFF) == 0xFE && (first[1] & 0xFF) == 0xFF)) {
            charset = StandardCharsets.UTF_16; // reads and drops the BOM itself
        } else {
            charset = validUtf8 ? StandardCharsets.UTF_8 : WINDOWS_1252;
        }
        if (size - bomLength <= 0) {
            throw new UnreadableFileException("the file is empty");
        }

        List<String> firstLines = firstLines(file, charset, maxLineLength);
        if (firstLines.isEmpty()) {
            throw new UnreadableFileException("the file has no header row (it holds only blank lines)");
        }
        CsvDelimiter delimiter = DelimiterDetector.detect(firstLines);
        List<String> header = header(String.join("\n", firstLines), delimiter);
        return new FileInspection(HexFormat.of().formatHex(sha.digest()), size, charset, delimiter, header,
                Math.max(0, lines - 1));
    }

    private static boolean decodes(CharsetDecoder decoder, ByteBuffer in, CharBuffer sink, boolean endOfInput) {
        while (true) {
            CoderResult result = decoder.decode(in, sink, endOfInput);
            sink.clear();
            if (result.isError()) {
                return false;
            }
            if (result.isUnderflow()) {
                if (endOfInput) {
                    CoderResult flushed = decoder.flush(sink);
                    sink.clear();
                    return !flushed.isError();
                }
                return true;
            }
        }
    }

    /**
     * The first few non-blank lines, BOM removed: enough for the separator and a header. Each line is held only up to
     * {@code maxLineLength} characters, so a hostile 50 MB line is never read whole here either.
     */
    private static List<String> firstLines(Path file, Charset charset, int maxLineLength) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BoundedLines reader = new BoundedLines(new BufferedReader(reader(file, charset)), maxLineLength)) {
            long chars = 0;
            String line;
            while (lines.size() < DETECTION_LINES && chars < MAX_HEADER_CHARS && (line = reader.next()) != null) {
                if (reader.wasCut()) {
                    if (lines.isEmpty()) {
                        throw new UnreadableFileException("the header row (line " + reader.lineNumber() + ") is longer than "
                                + ImportProgress.count(maxLineLength) + " characters (" + CsvImportSettings.MAX_LINE_LENGTH + ")");
                    }
                    chars += maxLineLength;
                    continue; // too long to judge the separator by; the import rejects it as a row
                }
                chars += line.length();
                line = stripBom(line);
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
        } catch (CharacterCodingException e) {
            throw new UnreadableFileException("cannot decode the file as " + charset.name(), e);
        }
        return lines;
    }

    /** Physical lines (ended by CR, LF or CRLF) of at most a given length; the rest of a longer line is skipped. */
    private static final class BoundedLines implements AutoCloseable {
        private final Reader reader;
        private final int max;
        private final StringBuilder line = new StringBuilder();
        private boolean cut;
        private boolean afterCR;
        private long lineNumber;

        BoundedLines(Reader reader, int max) {
            this.reader = reader;
            this.max = max;
        }

        String next() throws IOException {
            line.setLength(0);
            cut = false;
            int c;
            boolean any = false;
            while ((c = reader.read()) >= 0) {
                if (c == '\n' && afterCR) {
                    afterCR = false;
                    continue; // the LF of a CRLF
                }
                afterCR = c == '\r';
                if (c == '\n' || c == '\r') {
                    lineNumber++;
                    return cut ? "" : line.toString();
                }
                any = true;
                if (line.length() < max) {
                    line.append((char) c);
                } else {
                    cut = true;
                }
            }
            if (!any) {
                return null;
            }
            lineNumber++;
            return cut ? "" : line.toString();
        }

        boolean wasCut() {
            return cut;
        }

        long lineNumber() {
            return lineNumber;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    private static Reader reader(Path file, Charset charset) throws IOException {
        return new java.io.InputStreamReader(Files.newInputStream(file), charset);
    }

    static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    /** The header record, parsed exactly like the rows will be. */
    static List<String> header(String text, CsvDelimiter delimiter) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter.character()).get();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(format).get()) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw new UnreadableFileException("the file has no header row");
            }
            List<String> header = new ArrayList<>();
            for (String cell : records.next()) {
                header.add(stripBom(cell == null ? "" : cell).trim());
            }
            return header;
        } catch (IOException | RuntimeException e) {
            if (e instanceof UnreadableFileException u) {
                throw u;
            }
            throw new UnreadableFileException("cannot read the header row: " + e.getMessage(), e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
