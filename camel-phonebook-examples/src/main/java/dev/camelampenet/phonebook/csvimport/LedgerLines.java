package dev.camelampenet.phonebook.csvimport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Reads a ledger line by line with each line's byte offset, and one line at a known offset. */
final class LedgerLines {

    interface LineConsumer {
        void accept(long offset, String line);
    }

    /** A line as bytes, valid during the call only: for a pass that decodes few of the lines. */
    interface RawLineConsumer {
        void accept(long offset, byte[] line, int length);
    }

    private LedgerLines() {
    }

    /**
     * Feeds every complete line (ending in a line break) to {@code consumer}.
     *
     * @return the length of the complete part: a last line without its line break was cut by a kill mid-write
     */
    static long forEach(Path file, LineConsumer consumer) throws IOException {
        return forEachRaw(file, (offset, line, length) -> consumer.accept(offset, new String(line, 0, length, StandardCharsets.UTF_8)));
    }

    /** {@link #forEach} without decoding: {@code line} is reused for the next line. */
    static long forEachRaw(Path file, RawLineConsumer consumer) throws IOException {
        byte[] line = new byte[256];
        int length = 0;
        long offset = 0;
        long lineStart = 0;
        byte[] chunk = new byte[256 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(chunk)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte b = chunk[i];
                    offset++;
                    if (b == '\n') {
                        consumer.accept(lineStart, line, length);
                        length = 0;
                        lineStart = offset;
                    } else {
                        if (length == line.length) {
                            line = Arrays.copyOf(line, length * 2);
                        }
                        line[length++] = b;
                    }
                }
            }
        }
        return lineStart;
    }

    /** The line starting at {@code offset}, without its line break. */
    static String readAt(FileChannel channel, long offset) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(512);
        long position = offset;
        while (true) {
            int n = channel.read(buffer, position + buffer.position());
            int end = indexOf(buffer, '\n');
            if (end >= 0) {
                return new String(buffer.array(), 0, end, StandardCharsets.UTF_8);
            }
            if (n < 0) {
                return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            }
            if (!buffer.hasRemaining()) {
                ByteBuffer bigger = ByteBuffer.allocate(buffer.capacity() * 2);
                buffer.flip();
                bigger.put(buffer);
                buffer = bigger;
            }
        }
    }

    private static int indexOf(ByteBuffer buffer, char c) {
        byte[] a = buffer.array();
        for (int i = 0; i < buffer.position(); i++) {
            if (a[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
