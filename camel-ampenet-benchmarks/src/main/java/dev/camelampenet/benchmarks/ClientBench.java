package dev.camelampenet.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.camelampenet.ampenet.AmpenetConstants;
import dev.camelampenet.ampenet.model.SendResult;
import dev.camelampenet.benchmarks.Contenders.Contender;
import org.apache.camel.builder.RouteBuilder;

/**
 * The client side of the benchmarks that call the API: it runs in a child JVM of its own (so every contender has the
 * same JVM flags, and none shares a heap or a JIT with the simulator) against the simulator in the suite's JVM, which
 * it drives through the control API. Each mode prints one line {@code RESULT <json>} for the suite.
 * <ul>
 *   <li>{@code capacity}: raw clients hammering GET /balance and POST /sms/send: what the simulator serves here</li>
 *   <li>{@code overhead}: single-recipient sends through the connector, the raw JDK HttpClient and a camel-http route,
 *       alternated in rounds, at each concurrency</li>
 *   <li>{@code bulk}: one exchange with many recipients against a simulator with a fixed latency</li>
 *   <li>{@code pacing}: sends and contact stores at full speed against a low rate limit, paced by the component;
 *       then the same without pacing</li>
 * </ul>
 */
public final class ClientBench {

    private final Map<String, String> args;
    private final String baseUrl;
    private final String token;
    private final SimulatorControl control;

    private ClientBench(Map<String, String> args) {
        this.args = args;
        this.baseUrl = args.get("base-url");
        this.token = args.get("token");
        this.control = new SimulatorControl(args.get("control-url"));
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = parse(argv);
        ClientBench bench = new ClientBench(args);
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("jvm", String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()));
        for (String mode : args.get("mode").split(",")) {
            long start = System.nanoTime();
            log("---- %s ----", mode);
            ObjectNode r;
            switch (mode) {
                case "capacity":
                    r = bench.capacity();
                    break;
                case "overhead":
                    r = bench.overhead();
                    break;
                case "bulk":
                    r = bench.bulk();
                    break;
                case "pacing":
                    r = bench.pacing();
                    break;
                default:
                    throw new IllegalArgumentException("unknown mode " + mode);
            }
            r.put("tookSeconds", (System.nanoTime() - start) / 1e9);
            result.set(mode, r);
        }
        System.out.println("RESULT " + new ObjectMapper().writeValueAsString(result));
        System.exit(0); // no lingering non-daemon threads of a client
    }

    static Map<String, String> parse(String[] argv) {
        Map<String, String> a = new LinkedHashMap<>();
        for (String arg : argv) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("arguments are --name=value, not " + arg);
            }
            a.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        return a;
    }

    private int integer(String name, int fallback) {
        return Integer.parseInt(args.getOrDefault(name, Integer.toString(fallback)));
    }

    private Duration seconds(String name, double fallback) {
        return Duration.ofMillis((long) (Double.parseDouble(args.getOrDefault(name, Double.toString(fallback))) * 1000));
    }

    static void log(String format, Object... values) {
        System.out.println("[client] " + String.format(Locale.ROOT, format, values));
    }

    // ---- 6. simulator capacity ------------------------------------------------------------------------------

    private ObjectNode capacity() throws Exception {
        int threads = integer("capacity-threads", 32);
        Duration warmup = seconds("capacity-warmup", 3);
        Duration measure = seconds("capacity-seconds", 12);
        HttpClient http = Contenders.tunedHttpClient(); // the cheapest JDK client: the load generator shares the cores
        String authorization = "Bearer " + token;
        URI balance = URI.create(baseUrl + "/balance");
        URI send = URI.create(baseUrl + "/sms/send");
        Load.Call getBalance = n -> check(http.send(HttpRequest.newBuilder(balance).header("Accept", "application/json")
                .header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofByteArray()));
        Load.Call postSend = n -> check(http.send(HttpRequest.newBuilder(send).header("Accept", "application/json")
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"" + Contenders.TEXT + "\",\"type\":\"plain\",\"sender_id\":\""
                        + Contenders.SENDER + "\",\"recipient\":\"" + Contenders.number(n) + "\"}")).build(),
                HttpResponse.BodyHandlers.ofByteArray()));
        ObjectNode out = JsonNodeFactory.instance.objectNode().put("threads", threads).put("seconds", measure.toMillis() / 1000.0);
        Map<String, Load.Call> paths = new LinkedHashMap<>();
        paths.put("balance", getBalance);
        paths.put("send", postSend);
        for (Load.Call call : paths.values()) { // both warm before either is measured (the simulator's JIT too)
            control.reset();
            Load.run(call, threads, warmup, Long.MAX_VALUE);
        }
        for (Map.Entry<String, Load.Call> e : paths.entrySet()) {
            control.reset();
            System.gc();
            Thread.sleep(200);
            Load.Stats stats = Load.run(e.getValue(), threads, measure, Long.MAX_VALUE);
            log("capacity %s: %s", e.getKey(), stats);
            out.set(e.getKey(), stats.json());
        }
        return out;
    }

    private static void check(HttpResponse<byte[]> response) {
        byte[] b = response.body();
        // {"status":"success" without parsing: the load generator should cost as little as possible
        if (response.statusCode() != 200 || b.length < 20 || b[11] != 's' || b[12] != 'u') {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + new String(b, 0, Math.min(b.length, 200)));
        }
    }

    // ---- 1. overhead ----------------------------------------------------------------------------------------

    private ObjectNode overhead() throws Exception {
        Duration warmup = seconds("overhead-warmup", 4);
        Duration slice = seconds("overhead-slice", 4);
        int rounds = integer("overhead-rounds", 3);
        List<Integer> concurrencies = new ArrayList<>();
        for (String c : args.getOrDefault("overhead-concurrency", "1,16").split(",")) {
            concurrencies.add(Integer.parseInt(c.trim()));
        }
        // the component's pacing is raised far above anything reached here: this measures overhead, not pacing
        try (Contenders.Routes routes = new Contenders.Routes(baseUrl, token, "rateLimit=2000000000");
             Contenders.RawApache rawApache = new Contenders.RawApache(baseUrl, token)) {
            List<Contender> contenders = List.of(new Contenders.Raw(baseUrl, token), routes.component(), routes.camelHttp(),
                    new Contenders.Raw("raw JDK HttpClient, direct executor", Contenders.tunedHttpClient(), baseUrl, token),
                    routes.componentOnJdk(), rawApache);
            for (Contender c : contenders) {
                for (int threads : List.of(16, 1)) {
                    control.reset();
                    Load.Stats w = Load.run(n -> c.send(Contenders.number(n % 100_000)), threads,
                            threads == 1 ? warmup.dividedBy(4) : warmup, Long.MAX_VALUE);
                    log("warm-up %s at %d: %s", c.name(), threads, w);
                }
            }
            ObjectNode out = JsonNodeFactory.instance.objectNode().put("rounds", rounds).put("sliceSeconds", slice.toMillis() / 1000.0);
            ArrayNode levels = out.putArray("levels");
            for (int threads : concurrencies) {
                Map<Contender, List<Load.Stats>> runs = new LinkedHashMap<>();
                contenders.forEach(c -> runs.put(c, new ArrayList<>()));
                for (int round = 0; round < rounds; round++) {
                    for (int k = 0; k < contenders.size(); k++) {
                        Contender c = contenders.get((round + k) % contenders.size()); // a different order every round
                        control.reset();
                        System.gc();
                        Thread.sleep(200);
                        Load.Stats s = Load.run(n -> c.send(Contenders.number(n)), threads, slice, Long.MAX_VALUE);
                        log("round %d, %d caller(s), %s: %s", round + 1, threads, c.name(), s);
                        runs.get(c).add(s);
                    }
                }
                ObjectNode level = levels.addObject().put("concurrency", threads);
                ObjectNode byName = level.putObject("contenders");
                for (Contender c : contenders) {
                    ObjectNode n = Load.Stats.merge(runs.get(c)).json();
                    ArrayNode perRound = n.putArray("perRound");
                    runs.get(c).forEach(s -> perRound.add(s.throughput()));
                    byName.set(c.name(), n);
                }
            }
            return out;
        }
    }

    // ---- 2. bulk --------------------------------------------------------------------------------------------

    private ObjectNode bulk() throws Exception {
        int recipients = integer("bulk-recipients", 10_000);
        int latency = integer("bulk-latency", 50);
        int rounds = integer("bulk-rounds", 3);
        int parallel = integer("bulk-parallel", 4);
        int serverLimit = integer("bulk-server-limit", 1000);
        ObjectNode out = JsonNodeFactory.instance.objectNode().put("recipients", recipients).put("latencyMillis", latency)
                .put("parallel", parallel).put("serverRateLimit", serverLimit);
        long[] offset = {0};
        // the defaults a user has: the component's rateLimit (1000/min) and the API's default limit (1000/min)
        try (Contenders.Routes defaults = new Contenders.Routes(baseUrl, token, "");
             Contenders.Routes raised = new Contenders.Routes(baseUrl, token, "rateLimit=2000000000")) {
            // warm-up without the latency: the same work, both sides, in a fraction of the time
            bulkReset(0, Integer.MAX_VALUE / 2);
            bulkOnce(raised, numbers(offset, recipients));
            rawBulk(numbers(offset, recipients));
            bulkOnce(raised, numbers(offset, recipients));
            rawBulk(numbers(offset, recipients));
            ArrayNode paced = out.putArray("defaults");
            ArrayNode unpaced = out.putArray("raised");
            ArrayNode raw = out.putArray("raw");
            for (int r = 0; r < rounds; r++) {
                bulkReset(latency, serverLimit);
                paced.add(bulkOnce(defaults, numbers(offset, recipients)));
                bulkReset(latency, Integer.MAX_VALUE / 2);
                unpaced.add(bulkOnce(raised, numbers(offset, recipients)));
                bulkReset(latency, Integer.MAX_VALUE / 2);
                raw.add(rawBulk(numbers(offset, recipients)));
            }
            // several exchanges at once: each is sequential, together they are not
            bulkReset(latency, Integer.MAX_VALUE / 2);
            List<List<String>> lists = new ArrayList<>();
            for (int p = 0; p < parallel; p++) {
                lists.add(numbers(offset, recipients));
            }
            long start = System.nanoTime();
            List<Future<Object>> futures = new ArrayList<>();
            for (List<String> list : lists) {
                futures.add(raised.template.asyncRequestBodyAndHeader("direct:ampenet", Contenders.TEXT, AmpenetConstants.RECIPIENTS, list));
            }
            int calls = 0;
            int accepted = 0;
            for (Future<Object> f : futures) {
                SendResult result = (SendResult) f.get();
                calls += result.calls();
                accepted += result.accepted();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            log("bulk: %d exchanges of %,d in parallel: %d calls, %,d accepted in %.2f s", parallel, recipients, calls, accepted, seconds);
            out.putObject("parallelRun").put("calls", calls).put("accepted", accepted).put("seconds", seconds);
        }
        return out;
    }

    private void bulkReset(int latency, int serverLimit) throws InterruptedException {
        control.reset();
        control.rateLimit(serverLimit);
        if (latency > 0) {
            control.latency(latency, "/sms/send");
        }
        System.gc();
        Thread.sleep(200);
    }

    private static List<String> numbers(long[] offset, int count) {
        List<String> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(Contenders.number(offset[0]++));
        }
        return list;
    }

    private static ObjectNode bulkOnce(Contenders.Routes routes, List<String> recipients) {
        long start = System.nanoTime();
        SendResult result = routes.template.requestBodyAndHeader("direct:ampenet", Contenders.TEXT, AmpenetConstants.RECIPIENTS,
                recipients, SendResult.class);
        double seconds = (System.nanoTime() - start) / 1e9;
        log("bulk: one exchange, %,d recipients: %d calls, %,d accepted, %d rejected in %.2f s", recipients.size(),
                result.calls(), result.accepted(), result.rejected().size(), seconds);
        return JsonNodeFactory.instance.objectNode().put("calls", result.calls()).put("accepted", result.accepted())
                .put("rejected", result.rejected().size()).put("seconds", seconds);
    }

    /** The same calls by hand: chunks of 100 numbers, one POST after the other, each answer parsed. */
    private ObjectNode rawBulk(List<String> recipients) throws Exception {
        HttpClient http = Contenders.httpClient();
        ObjectMapper json = new ObjectMapper();
        long start = System.nanoTime();
        int calls = 0;
        int accepted = 0;
        for (int i = 0; i < recipients.size(); i += 100) {
            ObjectNode body = json.createObjectNode().put("message", Contenders.TEXT).put("type", "plain")
                    .put("sender_id", Contenders.SENDER)
                    .put("recipient", String.join(",", recipients.subList(i, Math.min(recipients.size(), i + 100))));
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/sms/send"))
                    .header("Accept", "application/json").header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            JsonNode reply = json.readTree(response.body());
            calls++;
            accepted += reply.path("data").size();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        log("bulk: raw client, the same %,d recipients: %d calls, %,d accepted in %.2f s", recipients.size(), calls, accepted, seconds);
        return JsonNodeFactory.instance.objectNode().put("calls", calls).put("accepted", accepted).put("seconds", seconds);
    }

    // ---- 3. pacing ------------------------------------------------------------------------------------------

    private ObjectNode pacing() throws Exception {
        int limit = integer("pacing-limit", 600);
        int sends = integer("pacing-sends", 350);
        int stores = integer("pacing-stores", 350);
        int threads = integer("pacing-threads", 16);
        int unpacedLimit = integer("pacing-unpaced-limit", limit);
        // one call too many per caller: each of those fails after its retries (1 + 2 + 4 s), all at the same time
        int unpacedCalls = integer("pacing-unpaced-calls", unpacedLimit + threads);
        String unpacedOptions = args.getOrDefault("pacing-unpaced-options", "");
        Duration timeout = seconds("pacing-timeout", 240);
        ObjectNode out = JsonNodeFactory.instance.objectNode().put("limit", limit).put("threads", threads);

        // paced: the component's rateLimit set to the API's limit, as a user would
        String group = pacingReset(limit);
        try (Contenders.Routes routes = new Contenders.Routes(baseUrl, token, "rateLimit=" + limit)) {
            addContactRoute(routes, group, "rateLimit=" + limit);
            out.set("paced", pacingRun(routes, sends, stores, threads, timeout, limit));
        }
        // the same API without client pacing: what the component saves a user from
        group = pacingReset(unpacedLimit);
        out.put("unpacedLimit", unpacedLimit);
        try (Contenders.Routes routes = new Contenders.Routes(baseUrl, token, "rateLimit=2000000000" + unpacedOptions)) {
            addContactRoute(routes, group, "rateLimit=2000000000" + unpacedOptions);
            out.set("unpaced", pacingRun(routes, unpacedCalls, 0, threads, timeout, unpacedLimit));
        }
        control.reset();
        return out;
    }

    /** Fresh account with one contact group, its rate limit window restarted at {@code limit}; the group's uid. */
    private String pacingReset(int limit) throws Exception {
        control.reset();
        control.rateLimit(Integer.MAX_VALUE / 2);
        HttpResponse<byte[]> created = Contenders.httpClient().send(HttpRequest.newBuilder(URI.create(baseUrl + "/contacts"))
                .header("Accept", "application/json").header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"pacing\"}")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        String uid = new ObjectMapper().readTree(created.body()).path("data").path("uid").asText();
        control.rateLimit(limit); // also restarts every window
        return uid;
    }

    private static void addContactRoute(Contenders.Routes routes, String group, String options) throws Exception {
        routes.context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:contact").routeId("contacts").to("ampenet:contacts/store?groupId=" + group + "&" + options);
            }
        });
    }

    private ObjectNode pacingRun(Contenders.Routes routes, int sends, int stores, int threads, Duration timeout, int limit)
            throws Exception {
        Contender sms = routes.component();
        long start = System.nanoTime();
        // own threads, not the common pool: the HttpClient completes its answers there, and blocked workers would
        // leave it none
        FutureTask<Load.Stats> sent = inThread(() -> Load.run(n -> sms.send(Contenders.number(n)), threads, timeout, sends));
        FutureTask<Load.Stats> stored = inThread(() -> Load.run(n -> {
            Map<String, Object> contact = new LinkedHashMap<>();
            contact.put("phone", Contenders.number(1_000_000 + n));
            contact.put("firstName", "Row" + n);
            routes.template.requestBody("direct:contact", contact);
        }, threads, timeout, stores));
        Load.Stats s = sent.get();
        Load.Stats c = stored.get();
        double wall = (System.nanoTime() - start) / 1e9;

        // what the API saw: accepted calls and throttled ones, from its journal
        int accepted = 0;
        int throttled = 0;
        Instant first = null;
        Instant last = null;
        for (JsonNode e : control.journal()) {
            String path = e.path("path").asText();
            if (!path.endsWith("/sms/send") && !path.endsWith("/store")) {
                continue;
            }
            String body = e.path("responseBody").asText("");
            if (body.contains("Too Many Attempts.")) {
                throttled++;
            } else if (body.startsWith("{\"status\":\"success\"")) {
                accepted++;
                Instant at = Instant.parse(e.path("time").asText());
                first = first == null || at.isBefore(first) ? at : first;
                last = last == null || at.isAfter(last) ? at : last;
            }
        }
        double span = first == null ? 0 : Duration.between(first, last).toNanos() / 1e9;
        double ratePerMinute = span > 0 ? (accepted - 1) / span * 60 : 0;
        log("pacing: %d sends (%d failed) and %d contact stores (%d failed) in %.1f s; the API accepted %d calls over %.1f s"
                        + " (%.0f/min, limit %d/min) and throttled %d", s.calls(), s.errors(), c.calls(), c.errors(), wall,
                accepted, span, ratePerMinute, limit, throttled);
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("sends", s.calls()).put("sendFailures", s.errors()).put("stores", c.calls()).put("storeFailures", c.errors())
                .put("wallSeconds", wall).put("accepted", accepted).put("throttled", throttled).put("spanSeconds", span)
                .put("ratePerMinute", ratePerMinute).put("p50Millis", s.percentileMillis(50)).put("p99Millis", s.percentileMillis(99));
        String error = s.firstError() != null ? s.firstError() : c.firstError();
        if (error != null) {
            n.put("firstError", error);
        }
        return n;
    }

    private static <T> FutureTask<T> inThread(Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread t = new Thread(task, "pacing-load");
        t.setDaemon(true);
        t.start();
        return task;
    }
}
