package dev.camelampenet.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.camelampenet.simulator.http.ApiRequest;
import dev.camelampenet.simulator.http.ApiResponse;
import dev.camelampenet.simulator.http.LaravelJson;
import dev.camelampenet.simulator.state.Account;

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
 */
final class ControlApi implements Function<ApiRequest, ApiResponse> {

    static final String PREFIX = "/__simulator";
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final AmpenetSimulator sim;

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
            return index();
        }
        String path = r.path.substring(PREFIX.length()).replaceAll("/+$", "");
        String[] seg = path.isEmpty() ? new String[0] : path.substring(1).split("/");
        String m = r.method;
        String first = seg.length == 0 ? "" : seg[0];
        switch (first) {
            case "":
                return json(200, sim.describe());
            case "reset":
                requireMethod(m, "POST");
                sim.reset();
                return ok("reset");
            case "outbox":
                Long accountId = r.has("account") ? longParam(r, "account", 0) : null;
                int offset = intParam(r, "offset", 0);
                int limit = intParam(r, "limit", 100);
                Map<String, Object> outbox = new LinkedHashMap<>();
                // the total of what the filter selects, so a client can page through one account's messages
                outbox.put("total", accountId == null ? sim.outboxSize() : sim.outboxPage(accountId, 0, Integer.MAX_VALUE).size());
                outbox.put("messages", sim.outboxPage(accountId, offset, limit));
                return json(200, outbox);
            case "journal":
                if ("DELETE".equals(m)) {
                    sim.clearJournal();
                    return ok("journal cleared");
                }
                return json(200, Map.of("entries", sim.journal(longParam(r, "after", 0), intParam(r, "limit", 500))));
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
                    sim.nextFault(Fault.THROTTLE, intParam(r, "requests", 1), null);
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
            case "rate-limit":
                if (!"GET".equals(m)) {
                    required(r, "perMinute");
                    sim.setRateLimit(intParam(r, "perMinute", 0));
                }
                return json(200, Map.of("perMinute", sim.rateLimit()));
            case "messages":
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
                if (seg.length == 3 && "fields".equals(seg[2])) {
                    requireMethod(m, "POST");
                    sim.defineField(seg[1], required(r, "tag"), r.has("required") && bool(r, "required"));
                    return ok("field defined");
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
                        r.inputString("path"), longParam(r, "seed", 0));
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

    private ApiResponse index() {
        String html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Ampenet simulator</title></head><body>"
                + "<h1>Ampenet API simulator</h1><p>Profile " + sim.profile().label() + ". API base URL: <code>"
                + sim.baseUrl() + "</code></p><p>Control API: <a href=\"" + PREFIX + "\">" + PREFIX + "</a>, "
                + "<a href=\"" + PREFIX + "/outbox\">outbox</a>, <a href=\"" + PREFIX + "/journal\">journal</a>.</p></body></html>";
        return ApiResponse.html(200, html);
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

    private static ApiResponse ok(String what) {
        return json(200, Map.of("ok", what));
    }

    private static ApiResponse json(int status, Object value) {
        try {
            return new ApiResponse(status, ApiResponse.JSON, JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
