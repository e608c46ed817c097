package dev.camelampenet.phonebook.alerting;

import java.io.BufferedReader;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The {@link SendLedger} of one instance, the embedded default: an append-only file written <em>before</em> a call ({@code S}: these recipients of these alerts are being
 * sent), <em>after</em> it ({@code A}: where each of them ended) and when an alert is settled ({@code R}: its
 * outcome). Each write is forced to disk before the flow goes on. A recipient whose last record is {@code S} was in a
 * call when the process died: it may have been sent, so it is never resent blindly.
 * <pre>
 * S	b-1a2b	1763798400000	alert-1=255712000001,255712000002 alert-2=255754000111
 * A	alert-1	b-1a2b	1763798400120	255712000001:6b02a82f1df6f	-	255712000002	no+answer+came+back
 * A	alert-2	b-1a2b	1763798400120	-	255754000111:Number+contains+in+the+blacklist	-	-
 * R	alert-2	FAILED	1763798400123	-	255754000111%3A+blacklisted	1+of+1+recipient%28s%29+refused%3A+...	-	-	-
 * </pre>
 * An {@code A} line lists the recipients of its batch that were sent ({@code number:uid}), refused
 * ({@code number:reason}) or left uncertain (with the reason once); a recipient of the batch it does not list never
 * went out and may be sent again. An {@code S} of the earlier format (alert ids without numbers) and a campaign's
 * {@code S} cover the whole alert. Every value is URL-encoded, so no value can break a line. A torn last line (power
 * cut) is ignored: its call's {@code S} record is already on disk. The whole index is in memory (about 100 bytes an
 * alert plus 30 a recipient).
 */
public final class FileSendLedger implements SendLedger {

    private final Path path;
    private final FileChannel channel;
    private final Map<String, Entry> index = new ConcurrentHashMap<>();

    private FileSendLedger(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    public static FileSendLedger open(Path path) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileSendLedger ledger = new FileSendLedger(path, channel);
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
            Map<String, List<String>> numbersByAlert = new LinkedHashMap<>();
            for (String part : f[3].split(" ")) {
                if (!part.isEmpty()) {
                    int eq = part.indexOf('=');
                    numbersByAlert.put(dec(eq < 0 ? part : part.substring(0, eq)), eq < 0 ? List.of() : list(part.substring(eq + 1)));
                }
            }
            applySending(dec(f[1]), Long.parseLong(f[2]), numbersByAlert);
        } else if ("A".equals(f[0]) && f.length == 8) {
            Map<String, String> sent = new LinkedHashMap<>();
            for (String pair : pairs(f[4])) {
                int colon = pair.indexOf(':');
                sent.put(dec(pair.substring(0, colon)), colon + 1 < pair.length() ? dec(pair.substring(colon + 1)) : null);
            }
            Map<String, String> rejected = new LinkedHashMap<>();
            for (String pair : pairs(f[5])) {
                int colon = pair.indexOf(':');
                rejected.put(dec(pair.substring(0, colon)), dec(pair.substring(colon + 1)));
            }
            applyCall(dec(f[1]), dec(f[2]), Long.parseLong(f[3]),
                    new CallRecord(sent, rejected, list(f[6]), "-".equals(f[7]) ? null : dec(f[7])));
        } else if ("R".equals(f[0]) && (f.length == 7 || f.length == 10)) {
            AlertOutcome outcome = AlertOutcome.valueOf(f[2]);
            String error = "-".equals(f[6]) ? null : dec(f[6]);
            AlertResult result = f.length == 7
                    ? new AlertResult(outcome, error, list(f[4]), list(f[5]))
                    : new AlertResult(outcome, error, list(f[4]), list(f[5]), list(f[7]), list(f[8]), list(f[9]));
            applyResult(dec(f[1]), Long.parseLong(f[3]), result);
        }
    }

    @Override
    public Entry lookup(String alertId) {
        return index.get(alertId);
    }

    @Override
    public synchronized Set<String> sending(String batchId, Collection<String> alertIds) throws IOException {
        // one process writes this file, and every write holds this object's lock: checking the index and appending
        // the S line under it is the claim
        Map<String, List<String>> whole = new LinkedHashMap<>();
        for (String id : alertIds) {
            Entry e = index.get(id);
            if (e == null || e.claimableWhole()) {
                whole.put(id, List.of());
            }
        }
        write(batchId, whole);
        return new LinkedHashSet<>(whole.keySet());
    }

    @Override
    public synchronized Map<String, List<String>> sendingRecipients(String batchId,
            Map<String, ? extends Collection<String>> numbersByAlert) throws IOException {
        Map<String, List<String>> claimed = new LinkedHashMap<>();
        numbersByAlert.forEach((id, numbers) -> {
            Entry e = index.get(id);
            List<String> mine = numbers.stream().filter(n -> e == null || e.claimable(n)).distinct().toList();
            if (!mine.isEmpty()) {
                claimed.put(id, mine);
            }
        });
        write(batchId, claimed);
        return claimed;
    }

    /** The S line of a claim (none when nothing was claimed): on disk before the call may go. */
    private void write(String batchId, Map<String, List<String>> numbersByAlert) throws IOException {
        if (numbersByAlert.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        append("S\t" + enc(batchId) + "\t" + now + "\t" + numbersByAlert.entrySet().stream()
                .map(e -> enc(e.getKey()) + (e.getValue().isEmpty() ? "" : "=" + join(List.copyOf(e.getValue()))))
                .collect(Collectors.joining(" ")) + "\n");
        applySending(batchId, now, numbersByAlert);
    }

    @Override
    public synchronized void called(String batchId, Map<String, CallRecord> records) throws IOException {
        long now = System.currentTimeMillis();
        StringBuilder lines = new StringBuilder();
        for (Map.Entry<String, CallRecord> e : records.entrySet()) {
            CallRecord r = e.getValue();
            lines.append("A\t").append(enc(e.getKey())).append('\t').append(enc(batchId)).append('\t').append(now)
                    .append('\t').append(r.sent().isEmpty() ? "-" : r.sent().entrySet().stream()
                            .map(s -> enc(s.getKey()) + ":" + (s.getValue() == null ? "" : enc(s.getValue()))).collect(Collectors.joining(",")))
                    .append('\t').append(r.rejected().isEmpty() ? "-" : r.rejected().entrySet().stream()
                            .map(s -> enc(s.getKey()) + ":" + enc(s.getValue())).collect(Collectors.joining(",")))
                    .append('\t').append(join(r.uncertain()))
                    .append('\t').append(r.uncertainReason() == null ? "-" : enc(r.uncertainReason())).append('\n');
        }
        append(lines.toString());
        records.forEach((alertId, r) -> applyCall(alertId, batchId, now, r));
    }

    @Override
    public synchronized void results(Map<String, AlertResult> results) throws IOException {
        long now = System.currentTimeMillis();
        StringBuilder lines = new StringBuilder();
        for (Map.Entry<String, AlertResult> e : results.entrySet()) {
            AlertResult r = e.getValue();
            lines.append("R\t").append(enc(e.getKey())).append('\t').append(r.outcome().name()).append('\t').append(now)
                    .append('\t').append(join(r.messageIds())).append('\t').append(join(r.rejected()))
                    .append('\t').append(r.error() == null ? "-" : enc(r.error()))
                    .append('\t').append(join(r.sent())).append('\t').append(join(r.uncertain()))
                    .append('\t').append(join(r.unsent())).append('\n');
        }
        append(lines.toString());
        results.forEach((alertId, r) -> applyResult(alertId, now, r));
    }

    // ---- the index, kept as the records say (on load and after each write)

    private void applySending(String batchId, long time, Map<String, ? extends Collection<String>> numbersByAlert) {
        numbersByAlert.forEach((alertId, numbers) -> {
            Entry before = entry(alertId);
            Map<String, Recipient> recipients = new LinkedHashMap<>(before.recipients());
            numbers.forEach(n -> recipients.put(n, new Recipient(Standing.SENDING, batchId)));
            index.put(alertId, new Entry(alertId, null, null, batchId, time, recipients, numbers.isEmpty()));
        });
    }

    private void applyCall(String alertId, String batchId, long time, CallRecord r) {
        Entry before = entry(alertId);
        Map<String, Recipient> recipients = new LinkedHashMap<>();
        before.recipients().forEach((n, rec) -> {
            // the call's recipients it does not name never went out: they are open again
            if (!(rec.standing() == Standing.SENDING && batchId.equals(rec.detail()))) {
                recipients.put(n, rec);
            }
        });
        r.sent().forEach((n, uid) -> recipients.put(n, new Recipient(Standing.SENT, uid)));
        r.rejected().forEach((n, reason) -> recipients.put(n, new Recipient(Standing.REJECTED, reason)));
        r.uncertain().forEach(n -> recipients.put(n, new Recipient(Standing.UNCERTAIN, r.uncertainReason())));
        index.put(alertId, before.withRecipients(recipients, false, batchId, time));
    }

    private void applyResult(String alertId, long time, AlertResult result) {
        Entry before = entry(alertId);
        index.put(alertId, new Entry(alertId, result.outcome(), result, before.batchId(), time, before.recipients(), false));
    }

    private Entry entry(String alertId) {
        Entry e = index.get(alertId);
        return e != null ? e : new Entry(alertId, null, null, null, 0, Map.of(), false);
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

    @Override
    public String location() {
        return path.toString();
    }

    @Override
    public Map<AlertOutcome, Long> counts() {
        return index.values().stream().filter(Entry::settled)
                .collect(Collectors.groupingBy(Entry::outcome, Collectors.counting()));
    }

    @Override
    public Collection<Entry> entries() {
        return List.copyOf(index.values());
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }

    private static String join(List<String> values) {
        return values.isEmpty() ? "-" : values.stream().map(FileSendLedger::enc).collect(Collectors.joining(","));
    }

    private static List<String> list(String field) {
        if ("-".equals(field) || field.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        Arrays.stream(field.split(",")).map(FileSendLedger::dec).forEach(out::add);
        return out;
    }

    /** The raw, still encoded {@code number:uid} or {@code number:reason} pairs of an A record's field. */
    private static List<String> pairs(String field) {
        return "-".equals(field) || field.isEmpty() ? List.of() : Arrays.asList(field.split(","));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String dec(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
