package dev.camelampenet.phonebook.csvimport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A dropped file as camel-csv reads it: the same records, re-encoded as UTF-8, except that a record which is too
 * long or not valid in the file's charset is replaced by a one-cell marker record. The row iterator turns the marker
 * into a rejected row with the reason ({@link #problemIn}), so the rows after it are still imported.
 * <p>
 * Why underneath Commons CSV: its lexer builds a whole cell in memory before it can be checked, so a 50 MB line
 * would be read whole (a gigabyte of heap with the copies). Here a record is held only up to
 * {@code maxRecordChars}; past that its characters are counted and dropped, never stored. A record is held
 * complete before any of it is passed on, so the parser never sees half a record and stays in step with the file.
 * <p>
 * Record ends are found as Commons CSV finds them (RFC 4180 with the detected separator): a line break outside
 * quotes, where a quote opens a quoted cell only at the start of a cell and {@code ""} inside one is a quote. An
 * over-long record is skipped to that end; if the file ends inside its quotes, the file cannot be read further and
 * the problem is marked fatal. A byte the charset cannot decode marks its record and is skipped: UTF-8 finds its
 * footing again at the next character, so one bad row costs one row.
 */
final class BoundedCsvInput extends InputStream {

    /** Why a record was replaced; {@code fatal}: the file cannot be read past it. */
    record Problem(long line, String reason, boolean fatal) {
    }

    private enum State { CELL_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

    private final InputStream raw;
    private final CharsetDecoder decoder;
    private final char delimiter;
    private final int maxRecordChars;
    /** Unguessable per file, so no cell of the file can pose as a marker. */
    private final String marker = "phonebook-skipped-" + UUID.randomUUID().toString().replace("-", "") + "-";
    private final Map<Long, Problem> problems = new ConcurrentHashMap<>();
    private long problemCount;

    private final ByteBuffer in = ByteBuffer.allocate(8192).flip();
    private final CharBuffer chars = CharBuffer.allocate(8192).flip();
    private boolean rawEnded;
    private boolean flushed;
    private int pendingMalformed;
    private boolean first = true;

    /** The record being read: at most maxRecordChars characters, grown as needed. */
    private char[] record;
    private int recordChars;
    private long recordLength;
    private long recordLine;
    private boolean overflow;
    private String decodeProblem;
    private State state = State.CELL_START;
    private long line = 1;
    private long column;
    private boolean lastCR;
    private int largestBuffer;

    private byte[] out = new byte[0];
    private int outPos;
    private boolean ended;

    BoundedCsvInput(InputStream raw, Charset charset, char delimiter, int maxRecordChars) {
        this.raw = raw;
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.delimiter = delimiter;
        this.maxRecordChars = maxRecordChars;
        this.record = new char[smallBuffer()];
        this.largestBuffer = record.length;
    }

    private int smallBuffer() {
        return Math.min(1024, maxRecordChars + 1);
    }

    /** The problem of a record camel-csv gave back, if it is a marker (or holds one); each is handed out once. */
    Problem problemIn(List<String> cells) {
        for (String cell : cells) {
            int at = cell == null ? -1 : cell.indexOf(marker);
            if (at >= 0) {
                int start = at + marker.length();
                int end = start;
                while (end < cell.length() && Character.isDigit(cell.charAt(end))) {
                    end++;
                }
                Problem p = end > start ? problems.remove(Long.parseLong(cell.substring(start, end))) : null;
                return p != null ? p : new Problem(0, "the row could not be read", false);
            }
        }
        return null;
    }

    /** The most characters ever held for one record: never more than the limit, whatever the file holds. */
    int largestBuffer() {
        return largestBuffer;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (outPos == out.length) {
            if (ended) {
                return -1;
            }
            nextRecord();
        }
        int n = Math.min(len, out.length - outPos);
        System.arraycopy(out, outPos, b, off, n);
        outPos += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        ended = true;
        raw.close();
    }

    /** Reads up to the end of the next record and makes it (or its marker) the output. */
    private void nextRecord() throws IOException {
        while (true) {
            if (!chars.hasRemaining() && !decodeMore()) {
                ended = true;
                if (recordLength > 0) {
                    emit(false);
                }
                return;
            }
            char c = chars.get();
            if (first) {
                first = false;
                if (c == '\uFEFF') {
                    continue; // the BOM, decoded: not part of the header's first cell
                }
            }
            if (consume(c)) {
                emit(true);
                return;
            }
        }
    }

    /** @return whether {@code c} ended the record */
    private boolean consume(char c) {
        if (recordLength == 0) {
            recordLine = line;
        }
        recordLength++;
        if (!overflow) {
            // one more than the limit: room for the line break that ends a record of exactly the limit
            if (recordChars == maxRecordChars + 1) {
                overflow = true;
                recordChars = 0;
                record = new char[smallBuffer()]; // give the big buffer back
            } else {
                if (recordChars == record.length) {
                    record = Arrays.copyOf(record, Math.min(maxRecordChars + 1, record.length * 2));
                    largestBuffer = Math.max(largestBuffer, record.length);
                }
                record[recordChars++] = c;
            }
        }
        boolean lineBreak = c == '\n' || c == '\r';
        boolean ends = false;
        switch (state) {
            case CELL_START -> {
                if (c == '"') {
                    state = State.QUOTED;
                } else if (lineBreak) {
                    ends = true;
                } else if (c != delimiter) {
                    state = State.UNQUOTED;
                }
            }
            case UNQUOTED, QUOTE_IN_QUOTED -> {
                if (state == State.QUOTE_IN_QUOTED && c == '"') {
                    state = State.QUOTED; // "" inside quotes
                } else if (c == delimiter) {
                    state = State.CELL_START;
                } else if (lineBreak) {
                    ends = true;
                } else {
                    state = State.UNQUOTED;
                }
            }
            case QUOTED -> {
                if (c == '"') {
                    state = State.QUOTE_IN_QUOTED;
                }
            }
        }
        if (c == '\n') {
            if (!lastCR) {
                line++;
            }
            lastCR = false;
            column = 0;
        } else if (c == '\r') {
            line++;
            lastCR = true;
            column = 0;
        } else {
            lastCR = false;
            column++;
        }
        if (ends) {
            state = State.CELL_START;
        }
        return ends;
    }

    /** The record read so far becomes the output, or its marker when it was too long or could not be decoded. */
    private void emit(boolean endedByLineBreak) {
        String problem = null;
        boolean fatal = false;
        long length = recordLength - (endedByLineBreak ? 1 : 0);
        if (length > maxRecordChars) {
            overflow = true;
        }
        if (overflow) {
            long lastLine = endedByLineBreak ? line - 1 : line;
            String lines = lastLine > recordLine ? "lines " + recordLine + "-" + lastLine + " (one row)" : "line " + recordLine;
            if (!endedByLineBreak && state == State.QUOTED) {
                fatal = true;
                problem = "a quoted cell opened in line " + recordLine + " is not closed before the end of the file ("
                        + ImportProgress.count(length) + " characters, more than the limit of "
                        + ImportProgress.count(maxRecordChars) + ", " + CsvImportSettings.MAX_LINE_LENGTH + ")";
            } else {
                problem = lines + " is " + ImportProgress.count(length) + " characters long, more than the limit of "
                        + ImportProgress.count(maxRecordChars) + " (" + CsvImportSettings.MAX_LINE_LENGTH
                        + "); the row was skipped unread";
            }
        } else if (decodeProblem != null) {
            problem = decodeProblem;
        }
        if (problem != null) {
            long id = problemCount++;
            problems.put(id, new Problem(recordLine, problem, fatal));
            out = (marker + id + "\n").getBytes(StandardCharsets.UTF_8);
        } else {
            out = new String(record, 0, recordChars).getBytes(StandardCharsets.UTF_8);
        }
        outPos = 0;
        recordChars = 0;
        recordLength = 0;
        overflow = false;
        decodeProblem = null;
    }

    /** Decodes the next characters; a byte that cannot be decoded is noted for the record it falls in. */
    private boolean decodeMore() throws IOException {
        chars.clear();
        if (flushed) {
            chars.flip();
            return false; // the decoder is done; it may not be called again
        }
        while (chars.position() == 0) {
            if (pendingMalformed > 0) {
                // every character before the bad bytes has been consumed: they belong to the record read now
                noteUndecodable(in.get(in.position()) & 0xFF);
                in.position(in.position() + pendingMalformed);
                pendingMalformed = 0;
            }
            CoderResult result = decoder.decode(in, chars, rawEnded);
            if (result.isError()) {
                pendingMalformed = result.length();
                continue;
            }
            if (result.isOverflow()) {
                break;
            }
            if (rawEnded) {
                decoder.flush(chars);
                flushed = true;
                break;
            }
            if (chars.position() > 0) {
                break;
            }
            in.compact();
            int n = raw.read(in.array(), in.position(), in.remaining());
            if (n < 0) {
                rawEnded = true;
            } else {
                in.position(in.position() + n);
            }
            in.flip();
        }
        chars.flip();
        return chars.hasRemaining();
    }

    private void noteUndecodable(int b) {
        if (decodeProblem != null) {
            return; // the first one is enough to know the row is broken
        }
        if (recordLength == 0) {
            recordLine = line;
            recordLength = 1; // the record exists, even if the bad byte is all there is
        }
        String charset = decoder.charset().name();
        String asAnsi = b >= 0x80 ? " ('" + new String(new byte[] {(byte) b}, CsvFileInspector.WINDOWS_1252) + "' in Windows-1252)" : "";
        decodeProblem = "not valid " + charset + ": byte 0x" + String.format("%02X", b) + asAnsi + " at line " + line
                + ", character " + (column + 1) + "; the row was skipped. The file starts with a " + charset
                + " byte order mark, but this row was saved in another encoding: save the whole file as CSV UTF-8";
    }
}
