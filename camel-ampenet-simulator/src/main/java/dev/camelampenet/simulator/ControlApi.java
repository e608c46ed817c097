package dev.camelampenet.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.camelampenet.simulator.console.ConsoleAssets;
import dev.camelampenet.simulator.control.Journal;
import dev.camelampenet.simulator.http.ApiRequest;
import dev.camelampenet.simulator.http.ApiResponse;
import dev.camelampenet.simulator.http.LaravelJson;
import dev.camelampenet.simulator.state.Account;
import dev.camelampenet.simulator.state.ContactGroup;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * The test-control API under {@code /__simulator/} (outside {@code /api}, never journaled, never faulted). It is a
 * thin HTTP face of {@link AmpenetSimulator}'s methods; docs/simulator.md lists every call with a curl example.
 * Accounts are chosen by {@code account} (id) or {@code token} in the body or query; the first account otherwise.
 * It also serves the web console: the page at {@code /}, its files under {@code /__simulator/console/}, and the
 * reads the page makes (summary, paged outbox and journal, one journal entry, a group's contacts).
 */
final class ControlApi implements Function<ApiRequest, ApiResponse> {

    static final String PREFIX = "/__simulator";
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final AmpenetSimulator sim;
    private final ConsoleAssets console = new ConsoleAssets();

    ControlApi(AmpenetSimulator sim) {
        this.sim = sim;
    }

    @Override
    public ApiResponse apply(ApiRequest request) {
        try {
            requireJsonObjectBody(request);
            return route(request);
        } catch (IllegalArgumentException | NoSuchElementException | ClassCastException e) {
            return json(400, Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    private ApiResponse route(ApiRequest r) {
        if (r.path.equals("/")) {
            return consoleFile(r, ConsoleAssets.INDEX);
        }
        String path = r.path.substring(PREFIX.length()).replaceAll("/+$", "");
        String[] seg = path.isEmpty() ? new String[0] : path.substring(1).split("/");
        String m = r.method;
        String first = seg.length == 0 ? "" : seg[0];
        switch (first) {
            case "":
                return json(200, sim.describe());
            case "console":
                return consoleFile(r, seg.length == 1 ? ConsoleAssets.INDEX : seg.length == 2 ? seg[1] : "");
            case "summary":
                return json(200, summary());
            case "reset":
                requireMethod(m, "POST");
                sim.reset();
                return ok("reset");
            case "outbox":
                Long accountId = r.has("account") ? longParam(r, "account", 0) : null;
                String search = r.inputString("q");
                int offset = intParam(r, "offset", 0);
                int limit = intParam(r, "limit", 100);
                Map<String, Object> outbox = new LinkedHashMap<>();
                // the total of what the filter selects, so a client can page through one account's messages
                outbox.put("total", sim.outboxCount(accountId, search));
                outbox.put("messages", sim.outboxPage(accountId, search, offset, limit));
                return json(200, outbox);
            case "journal":
                if (seg.length <= 2) {
                    return journal(r, seg);
                }
                break;
            case "accounts":
                if ("POST".equals(m)) {
                    String token = required(r, "token");
                    if (sim.state().account(token).isPresent()) {
                        return json(409, Map.of("error", "An account with this token exists already; use POST "
                                + PREFIX + "/balance to change its balance"));
                    }
                    Account added = sim.addAccount(token, decimal(r, "balance", AmpenetSimulator.DEFAULT_BALANCE));
                    return json(201, Map.of("id", added.id, "maskedToken", added.maskedToken()));
                }
                return json(200, sim.accounts());
            case "balance":
                Account a = account(r);
                if (!"GET".equals(m)) {
                    a.setBalance(decimal(r, "balance", null));
                }
                return json(200, Map.of("account", a.id, "balance", a.balance().toPlainString()));
            case "faults":
                return faults(r, seg);
            case "throttle":
                requireMethod(m, "POST");
                if (r.has("requests")) {
                    sim.nextFault(Fault.THROTTLE, intParam(r, "requests", 1), r.inputString("path"));
                } else {
                    sim.throttleFor(Duration.ofMillis((long) (doubleParam(r, "seconds", 60) * 1000)));
                }
                return ok("throttling");
            case "bugs":
                if (!"GET".equals(m)) {
                    r.input().keySet().forEach(key -> sim.setBug(ServerBug.parse(key), bool(r, key)));
                }
                Map<String, Boolean> bugs = new LinkedHashMap<>();
                for (ServerBug bug : ServerBug.values()) {
                    bugs.put(bug.key(), sim.bugs().contains(bug));
                }
                return json(200, bugs);
            case "certificate":
                requireMethod(m, "GET");
                if (!sim.isTls()) {
                    return json(404, Map.of("error", "The simulator serves plain HTTP: there is no certificate (start it with --tls)"));
                }
                return new ApiResponse(200, "application/x-pem-file", sim.certificatePem().getBytes(StandardCharsets.US_ASCII));
            case "host-kind":
                if (!"GET".equals(m)) {
                    sim.setHostKind(HostKind.parse(required(r, "hostKind")));
                }
                return json(200, Map.of("hostKind", sim.hostKind().key()));
            case "rate-limit":
                if (!"GET".equals(m)) {
                    required(r, "perMinute");
                    sim.setRateLimit(intParam(r, "perMinute", 0));
                }
                return json(200, Map.of("perMinute", sim.rateLimit()));
            case "messages":
                if (seg.length == 2 && "GET".equals(m)) {
                    return sim.state().message(seg[1]).<ApiResponse>map(msg -> json(200, AmpenetSimulator.toOutbox(msg)))
                            .orElseGet(() -> json(404, Map.of("error", "No message " + seg[1])));
                }
                if (seg.length == 3 && "status".equals(seg[2])) {
                    requireMethod(m, "POST");
                    sim.deliveryReport(seg[1], required(r, "status"));
                    return ok("status changed");
                }
                break;
            case "inbound":
                requireMethod(m, "POST");
                return json(201, sim.receive(account(r).token(), required(r, "from"), required(r, "message")));
            case "groups":
                if (seg.length == 3 && "contacts".equals(seg[2])) {
                    return json(200, contactsPage(seg[1], intParam(r, "offset", 0), intParam(r, "limit", 100)));
                }
                if (seg.length == 3 && "fields".equals(seg[2])) {
                    return fields(r, seg[1]);
                }
                return json(200, sim.groupsOf(account(r), intParam(r, "contacts", 100)));
            case "contacts":
                if (seg.length == 3 && "status".equals(seg[2])) {
                    requireMethod(m, "POST");
                    sim.setContactStatus(seg[1], required(r, "status"));
                    return ok("status changed");
                }
                break;
            case "blacklist":
                if ("POST".equals(m)) {
                    sim.blacklist(strings(r.input("numbers")));
                }
                return json(200, Map.of("numbers", sim.state().blacklist()));
            case "coverage":
                requireMethod(m, "POST");
                Map<Integer, BigDecimal> prices = new LinkedHashMap<>();
                Object given = r.input("prices");
                if (given instanceof Map) {
                    ((Map<?, ?>) given).forEach((cc, price) -> prices.put(number("prices", String.valueOf(cc), Integer::valueOf),
                            number("prices", String.valueOf(price), BigDecimal::new)));
                }
                account(r).setCoverage(prices, r.has("elsewhere") ? decimal(r, "elsewhere", null) : null);
                return ok("coverage set");
            case "api-access":
                requireMethod(m, "POST");
                account(r).setApiAccess(bool(r, "allowed"));
                return ok("api access set");
            case "abilities":
                Account holder = account(r);
                if ("POST".equals(m)) {
                    holder.revokeAbilities(strings(r.input("revoked")));
                }
                return json(200, Map.of("account", holder.id, "revoked", holder.revokedAbilities()));
            case "sender-ids":
                requireMethod(m, "POST");
                account(r).setSenderIdVerification(bool(r, "verification"), strings(r.input("approved")));
                return ok("sender id policy set");
            default:
                break;
        }
        return json(404, Map.of("error", "No control call " + m + " " + r.path + "; GET " + PREFIX + " describes the simulator"));
    }

    private ApiResponse consoleFile(ApiRequest r, String name) {
        if (!"GET".equals(r.method) && !"HEAD".equals(r.method)) {
            throw new IllegalArgumentException("Use GET for the console's files");
        }
        return console.serve(name, r.header("If-None-Match"))
                .orElseGet(() -> json(404, Map.of("error", "The console has no file " + r.path)));
    }

    /**
     * Everything the console's header and fault panel show, in one small answer it polls every second. The
     * {@code revision} tells it whether its lists need fetching again; nothing here holds a token.
     */
    private Map<String, Object> summary() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("revision", sim.revision());
        s.put("profile", sim.profile().label());
        s.put("baseUrl", sim.baseUrl());
        s.put("controlUrl", sim.controlUrl());
        s.put("rateLimitPerMinute", sim.rateLimit());
        s.put("throttled", sim.profile().throttled());
        s.put("hostKind", sim.hostKind().key());
        s.put("messages", sim.outboxSize());
        s.put("journalSize", sim.journalSize());
        s.put("journalErrors", sim.journalErrorCount());
        s.put("accounts", sim.accounts());
        s.put("faults", sim.faults());
        s.put("pendingFaults", sim.pendingFaults());
        Map<String, Boolean> bugs = new LinkedHashMap<>();
        for (ServerBug bug : ServerBug.values()) {
            bugs.put(bug.key(), sim.bugs().contains(bug));
        }
        s.put("bugs", bugs);
        return s;
    }

    /**
     * {@code GET journal}: oldest first after an id (for scripts that follow it), or with {@code order=newest} a page
     * newest first with a total (for the console), optionally only errors or one account's requests.
     * {@code GET journal/{id}}: one entry, e.g. the request that created an outbox message (its requestId).
     */
    private ApiResponse journal(ApiRequest r, String[] seg) {
        if ("DELETE".equals(r.method) && seg.length == 1) {
            sim.clearJournal();
            return ok("journal cleared");
        }
        if (seg.length == 2) {
            requireMethod(r.method, "GET");
            long id = number("id", seg[1], Long::valueOf);
            return sim.journalEntry(id).<ApiResponse>map(e -> json(200, e)).orElseGet(() -> json(404, Map.of("error",
                    "No journal entry " + id + "; the journal keeps only the newest requests and is emptied by a reset")));
        }
        if ("newest".equals(r.inputString("order"))) {
            Journal.Page page = sim.journalNewestFirst(intParam(r, "offset", 0), intParam(r, "limit", 100),
                    r.has("account") ? longParam(r, "account", 0) : null, r.has("errors") && bool(r, "errors"));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("total", page.total());
            out.put("entries", page.entries());
            return json(200, out);
        }
        return json(200, Map.of("entries", sim.journal(longParam(r, "after", 0), intParam(r, "limit", 500))));
    }

    /** A page of one group's contacts in the order they were added, for groups too big to send whole. */
    private Map<String, Object> contactsPage(String groupUid, int offset, int limit) {
        ContactGroup group = sim.state().group(groupUid).orElseThrow(() -> new NoSuchElementException("No group " + groupUid));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("uid", group.uid);
        out.put("name", group.name());
        out.put("fields", group.fieldTags());
        out.put("total", group.size());
        out.put("contacts", group.contacts(Math.max(0, offset), Math.max(0, limit)).stream()
                .map(c -> new GroupSnapshot.ContactSnapshot(c.uid, c.phone(), c.status(), c.fields())).toList());
        return out;
    }

    /**
     * {@code GET groups/{uid}/fields}: the definitions. {@code POST}: one field ({@code tag}, {@code name},
     * {@code type}, {@code required}) or several ({@code fields}: a list of such objects); answers the definitions.
     */
    private ApiResponse fields(ApiRequest r, String groupUid) {
        if (!"GET".equals(r.method)) {
            Object several = r.input("fields");
            if (several instanceof Collection) {
                for (Object item : (Collection<?>) several) {
                    if (!(item instanceof Map)) {
                        throw new IllegalArgumentException("'fields' is a list of objects such as {\"tag\":\"CITY\",\"type\":\"text\"}");
                    }
                    Map<?, ?> f = (Map<?, ?>) item;
                    sim.defineField(groupUid, text(f.get("tag")), text(f.get("name")), text(f.get("type")), truthy("required", f.get("required")));
                }
            } else {
                sim.defineField(groupUid, required(r, "tag"), r.inputString("name"), r.inputString("type"),
                        r.has("required") && bool(r, "required"));
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("ok", "field defined");
            out.put("fields", sim.fields(groupUid));
            return json(200, out);
        }
        return json(200, Map.of("fields", sim.fields(groupUid)));
    }

    private static String text(Object value) {
        return value == null ? null : ApiRequest.asString(value);
    }

    private static boolean truthy(String key, Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean) {
            return (Boolean) value;
        }
        switch (String.valueOf(value).trim().toLowerCase(Locale.ROOT)) {
            case "true": case "on": case "yes": case "1":
                return true;
            case "false": case "off": case "no": case "0":
                return false;
            default:
                throw new IllegalArgumentException("'" + key + "' must be true or false, got '" + value + "'");
        }
    }

    private ApiResponse faults(ApiRequest r, String[] seg) {
        if (seg.length == 2 && "next".equals(seg[1])) {
            requireMethod(r.method, "POST");
            sim.nextFault(Fault.parse(required(r, "fault")), intParam(r, "count", 1), r.inputString("path"));
            return ok("queued");
        }
        switch (r.method) {
            case "DELETE":
                sim.clearFaults();
                break;
            case "POST":
            case "PUT":
                FaultSettings s = new FaultSettings(longParam(r, "latencyMillis", 0), longParam(r, "jitterMillis", 0),
                        doubleParam(r, "http500Rate", 0), doubleParam(r, "dropBeforeRate", 0), doubleParam(r, "dropAfterRate", 0),
                        r.inputString("path"), longParam(r, "seed", 0), doubleParam(r, "htmlAfterRate", 0),
                        doubleParam(r, "errorAfterRate", 0), doubleParam(r, "truncatedAfterRate", 0));
                sim.setFaults(s);
                break;
            default:
                break;
        }
        return json(200, sim.faults());
    }

    private Account account(ApiRequest r) {
        if (r.has("account")) {
            return sim.accountById(longParam(r, "account", 0));
        }
        if (r.has("token")) {
            return sim.account(r.inputString("token"));
        }
        return sim.account(sim.token());
    }

    private static void requireMethod(String actual, String expected) {
        if (!expected.equals(actual)) {
            throw new IllegalArgumentException("Use " + expected + " for this control call");
        }
    }

    private static String required(ApiRequest r, String key) {
        String value = r.inputString(key);
        if (value == null) {
            throw new IllegalArgumentException("Missing '" + key + "'");
        }
        return value;
    }

    /**
     * The API's input() ignores a body that is not JSON (as Laravel does); a control call must not, or a typo in a
     * curl command would silently reset the faults to nothing.
     */
    private static void requireJsonObjectBody(ApiRequest r) {
        if (r.bodyText().isBlank()) {
            return;
        }
        JsonNode body;
        try {
            body = LaravelJson.MAPPER.readTree(r.body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("The body is not valid JSON: " + e.getMessage());
        }
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("The body must be a JSON object, e.g. {\"balance\": 5}");
        }
    }

    private static int intParam(ApiRequest r, String key, int fallback) {
        String v = r.inputString(key);
        return v == null ? fallback : number(key, v, Integer::valueOf);
    }

    private static long longParam(ApiRequest r, String key, long fallback) {
        String v = r.inputString(key);
        return v == null ? fallback : number(key, v, Long::valueOf);
    }

    private static double doubleParam(ApiRequest r, String key, double fallback) {
        String v = r.inputString(key);
        return v == null ? fallback : number(key, v, Double::valueOf);
    }

    private static BigDecimal decimal(ApiRequest r, String key, BigDecimal fallback) {
        String v = r.inputString(key);
        if (v == null) {
            if (fallback == null) {
                throw new IllegalArgumentException("Missing '" + key + "'");
            }
            return fallback;
        }
        return number(key, v, BigDecimal::new);
    }

    /** The parsers' own messages ("For input string: x") do not say which value was wrong. */
    private static <T> T number(String key, String text, Function<String, T> parser) {
        try {
            return parser.apply(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + key + "' must be a number, got '" + text + "'");
        }
    }

    /**
     * A JSON true or false, or the words true/false, on/off, yes/no, 1/0. Read from the raw input: inputString()
     * casts as PHP does (true becomes "1"), which Boolean.parseBoolean would read as false.
     */
    private static boolean bool(ApiRequest r, String key) {
        Object value = r.input(key);
        if (value == null) {
            throw new IllegalArgumentException("Missing '" + key + "'");
        }
        return truthy(key, value);
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof Collection) {
            ((Collection<?>) value).forEach(v -> out.add(ApiRequest.asString(v)));
        } else if (value != null) {
            for (String s : ApiRequest.asString(value).split(",")) {
                out.add(s.trim());
            }
        }
        return out;
    }

    private ApiResponse ok(String what) {
        return json(200, Map.of("ok", what));
    }

    /**
     * Every answer of the control API (and so everything the console shows) has the accounts' tokens masked, as the
     * journal does: a route that put a token into a message text or a contact field must not have it shown on a
     * screen or pasted into a bug report from there. Tokens under 4 characters are left alone (the journal's rule):
     * masking "T" would mangle every answer, and such a token is no secret.
     */
    private ApiResponse json(int status, Object value) {
        String text;
        try {
            text = JSON.writeValueAsString(value);
            for (String token : sim.state().tokens()) {
                if (token.length() >= 4) {
                    String masked = Account.mask(token);
                    String quoted = JSON.writeValueAsString(token);
                    text = text.replace(token, masked).replace(quoted.substring(1, quoted.length() - 1), masked);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new ApiResponse(status, ApiResponse.JSON, text.getBytes(StandardCharsets.UTF_8));
    }
}
