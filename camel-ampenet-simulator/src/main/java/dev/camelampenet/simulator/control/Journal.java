package dev.camelampenet.simulator.control;

import dev.camelampenet.simulator.JournalEntry;
import dev.camelampenet.simulator.http.ApiRequest;
import dev.camelampenet.simulator.http.ApiResponse;
import dev.camelampenet.simulator.state.Account;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The request journal: the newest {@code capacity} API requests with the token masked. Bounded so a million-row
 * import does not fill the heap; lock-free so recording never serialises requests.
 * <p>
 * Masking covers the request's own bearer token and every account's token: a client that puts a valid token in
 * the query string or the body of an unauthenticated request (or one account's token in another's request) must
 * not leak it into the journal, which the console shows and which goes into bug reports.
 */
public final class Journal {

    private static final int MAX_BODY = 16 * 1024;

    private final int capacity;
    private final Deque<JournalEntry> entries = new ConcurrentLinkedDeque<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();

    private final Supplier<Collection<String>> knownTokens;

    public Journal(int capacity) {
        this(capacity, List::of);
    }

    /** @param knownTokens every account's token, read at each record (accounts come and go) */
    public Journal(int capacity, Supplier<Collection<String>> knownTokens) {
        this.capacity = capacity;
        this.knownTokens = knownTokens;
    }

    public long nextId() {
        return ids.incrementAndGet();
    }

    public void record(ApiRequest request, ApiResponse response, String fault, long durationMillis, Long accountId) {
        List<String> tokens = new ArrayList<>();
        if (request.bearerToken() != null) {
            tokens.add(request.bearerToken());
        }
        tokens.addAll(knownTokens.get());
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((k, v) -> headers.put(k, "authorization".equalsIgnoreCase(k) ? maskAuthorization(v) : mask(v, tokens)));
        JournalEntry entry = new JournalEntry(request.id, Instant.now().toString(), request.method, request.path,
                mask(request.rawQuery, tokens), headers, truncate(mask(request.bodyText(), tokens)),
                response == null ? 0 : response.status, response == null ? null : response.contentType,
                response == null ? null : truncate(mask(new String(response.body, StandardCharsets.UTF_8), tokens)),
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

    /**
     * One entry by id, while the journal still holds it. A full scan: ids are taken when a request arrives but
     * entries are added when it ends, so a slow request sits behind later ids and no early stop is safe.
     */
    public Optional<JournalEntry> entry(long id) {
        for (Iterator<JournalEntry> it = entries.descendingIterator(); it.hasNext(); ) {
            JournalEntry e = it.next();
            if (e.id() == id) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * A page of the newest entries first (in the order they ended), as the console lists them.
     *
     * @param accountId only this account's requests, or all when null
     * @param errorsOnly only requests whose answer was an error (see {@link JournalEntry#isError()})
     */
    public Page newest(int offset, int limit, Long accountId, boolean errorsOnly) {
        List<JournalEntry> page = new ArrayList<>();
        int total = 0;
        for (Iterator<JournalEntry> it = entries.descendingIterator(); it.hasNext(); ) {
            JournalEntry e = it.next();
            if ((accountId != null && !accountId.equals(e.accountId())) || (errorsOnly && !e.isError())) {
                continue;
            }
            if (total >= offset && page.size() < limit) {
                page.add(e);
            }
            total++;
        }
        return new Page(total, page);
    }

    /** A page of entries and how many the filter selects in all. */
    public record Page(int total, List<JournalEntry> entries) {
    }

    /** How many entries whose answer was an error the journal holds. */
    public int errorCount() {
        int n = 0;
        for (JournalEntry e : entries) {
            if (e.isError()) {
                n++;
            }
        }
        return n;
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

    private static String mask(String text, List<String> tokens) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String token : tokens) {
            if (token == null || token.length() < 4) {
                continue; // masking "a" would mangle every word of the body
            }
            // a token in a query string or form body arrives percent-encoded ("22%7CRMQR..."): mask that spelling too
            String masked = Account.mask(token);
            out = out.replace(token, masked).replace(URLEncoder.encode(token, StandardCharsets.UTF_8), masked);
        }
        return out;
    }

    private static String truncate(String text) {
        if (text == null || text.length() <= MAX_BODY) {
            return text;
        }
        return text.substring(0, MAX_BODY) + "...(" + (text.length() - MAX_BODY) + " more characters)";
    }
}
