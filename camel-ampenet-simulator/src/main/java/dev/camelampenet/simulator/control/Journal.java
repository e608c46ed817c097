package dev.camelampenet.simulator.control;

import dev.camelampenet.simulator.JournalEntry;
import dev.camelampenet.simulator.http.ApiRequest;
import dev.camelampenet.simulator.http.ApiResponse;
import dev.camelampenet.simulator.state.Account;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The request journal: the newest {@code capacity} API requests with the token masked. Bounded so a million-row
 * import does not fill the heap; lock-free so recording never serialises requests.
 */
public final class Journal {

    private static final int MAX_BODY = 16 * 1024;

    private final int capacity;
    private final Deque<JournalEntry> entries = new ConcurrentLinkedDeque<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();

    public Journal(int capacity) {
        this.capacity = capacity;
    }

    public long nextId() {
        return ids.incrementAndGet();
    }

    public void record(ApiRequest request, ApiResponse response, String fault, long durationMillis, Long accountId) {
        String token = request.bearerToken();
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((k, v) -> headers.put(k, "authorization".equalsIgnoreCase(k) ? maskAuthorization(v) : mask(v, token)));
        JournalEntry entry = new JournalEntry(request.id, Instant.now().toString(), request.method, request.path,
                mask(request.rawQuery, token), headers, truncate(mask(request.bodyText(), token)),
                response == null ? 0 : response.status, response == null ? null : response.contentType,
                response == null ? null : truncate(mask(new String(response.body, StandardCharsets.UTF_8), token)),
                fault, durationMillis, accountId);
        entries.addLast(entry);
        if (size.incrementAndGet() > capacity) {
            entries.pollFirst();
            size.decrementAndGet();
        }
    }

    public List<JournalEntry> entries(long afterId, int limit) {
        List<JournalEntry> out = new ArrayList<>();
        for (JournalEntry e : entries) {
            if (e.id() > afterId) {
                out.add(e);
                if (out.size() >= limit) {
                    break;
                }
            }
        }
        return out;
    }

    public int size() {
        return size.get();
    }

    public void clear() {
        entries.clear();
        size.set(0);
    }

    private static String maskAuthorization(String value) {
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "Bearer " + Account.mask(value.substring(7).trim());
        }
        return "****";
    }

    private static String mask(String text, String token) {
        if (text == null || token == null || token.length() < 4) {
            return text;
        }
        // a token in a query string or form body arrives percent-encoded ("22%7CRMQR..."): mask that spelling too
        String masked = Account.mask(token);
        return text.replace(token, masked).replace(URLEncoder.encode(token, StandardCharsets.UTF_8), masked);
    }

    private static String truncate(String text) {
        if (text == null || text.length() <= MAX_BODY) {
            return text;
        }
        return text.substring(0, MAX_BODY) + "...(" + (text.length() - MAX_BODY) + " more characters)";
    }
}
