package dev.camelampenet.phonebook.alerting;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The flow's memory of what it sent, so a redelivered alert is never sent twice: an append-only file written
 * <em>before</em> a call ({@code S}: these alerts are being sent) and <em>after</em> it ({@code R}: this alert's
 * outcome), each write forced to disk before the flow goes on. An alert whose last record is {@code S} was in a call
 * when the process died: it may have been sent, so it is never resent blindly.
 * <pre>
 * S	b-1a2b	1763798400000	alert-1 alert-2
 * R	alert-1	SENT	1763798400123	6b02a82f1df6f	-	-
 * R	alert-2	FAILED	1763798400123	-	255754000111%3A+blacklisted	255754000111+is+blacklisted
 * </pre>
 * Every field is URL-encoded, so no value can break a line. A torn last line (power cut) is ignored: its call's
 * {@code S} record is already on disk. The whole index is in memory (about 100 bytes an alert).
 */
public final class SendLedger implements Closeable {

    /** The last record of an alert. {@code outcome} is null while it is being sent (an S record). */
    public record Entry(String alertId, AlertOutcome outcome, AlertResult result, String batchId, long time) {
        public boolean sending() {
            return outcome == null;
        }
    }

    private final Path path;
    private final FileChannel channel;
    private final Map<String, Entry> index = new ConcurrentHashMap<>();

    private SendLedger(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    public static SendLedger open(Path path) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        SendLedger ledger = new SendLedger(path, channel);
        ledger.load();
        return ledger;
    }

    private void load() throws IOException {
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                try {
                    read(line);
                } catch (RuntimeException torn) {
                    // a line cut short by a crash: the record before it holds
                }
            }
        }
        long size = channel.size();
        channel.position(size);
        if (size > 0) {
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.read(last, size - 1);
            if (last.get(0) != '\n') {
                append("\n"); // the next record starts on its own line
            }
        }
    }

    private void read(String line) {
        String[] f = line.split("\t", -1);
        if ("S".equals(f[0]) && f.length == 4) {
            long time = Long.parseLong(f[2]);
            for (String id : f[3].split(" ")) {
                if (!id.isEmpty()) {
                    String alertId = dec(id);
                    index.put(alertId, new Entry(alertId, null, null, f[1], time));
                }
            }
        } else if ("R".equals(f[0]) && f.length == 7) {
            String alertId = dec(f[1]);
            AlertOutcome outcome = AlertOutcome.valueOf(f[2]);
            AlertResult result = new AlertResult(outcome, "-".equals(f[6]) ? null : dec(f[6]), list(f[4]), list(f[5]));
            Entry before = index.get(alertId);
            index.put(alertId, new Entry(alertId, outcome, result, before == null ? null : before.batchId(), Long.parseLong(f[3])));
        }
    }

    /** The last record of this alert, or null when the flow never tried to send it. */
    public Entry lookup(String alertId) {
        return index.get(alertId);
    }

    /** Before a call: these alerts are about to be sent. On disk when this returns. */
    public synchronized void sending(String batchId, Collection<String> alertIds) throws IOException {
        long now = System.currentTimeMillis();
        append("S\t" + enc(batchId) + "\t" + now + "\t" + alertIds.stream().map(SendLedger::enc).collect(Collectors.joining(" ")) + "\n");
        for (String id : alertIds) {
            index.put(id, new Entry(id, null, null, batchId, now));
        }
    }

    /** After a call (or a decision that needs no call): each alert's outcome. On disk when this returns. */
    public synchronized void results(Map<String, AlertResult> results) throws IOException {
        long now = System.currentTimeMillis();
        StringBuilder lines = new StringBuilder();
        for (Map.Entry<String, AlertResult> e : results.entrySet()) {
            AlertResult r = e.getValue();
            lines.append("R\t").append(enc(e.getKey())).append('\t').append(r.outcome().name()).append('\t').append(now)
                    .append('\t').append(join(r.messageIds())).append('\t').append(join(r.rejected()))
                    .append('\t').append(r.error() == null ? "-" : enc(r.error())).append('\n');
        }
        append(lines.toString());
        for (Map.Entry<String, AlertResult> e : results.entrySet()) {
            Entry before = index.get(e.getKey());
            index.put(e.getKey(), new Entry(e.getKey(), e.getValue().outcome(), e.getValue(),
                    before == null ? null : before.batchId(), now));
        }
    }

    private void append(String text) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        channel.force(false);
    }

    public Path path() {
        return path;
    }

    /** How many alerts the ledger knows, by last record (null key: being sent). */
    public Map<AlertOutcome, Long> counts() {
        return index.values().stream().filter(e -> !e.sending())
                .collect(Collectors.groupingBy(Entry::outcome, Collectors.counting()));
    }

    public Collection<Entry> entries() {
        return List.copyOf(index.values());
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }

    private static String join(List<String> values) {
        return values.isEmpty() ? "-" : values.stream().map(SendLedger::enc).collect(Collectors.joining(","));
    }

    private static List<String> list(String field) {
        if ("-".equals(field) || field.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        Arrays.stream(field.split(",")).map(SendLedger::dec).forEach(out::add);
        return out;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String dec(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
