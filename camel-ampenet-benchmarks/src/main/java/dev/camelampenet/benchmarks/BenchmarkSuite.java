package dev.camelampenet.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.camelampenet.benchmarks.jmh.WireBenchmarks;
import dev.camelampenet.phonebook.store.LocalPostgres;
import dev.camelampenet.simulator.AmpenetSimulator;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Every benchmark of docs/benchmarks.md in one run, one after the other, and one table at the end (also written to
 * {@code results.md} and {@code results.json}):
 * <ol>
 *   <li>overhead: the connector against the raw JDK HttpClient and a hand-written camel-http route</li>
 *   <li>bulk: one exchange with 10,000 recipients against a 50 ms API</li>
 *   <li>pacing: sends and contact stores at full speed against a low rate limit</li>
 *   <li>import at scale: a million-row CSV at -Xmx256m, streaming and naive; its CPU per row on the embedded and the
 *   PostgreSQL store against a hand-written streaming import</li>
 *   <li>per-exchange cost: JMH, ns/op and B/op</li>
 *   <li>simulator capacity on this machine</li>
 *   <li>several instances: the alerting as 1 instance, 3 on one token, 3 on three tokens</li>
 * </ol>
 * The simulator always runs in this JVM; what is measured runs in child JVMs ({@link ClientBench},
 * {@code PhonebookApplication}, {@link NaiveCsvImport}, {@link BaselineCsvImport}, JMH's fork). Every part is bounded
 * in time and count. {@code --quick} runs all of it at toy sizes, which is what the default build does.
 */
public final class BenchmarkSuite {

    static final String TOKEN = "bench-token";

    /** The parts, in the order they run. */
    static final List<String> PARTS = List.of("capacity", "overhead", "bulk", "pacing", "jmh", "import", "naive", "instances");

    /** One line of the table. */
    record Row(String benchmark, String configuration, String figure, String baseline, String ratio, String target, String met) {
    }

    /** What to run. */
    record Settings(boolean quick, Set<String> parts, long rows, long naiveRows, int simulatorRateLimit, int clientRateLimit,
                    int concurrency, String appHeap, Path work, Path results, int instancesAlerts, int instancesLimit,
                    long costRows) {

        static Settings parse(String[] argv) {
            Map<String, String> a = ClientBench.parse(argv);
            String parts = a.getOrDefault("parts", "all");
            Set<String> chosen = new LinkedHashSet<>(parts.equals("all") ? PARTS : Arrays.asList(parts.split(",")));
            for (String p : chosen) {
                if (!PARTS.contains(p)) {
                    throw new IllegalArgumentException("unknown part " + p + "; the parts are " + PARTS);
                }
            }
            boolean quick = Boolean.parseBoolean(a.getOrDefault("quick", "false"));
            return new Settings(quick, chosen, Long.parseLong(a.getOrDefault("rows", quick ? "2000" : "1000000")),
                    Long.parseLong(a.getOrDefault("naive-rows", a.getOrDefault("rows", quick ? "2000" : "1000000"))),
                    Integer.parseInt(a.getOrDefault("simulator-rate-limit", "600000")),
                    Integer.parseInt(a.getOrDefault("client-rate-limit", "600000")),
                    Integer.parseInt(a.getOrDefault("concurrency", "32")),
                    a.getOrDefault("app-heap", "256m"),
                    Path.of(a.getOrDefault("work", "target/benchmark-work")).toAbsolutePath(),
                    Path.of(a.getOrDefault("results", "target/benchmarks")).toAbsolutePath(),
                    Integer.parseInt(a.getOrDefault("instances-alerts", quick ? "60" : "2000")),
                    Integer.parseInt(a.getOrDefault("instances-limit", "0")),
                    // the import's cost per row is compared on a smaller file: the PostgreSQL store's run of a million
                    // rows alone would take about 20 minutes
                    Long.parseLong(a.getOrDefault("cost-rows", String.valueOf(Math.min(100_000,
                            Long.parseLong(a.getOrDefault("rows", quick ? "2000" : "1000000")))))));
        }
    }

    /** What a run produced: the table, the details per part, and the raw figures. */
    record Report(List<Row> rows, String markdown, ObjectNode json) {
    }

    private final Settings s;
    private final List<Row> rows = new ArrayList<>();
    private final StringBuilder details = new StringBuilder();
    private final ObjectNode json = JsonNodeFactory.instance.objectNode();

    private BenchmarkSuite(Settings settings) {
        this.s = settings;
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        Report report = run(settings);
        System.out.println();
        System.out.println(table(report.rows()));
        System.out.println("Written to " + settings.results().resolve("results.md") + " and results.json");
        boolean failed = report.rows().stream().anyMatch(r -> r.met().startsWith("FAILED"));
        System.exit(failed ? 1 : 0);
    }

    public static Report run(Settings settings) throws Exception {
        return new BenchmarkSuite(settings).runAll();
    }

    private Report runAll() throws Exception {
        long start = System.nanoTime();
        Files.createDirectories(s.work());
        Files.createDirectories(s.results());
        ObjectNode machine = json.putObject("machine");
        machine.put("description", CsvImportBenchmark.machine()).put("loadAverageAtStart", loadAverage())
                .put("started", Instant.now().toString()).put("quick", s.quick());
        log("machine: %s; load average %s", CsvImportBenchmark.machine(), loadAverage());
        ObjectNode timings = json.putObject("partSeconds");
        ObjectNode loads = json.putObject("loadAverageAtPartStart");
        for (String part : PARTS) {
            if (!s.parts().contains(part)) {
                continue;
            }
            long partStart = System.nanoTime();
            loads.put(part, loadAverage());
            log("==== %s (load average %s) ====", part, loadAverage());
            try {
                switch (part) {
                    case "capacity":
                        capacity();
                        break;
                    case "overhead":
                        overhead();
                        break;
                    case "bulk":
                        bulk();
                        break;
                    case "pacing":
                        pacing();
                        break;
                    case "jmh":
                        jmh();
                        break;
                    case "import":
                        streamingImport();
                        break;
                    case "naive":
                        naiveImport();
                        break;
                    case "instances":
                        instances();
                        break;
                    default:
                        throw new IllegalStateException(part);
                }
            } catch (Exception e) {
                e.printStackTrace();
                rows.add(new Row(part, "the part did not finish", e.toString().replace('\n', ' '), "", "", "", "FAILED"));
            }
            timings.put(part, (System.nanoTime() - partStart) / 1e9);
            log("%s took %.0f s", part, (System.nanoTime() - partStart) / 1e9);
        }
        double total = (System.nanoTime() - start) / 1e9;
        machine.put("loadAverageAtEnd", loadAverage()).put("suiteSeconds", total);
        ArrayNode table = json.putArray("rows");
        rows.forEach(r -> table.add(new ObjectMapper().valueToTree(r)));

        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results (").append(Instant.now().toString(), 0, 10).append(")\n\n");
        md.append(table(rows)).append('\n');
        md.append(String.format(Locale.ROOT, "Machine: %s. Load average (1, 5, 15 min) at the start %s, at the end %s. "
                + "The suite took %.1f min.%s%n%n", CsvImportBenchmark.machine(), machine.get("loadAverageAtStart").asText(),
                loadAverage(), total / 60, s.quick() ? " **Quick run: toy sizes, the figures mean nothing.**" : ""));
        md.append("Part times (s): ");
        timings.fields().forEachRemaining(e -> md.append(e.getKey()).append(' ')
                .append(String.format(Locale.ROOT, "%.0f", e.getValue().asDouble())).append("; "));
        md.append("\n\n").append(details);
        Files.writeString(s.results().resolve("results.md"), md.toString(), StandardCharsets.UTF_8);
        Files.writeString(s.results().resolve("results.json"),
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json), StandardCharsets.UTF_8);
        return new Report(List.copyOf(rows), md.toString(), json);
    }

    // ---- the parts -----------------------------------------------------------------------------------------

    private AmpenetSimulator simulator(int rateLimit) {
        return AmpenetSimulator.builder().host("127.0.0.1").port(0).token(TOKEN).balance(-1).rateLimit(rateLimit)
                .journalCapacity(s.quick() ? 500 : 5_000).start();
    }

    private JsonNode client(AmpenetSimulator sim, String mode, Duration timeout, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--mode=" + mode, "--base-url=" + sim.baseUrl(),
                "--control-url=" + sim.controlUrl(), "--token=" + TOKEN));
        args.addAll(Arrays.asList(extra));
        Path log = s.work().resolve("client-" + mode + ".log");
        log("client JVM (%s): %s; log %s", mode, String.join(" ", ChildJvm.CLIENT_FLAGS), log);
        return ChildJvm.result(ChildJvm.CLIENT_FLAGS, ClientBench.class, args, log, timeout).path(mode);
    }

    /** 6. What the simulator serves on this machine, with raw clients that do nothing else. */
    private void capacity() throws Exception {
        AmpenetSimulator sim = simulator(Integer.MAX_VALUE / 2);
        try {
            JsonNode r = client(sim, "capacity", Duration.ofMinutes(2), q("--capacity-warmup=0.3", "--capacity-warmup=5"),
                    q("--capacity-seconds=0.5", "--capacity-seconds=12"), "--capacity-threads=16");
            json.set("capacity", r);
            int threads = r.path("threads").asInt();
            double seconds = r.path("seconds").asDouble();
            for (String what : List.of("balance", "send")) {
                JsonNode n = r.path(what);
                rows.add(new Row("6. Simulator capacity", (what.equals("balance") ? "GET /balance" : "POST /sms/send, 1 recipient")
                        + String.format(Locale.ROOT, ", %d raw clients, %.0f s", threads, seconds),
                        String.format(Locale.ROOT, "**%,.0f req/s** (p50 %.2f ms, p99 %.2f ms)%s", n.path("throughput").asDouble(),
                                n.path("p50Millis").asDouble(), n.path("p99Millis").asDouble(), errors(n)),
                        "", "", "", "n/a"));
            }
            details.append("## 6. Simulator capacity\n\n").append(String.format(Locale.ROOT,
                    "%d raw JDK HttpClient callers with a direct executor in a child JVM (blocking `send`, the answer checked "
                            + "without parsing) against "
                            + "the simulator in the suite's JVM, rate limit raised, unlimited balance; warm-up, then a fixed time "
                            + "per path. Both share the machine's cores, so this is what the simulator serves *while a client runs "
                            + "beside it*, the same situation as every other part.%n%n", threads));
        } finally {
            sim.stop();
        }
    }

    /** 1. The connector against the raw client and a hand-written camel-http route. */
    private void overhead() throws Exception {
        AmpenetSimulator sim = simulator(Integer.MAX_VALUE / 2);
        try {
            JsonNode r = client(sim, "overhead", Duration.ofMinutes(6), q("--overhead-warmup=0.4", "--overhead-warmup=4"),
                    q("--overhead-slice=0.3", "--overhead-slice=4"), q("--overhead-rounds=1", "--overhead-rounds=3"));
            json.set("overhead", r);
            details.append("## 1. Overhead\n\n").append(String.format(Locale.ROOT, "Single-recipient `sms/send`, %d rounds of "
                    + "%.0f s per contender and concurrency, the contenders in a different order every round, the simulator "
                    + "reset before each slice. Throughput in sends/s; latency in ms.%n%n", r.path("rounds").asInt(),
                    r.path("sliceSeconds").asDouble()));
            details.append("| callers | contender | sends/s | p50 | p90 | p99 | client CPU per send | per round (sends/s) | failed |\n"
                    + "|---|---|---|---|---|---|---|---|---|\n");
            for (JsonNode level : r.path("levels")) {
                int c = level.path("concurrency").asInt();
                JsonNode byName = level.path("contenders");
                JsonNode raw = byName.path("raw JDK HttpClient");
                JsonNode component = byName.path("ampenet:sms/send");
                JsonNode http = byName.path("camel-http route");
                JsonNode tuned = byName.path("raw JDK HttpClient, direct executor");
                JsonNode onJdk = byName.path("ampenet:sms/send, JDK transport");
                byName.fields().forEachRemaining(e -> {
                    StringBuilder rounds = new StringBuilder();
                    e.getValue().path("perRound").forEach(t -> rounds.append(rounds.length() == 0 ? "" : ", ")
                            .append(String.format(Locale.ROOT, "%,.0f", t.asDouble())));
                    details.append(String.format(Locale.ROOT, "| %d | %s | %,.0f | %.2f | %.2f | %.2f | %.0f µs | %s | %d |%n", c,
                            e.getKey(), e.getValue().path("throughput").asDouble(), e.getValue().path("p50Millis").asDouble(),
                            e.getValue().path("p90Millis").asDouble(), e.getValue().path("p99Millis").asDouble(),
                            e.getValue().path("cpuMicrosPerCall").asDouble(), rounds, e.getValue().path("errors").asLong()));
                });
                double ratio = component.path("throughput").asDouble() / raw.path("throughput").asDouble();
                rows.add(new Row("1. Overhead vs raw client", String.format(Locale.ROOT,
                        "sms/send, 1 recipient, %d caller%s", c, c == 1 ? "" : "s"),
                        "ampenet: " + sends(component), "raw JDK HttpClient: " + sends(raw), ratio(ratio), "≥ 0.90",
                        met(ratio >= 0.9))); // failed calls, if any, are shown with the figures
                double vsHttp = component.path("throughput").asDouble() / http.path("throughput").asDouble();
                rows.add(new Row("1. Overhead vs camel-http route", String.format(Locale.ROOT,
                        "sms/send, 1 recipient, %d caller%s", c, c == 1 ? "" : "s"),
                        "ampenet: " + String.format(Locale.ROOT, "%,.0f/s", component.path("throughput").asDouble()),
                        "camel-http route: " + sends(http), ratio(vsHttp), "≥ 1.00", met(vsHttp >= 1.0)));
                double cpuVsHttp = component.path("cpuMicrosPerCall").asDouble() / http.path("cpuMicrosPerCall").asDouble();
                rows.add(new Row("1. Client CPU per send vs camel-http route", String.format(Locale.ROOT,
                        "sms/send, 1 recipient, %d caller%s", c, c == 1 ? "" : "s"),
                        "ampenet: " + String.format(Locale.ROOT, "%.0f µs", component.path("cpuMicrosPerCall").asDouble()),
                        "camel-http route: " + String.format(Locale.ROOT, "%.0f µs", http.path("cpuMicrosPerCall").asDouble()),
                        ratio(cpuVsHttp), "≤ 1.00", met(cpuVsHttp <= 1.0)));
                double jdkVsHttp = onJdk.path("throughput").asDouble() / http.path("throughput").asDouble();
                rows.add(new Row("1. Overhead, JDK transport vs camel-http route", String.format(Locale.ROOT,
                        "sms/send, 1 recipient, %d caller%s", c, c == 1 ? "" : "s"),
                        "ampenet on the JDK transport: " + String.format(Locale.ROOT, "%,.0f/s", onJdk.path("throughput").asDouble()),
                        "camel-http route: " + sends(http), ratio(jdkVsHttp), "", "n/a"));
                double vsTuned = component.path("throughput").asDouble() / tuned.path("throughput").asDouble();
                rows.add(new Row("1. Overhead vs tuned raw client", String.format(Locale.ROOT,
                        "sms/send, 1 recipient, %d caller%s", c, c == 1 ? "" : "s"),
                        "ampenet: " + String.format(Locale.ROOT, "%,.0f/s", component.path("throughput").asDouble()),
                        "raw JDK HttpClient with a direct executor (as the component's): " + sends(tuned), ratio(vsTuned), "", "n/a"));
            }
            details.append('\n');
        } finally {
            sim.stop();
        }
    }

    /** 2. One exchange with many recipients against an API with a fixed latency. */
    private void bulk() throws Exception {
        AmpenetSimulator sim = simulator(1000);
        try {
            JsonNode r = client(sim, "bulk", Duration.ofMinutes(4), q("--bulk-recipients=1000", "--bulk-recipients=10000"),
                    q("--bulk-latency=5", "--bulk-latency=50"), q("--bulk-rounds=1", "--bulk-rounds=3"), "--bulk-parallel=4");
            json.set("bulk", r);
            int recipients = r.path("recipients").asInt();
            int latency = r.path("latencyMillis").asInt();
            int parallel = r.path("parallel").asInt();
            int calls = (recipients + 99) / 100;
            double ideal = calls * latency / 1000.0;
            for (String variant : List.of("defaults", "raised", "raw")) {
                JsonNode runs = r.path(variant);
                List<Double> times = new ArrayList<>();
                int made = 0;
                int accepted = Integer.MAX_VALUE;
                for (JsonNode run : runs) {
                    times.add(run.path("seconds").asDouble());
                    made = Math.max(made, run.path("calls").asInt());
                    accepted = Math.min(accepted, run.path("accepted").asInt());
                }
                times.sort(null);
                double median = times.get(times.size() / 2);
                double best = times.get(0);
                double worst = times.get(times.size() - 1);
                double ratio = median / ideal;
                String config = variant.equals("defaults")
                        ? "ampenet, defaults: rateLimit 1000/min, API limit 1000/min"
                        : variant.equals("raised") ? "ampenet, rateLimit and API limit raised" : "raw JDK HttpClient, the same calls by hand";
                rows.add(new Row("2. Bulk: 1 exchange, " + String.format(Locale.ROOT, "%,d", recipients) + " recipients",
                        config + String.format(Locale.ROOT, ", %d ms per call", latency),
                        String.format(Locale.ROOT, "%d calls, **%.2f s** (median of %d; %.2f to %.2f s), %,d accepted", made,
                                median, runs.size(), best, worst, accepted),
                        String.format(Locale.ROOT, "ideal %.2f s = %d × %d ms / 1", ideal, calls, latency), ratio(ratio),
                        variant.equals("raw") ? "" : "≤ 1.20",
                        variant.equals("raw") ? "n/a" : met(ratio <= 1.2 && made == calls && accepted == recipients)));
            }
            // the connector's own cost on one big exchange: the same calls, one after the other, by hand
            double component = median(r.path("raised"));
            double raw = median(r.path("raw"));
            double vsRaw = component / raw;
            boolean sameWork = calls(r.path("raised")) == calls(r.path("raw")) && accepted(r.path("raised")) == recipients
                    && accepted(r.path("raw")) == recipients;
            rows.add(new Row("2. Bulk: connector vs raw client", String.format(Locale.ROOT, "1 exchange of %,d recipients, "
                            + "ampenet (rateLimit and API limit raised) vs raw JDK HttpClient making the same %d calls by hand, %d ms per call",
                            recipients, calls, latency),
                    String.format(Locale.ROOT, "ampenet **%.2f s** (median of %d)", component, r.path("raised").size()),
                    String.format(Locale.ROOT, "raw client %.2f s (median of %d)", raw, r.path("raw").size()), ratio(vsRaw),
                    "≤ 1.02, same calls", met(vsRaw <= 1.02 && sameWork)));
            JsonNode p = r.path("parallelRun");
            double idealParallel = p.path("calls").asInt() * latency / 1000.0 / parallel;
            rows.add(new Row("2. Bulk: " + parallel + " exchanges at once", String.format(Locale.ROOT,
                    "%d × %,d recipients, ampenet, limits raised, %d ms per call", parallel, recipients, latency),
                    String.format(Locale.ROOT, "%d calls, **%.2f s**, %,d accepted", p.path("calls").asInt(),
                            p.path("seconds").asDouble(), p.path("accepted").asInt()),
                    String.format(Locale.ROOT, "ideal %.2f s = %d × %d ms / %d", idealParallel, p.path("calls").asInt(), latency, parallel),
                    ratio(p.path("seconds").asDouble() / idealParallel), "", "n/a"));
            details.append("## 2. Bulk\n\n").append(String.format(Locale.ROOT, "One exchange, %,d distinct valid recipients, "
                    + "simulator latency fault %d ms on /sms/send (no jitter). The component sends an exchange's chunks of 100 one "
                    + "after the other (docs/architecture.md, \"Sends are sequential per exchange\"), so the ideal is calls × "
                    + "latency. Runs (s): defaults %s; raised %s; raw %s.%n%n", recipients, latency, seconds(r.path("defaults")),
                    seconds(r.path("raised")), seconds(r.path("raw"))));
        } finally {
            sim.stop();
        }
    }

    /** 3. Full speed against a low limit: the achieved rate, throttled calls, failures; then without pacing. */
    private void pacing() throws Exception {
        AmpenetSimulator sim = simulator(1000);
        try {
            JsonNode r = client(sim, "pacing", Duration.ofMinutes(5),
                    q("--pacing-limit=1200", "--pacing-limit=600"), q("--pacing-sends=12", "--pacing-sends=350"),
                    q("--pacing-stores=12", "--pacing-stores=350"),
                    q("--pacing-unpaced-options=&retryDelay=10", "--pacing-unpaced-options="),
                    q("--pacing-unpaced-limit=10", "--pacing-unpaced-limit=600"));
            json.set("pacing", r);
            int limit = r.path("limit").asInt();
            JsonNode paced = r.path("paced");
            JsonNode unpaced = r.path("unpaced");
            double share = paced.path("ratePerMinute").asDouble() / limit;
            long failures = paced.path("sendFailures").asLong() + paced.path("storeFailures").asLong();
            rows.add(new Row("3. Pacing", String.format(Locale.ROOT, "%d sends + %d contact stores, %d + %d callers, API limit "
                            + "%d/min, rateLimit=%d", paced.path("sends").asLong() + paced.path("sendFailures").asLong(),
                            paced.path("stores").asLong() + paced.path("storeFailures").asLong(), r.path("threads").asInt(),
                            r.path("threads").asInt(), limit, limit),
                    String.format(Locale.ROOT, "**%.0f calls/min** (%d calls over %.1f s), %d throttled, %d failed exchanges",
                            paced.path("ratePerMinute").asDouble(), paced.path("accepted").asInt(), paced.path("spanSeconds").asDouble(),
                            paced.path("throttled").asInt(), failures),
                    String.format(Locale.ROOT, "limit %d/min", limit), ratio(share), "≥ 0.95, 0 failed", met(share >= 0.95 && failures == 0)));
            long unpacedFailures = unpaced.path("sendFailures").asLong();
            rows.add(new Row("3. Pacing: without it", String.format(Locale.ROOT, "%d sends, %d callers, API limit %d/min, "
                            + "rateLimit raised (maxRetries 3)", unpaced.path("sends").asLong() + unpacedFailures, r.path("threads").asInt(),
                            r.path("unpacedLimit").asInt()),
                    String.format(Locale.ROOT, "%d failed exchanges, %d throttled calls, %d accepted in %.1f s", unpacedFailures,
                            unpaced.path("throttled").asInt(), unpaced.path("accepted").asInt(), unpaced.path("wallSeconds").asDouble()),
                    "paced: " + failures + " failed", "", "", "n/a"));
            details.append("## 3. Pacing\n\n").append(String.format(Locale.ROOT, "The simulator's limit is a fixed 60 s window per "
                    + "account, as Laravel's. Accepted and throttled calls are counted from the simulator's journal; the rate is "
                    + "(accepted − 1) / (last accepted − first accepted). Paced run: %.1f s wall, send latency p50 %.0f ms, p99 %.0f ms "
                    + "(waiting for a slot included). %s%n%n", paced.path("wallSeconds").asDouble(), paced.path("p50Millis").asDouble(),
                    paced.path("p99Millis").asDouble(), paced.has("firstError") ? "First failure: " + paced.path("firstError").asText() : ""));
        } finally {
            sim.stop();
        }
    }

    /** 5. JMH: the connector's per-exchange CPU and allocation, in a forked JVM. */
    private void jmh() throws Exception {
        Path output = s.results().resolve("jmh.log");
        ChainedOptionsBuilder options = new OptionsBuilder().include(WireBenchmarks.class.getName() + "\\.")
                .addProfiler(GCProfiler.class).output(output.toString()).shouldFailOnError(true);
        if (s.quick()) {
            options.forks(0).warmupIterations(1).warmupTime(TimeValue.milliseconds(100)).measurementIterations(1)
                    .measurementTime(TimeValue.milliseconds(100));
        } else {
            options.forks(1).jvmArgs("-Xms1g", "-Xmx1g").warmupIterations(3).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(1));
        }
        log("JMH: %s, output in %s", WireBenchmarks.class.getSimpleName(), output);
        Collection<RunResult> results = new Runner(options.build()).run();
        ObjectNode out = json.putObject("jmh");
        details.append("## 5. Per-exchange cost (JMH)\n\n").append(s.quick() ? "Quick run: in-process, 100 ms.\n\n"
                : "One fork (-Xms1g -Xmx1g), 3 × 1 s warm-up, 5 × 1 s measurement, `-prof gc`. The full JMH output is in "
                + "`target/benchmarks/jmh.log`.\n\n");
        details.append("| benchmark | ns/op | ± (99.9%) | B/op |\n|---|---|---|---|\n");
        for (RunResult rr : results) {
            String name = rr.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            Result<?> primary = rr.getPrimaryResult();
            Result<?> alloc = rr.getSecondaryResults().get("gc.alloc.rate.norm");
            double bytes = alloc == null ? Double.NaN : alloc.getScore();
            out.putObject(name).put("nsPerOp", primary.getScore()).put("error", primary.getScoreError()).put("bytesPerOp", bytes);
            details.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %,.0f |%n", name, primary.getScore(),
                    primary.getScoreError(), bytes));
            rows.add(new Row("5. Per-exchange cost (JMH)", name, String.format(Locale.ROOT, "**%,.0f ns/op**, %,.0f B/op",
                    primary.getScore(), bytes), "", "", "", "n/a"));
        }
        details.append('\n');
    }

    /** 4. The million-row CSV import at -Xmx256m (the phonebook application, streaming). */
    private void streamingImport() throws Exception {
        CsvImportBenchmark.Settings cs = new CsvImportBenchmark.Settings(s.rows(), s.simulatorRateLimit(), s.clientRateLimit(),
                s.concurrency(), s.appHeap(), s.work().resolve("import"), s.results().resolve("csv-import.md"),
                Duration.ofSeconds(s.quick() ? 120 : 600), List.of(), List.of());
        CsvImportBenchmark.Result r = CsvImportBenchmark.run(cs);
        Files.writeString(cs.results(), CsvImportBenchmark.markdown(r), StandardCharsets.UTF_8);
        double ceiling = s.simulatorRateLimit() / 60.0;
        json.putObject("import").put("rows", s.rows()).put("seconds", r.importTime().toMillis() / 1000.0)
                .put("rowsPerSecond", r.rowsPerSecond()).put("peakRssKiB", r.peakRssKiB()).put("passed", r.passed())
                .put("summary", r.appSummary());
        rows.add(new Row("4. Import at scale: streaming", String.format(Locale.ROOT, "%,d-row CSV, phonebook app, -Xmx%s, "
                        + "%d rows in flight", s.rows(), s.appHeap(), s.concurrency()),
                String.format(Locale.ROOT, "**%,.0f rows/s** (%.1f s), peak RSS **%,.0f MiB**, %s", r.rowsPerSecond(),
                        r.importTime().toMillis() / 1000.0, r.peakRssKiB() / 1024.0, r.passed() ? "every row accounted for" : "CHECKS FAILED"),
                String.format(Locale.ROOT, "rate-limit ceiling %,.0f rows/s (API limit %,d/min, 1 call per row)", ceiling,
                        s.simulatorRateLimit()),
                ratio(r.rowsPerSecond() / ceiling), "completes in -Xmx" + s.appHeap() + ", RSS < 300 MiB",
                met(r.passed() && r.peakRssKiB() / 1024.0 < 300)));
        json.put("streamingRowsPerSecond", r.rowsPerSecond());
        json.put("streamingPeakRssKiB", r.peakRssKiB());
        details.append("## 4. Import at scale\n\n").append(CsvImportBenchmark.markdown(r).replace("## CSV import", "### Streaming import"));
        importCost(cs, r);
    }

    /**
     * 4. What the import costs the application in CPU and memory: the same file through the phonebook import on the
     * embedded default store (the run above), on the PostgreSQL store, and through a hand-written streaming import.
     */
    private void importCost(CsvImportBenchmark.Settings scaleRun, CsvImportBenchmark.Result scale) throws Exception {
        CsvImportBenchmark.Settings embeddedRun = scaleRun;
        CsvImportBenchmark.Result embedded = scale;
        if (s.costRows() != s.rows()) {
            // all three on the same file size, so that start-up and JIT warm-up weigh the same in each
            embeddedRun = new CsvImportBenchmark.Settings(s.costRows(), s.simulatorRateLimit(), s.clientRateLimit(),
                    s.concurrency(), s.appHeap(), s.work().resolve("import-cost"), s.results().resolve("csv-import-cost.md"),
                    scaleRun.timeout(), List.of(), List.of());
            embedded = CsvImportBenchmark.run(embeddedRun);
            Files.writeString(embeddedRun.results(), CsvImportBenchmark.markdown(embedded), StandardCharsets.UTF_8);
        }
        CsvImportBenchmark.Result onPostgres;
        try (LocalPostgres postgres = LocalPostgres.start()) {
            String url = postgres.url(postgres.createDatabase("importcost"));
            CsvImportBenchmark.Settings cs = new CsvImportBenchmark.Settings(s.costRows(), s.simulatorRateLimit(), s.clientRateLimit(),
                    s.concurrency(), s.appHeap(), s.work().resolve("import-postgres"), s.results().resolve("csv-import-postgres.md"),
                    embeddedRun.timeout(), List.of(), List.of("--phonebook.store.url=" + url, "--phonebook.store.user=" + LocalPostgres.USER));
            onPostgres = CsvImportBenchmark.run(cs);
            Files.writeString(cs.results(), CsvImportBenchmark.markdown(onPostgres), StandardCharsets.UTF_8);
        }
        BaselineCsvBenchmark.Result baseline = BaselineCsvBenchmark.run(s.costRows(), s.appHeap(), s.simulatorRateLimit(), s.concurrency(),
                s.work().resolve("import-baseline"), embeddedRun.timeout());
        ObjectNode out = json.putObject("importCost");
        out.putObject("embedded").put("cpuSeconds", embedded.cpuSeconds()).put("cpuMicrosPerRow", embedded.cpuMicrosPerRow())
                .put("peakRssKiB", embedded.peakRssKiB()).put("passed", embedded.passed());
        out.putObject("postgres").put("cpuSeconds", onPostgres.cpuSeconds()).put("cpuMicrosPerRow", onPostgres.cpuMicrosPerRow())
                .put("peakRssKiB", onPostgres.peakRssKiB()).put("passed", onPostgres.passed());
        out.putObject("baseline").put("cpuSeconds", baseline.cpuSeconds()).put("cpuMicrosPerRow", baseline.cpuMicrosPerRow())
                .put("peakRssKiB", baseline.peakRssKiB()).put("stored", baseline.stored()).put("failed", baseline.failed())
                .put("seconds", baseline.seconds()).put("groupSize", baseline.groupSize());
        String base = String.format(Locale.ROOT, "hand-written: %,.0f µs/row", baseline.cpuMicrosPerRow());
        for (CsvImportBenchmark.Result r : List.of(embedded, onPostgres)) {
            boolean pg = r == onPostgres;
            double ratio = r.cpuMicrosPerRow() / baseline.cpuMicrosPerRow();
            double rssMiB = r.peakRssKiB() / 1024.0;
            rows.add(new Row("4. Import cost: CPU per row", String.format(Locale.ROOT, "phonebook import, %s, %,d rows, -Xmx%s",
                            pg ? "PostgreSQL store" : "embedded default store (files)", s.costRows(), s.appHeap()),
                    String.format(Locale.ROOT, "**%,.0f µs/row** (%.1f s CPU), peak RSS **%,.0f MiB**, %s", r.cpuMicrosPerRow(),
                            r.cpuSeconds(), rssMiB, r.passed() ? "every row accounted for" : "CHECKS FAILED"),
                    // the targets are the default store's; the PostgreSQL store's figure is shown beside it (two statements
                    // per row, for several instances), with no target of its own
                    base, ratio(ratio), pg ? "" : "≤ 1.20, RSS < 300 MiB",
                    pg ? "n/a" : met(ratio <= 1.2 && rssMiB < 300 && r.passed())));
        }
        rows.add(new Row("4. Import cost: CPU per row", String.format(Locale.ROOT, "hand-written streaming import (camel-csv lazy, "
                        + "streaming split, camel-http), %,d rows, -Xmx%s", s.costRows(), s.appHeap()),
                String.format(Locale.ROOT, "**%,.0f µs/row** (%.1f s CPU), peak RSS **%,.0f MiB**, %,d stored, %,d refused",
                        baseline.cpuMicrosPerRow(), baseline.cpuSeconds(), baseline.peakRssKiB() / 1024.0, baseline.stored(), baseline.failed()),
                "", "", "", "n/a"));
        details.append("### Import cost\n\n").append(String.format(Locale.ROOT, "The application's own CPU time (user + system "
                + "of the child JVM, from /proc/<pid>/stat, between the drop of the file and its end: start-up excluded) per row, "
                + "and its peak RSS (VmHWM), at -Xmx%s, %d rows in flight, for the same %,d-row file. The PostgreSQL server's "
                + "own CPU is not counted (it is another process). The hand-written import (`BaselineCsvImport`) reads with "
                + "camel-csv lazily, splits streaming over %d threads, puts each number in international form and POSTs it "
                + "with camel-http: no ledger, no report, no duplicate check, no pacing, no retries; it took %.1f s and its group "
                + "holds %,d contacts.%n%n", s.appHeap(), s.concurrency(), s.costRows(), s.concurrency(), baseline.seconds(),
                baseline.groupSize()));
        details.append("| import | CPU | per row | peak RSS | wall |\n|---|---|---|---|---|\n");
        details.append(String.format(Locale.ROOT, "| phonebook, embedded store | %.1f s | %,.0f µs | %,.0f MiB | %.1f s |%n",
                embedded.cpuSeconds(), embedded.cpuMicrosPerRow(), embedded.peakRssKiB() / 1024.0, embedded.importTime().toMillis() / 1000.0));
        details.append(String.format(Locale.ROOT, "| phonebook, PostgreSQL store | %.1f s | %,.0f µs | %,.0f MiB | %.1f s |%n",
                onPostgres.cpuSeconds(), onPostgres.cpuMicrosPerRow(), onPostgres.peakRssKiB() / 1024.0,
                onPostgres.importTime().toMillis() / 1000.0));
        details.append(String.format(Locale.ROOT, "| hand-written streaming | %.1f s | %,.0f µs | %,.0f MiB | %.1f s |%n%n",
                baseline.cpuSeconds(), baseline.cpuMicrosPerRow(), baseline.peakRssKiB() / 1024.0, baseline.seconds()));
    }

    /** 4. The same file through a naive, non-streaming route. */
    private void naiveImport() throws Exception {
        NaiveCsvBenchmark.Result r = NaiveCsvBenchmark.run(s.naiveRows(), s.appHeap(), s.simulatorRateLimit(), s.concurrency(),
                s.work().resolve("naive"), Duration.ofSeconds(s.quick() ? 60 : 150));
        json.putObject("naive").put("rows", r.rows()).put("outcome", r.outcome()).put("seconds", r.seconds())
                .put("rowsRead", r.rowsRead()).put("stored", r.stored()).put("failed", r.failed()).put("peakRssKiB", r.peakRssKiB());
        String figure = r.outcome().equals("completed")
                ? String.format(Locale.ROOT, "completed: **%,.0f rows/s** (%.1f s), peak RSS **%,.0f MiB**", r.rowsPerSecond(),
                        r.seconds(), r.peakRssKiB() / 1024.0)
                : String.format(Locale.ROOT, "**%s after %.1f s**, %s, %,d rows sent; peak RSS **%,.0f MiB**",
                        r.outcome(), r.seconds(), r.rowsRead() < 0 ? "while reading the file into a List"
                                : String.format(Locale.ROOT, "%,d rows read into memory", r.rowsRead()),
                        r.stored() + r.failed(), r.peakRssKiB() / 1024.0);
        String baseline = json.has("streamingRowsPerSecond")
                ? String.format(Locale.ROOT, "streaming: %,.0f rows/s, peak RSS %,.0f MiB", json.get("streamingRowsPerSecond").asDouble(),
                        json.get("streamingPeakRssKiB").asDouble() / 1024.0)
                : "";
        String ratio = r.outcome().equals("completed") && json.has("streamingRowsPerSecond")
                ? ratio(r.rowsPerSecond() / json.get("streamingRowsPerSecond").asDouble()) : "";
        rows.add(new Row("4. Import at scale: naive route", String.format(Locale.ROOT, "the same %,d-row CSV, camel-csv unmarshal "
                + "to a List, split (not streaming), -Xmx%s, %d workers", r.rows(), r.heap(), s.concurrency()), figure, baseline,
                ratio, "", "n/a"));
        details.append("### Naive import\n\n").append(String.format(Locale.ROOT, "`NaiveCsvImport`: `from(file).unmarshal().csv()"
                + ".split(body()).parallelProcessing()...to(\"ampenet:contacts/store\")` in a child JVM at -Xmx%s, ended by an "
                + "OutOfMemoryError in its log, its end, or a %s timeout. Outcome: %s after %.1f s (from picking up the file); "
                + "rows in memory: %s; rows sent: %,d; peak RSS %,.0f MiB. The log is "
                + "`target/benchmark-work/naive/naive-app.log`.%n%n", r.heap(), s.quick() ? "60 s" : "150 s", r.outcome(),
                r.seconds(), r.rowsRead() < 0 ? "none (it failed while reading)" : String.format(Locale.ROOT, "%,d", r.rowsRead()),
                r.stored() + r.failed(), r.peakRssKiB() / 1024.0));
    }

    /** 7. Several instances: 1 instance, 3 on one token, 3 on three tokens, at a per-token limit. */
    private void instances() throws Exception {
        InstancesBenchmark.Settings is = new InstancesBenchmark.Settings(s.instancesAlerts(), s.instancesLimit(),
                s.quick() ? 0 : 600_000, s.appHeap(), s.work().resolve("instances"), Duration.ofMinutes(s.quick() ? 3 : 10));
        List<InstancesBenchmark.Result> results = InstancesBenchmark.run(is);
        ArrayNode out = json.putArray("instances");
        double single = results.stream().filter(r -> r.configuration().name().equals("1 instance, 1 token"))
                .mapToDouble(InstancesBenchmark.Result::steadyRate).findFirst().orElse(Double.NaN);
        details.append("## 7. Several instances\n\n").append(String.format(Locale.ROOT, "The queue-to-SMS alerting in "
                + "child JVMs at -Xmx%s on one external Artemis broker and one PostgreSQL store, %,d alerts published in one "
                + "transaction per configuration, each to its own number with its own text, coalescing off (one call per "
                + "alert). Alerts/s are counted from the simulator's outbox between its 10%% and 90%% marks (the burst the "
                + "pacer allows at the start and the last stragglers left out); \"wall\" is from the publish to the last SMS. "
                + "Throttled calls are the simulator's \"Too Many Attempts.\" answers (the component retries them); "
                + "failed alerts are those on sms.alerts.failed, .uncertain, .invalid or .dead. Logs under %s.%n%n",
                s.appHeap(), s.instancesAlerts(), s.work().resolve("instances")));
        details.append("| configuration | limit per token | alerts/s (steady) | wall | SMS / numbers | share of the tokens' limit | throttled calls | failed alerts |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        for (InstancesBenchmark.Result r : results) {
            InstancesBenchmark.Configuration c = r.configuration();
            out.addObject().put("configuration", c.name()).put("instances", c.instances()).put("tokens", c.tokens())
                    .put("limitPerMinute", c.limitPerMinute()).put("alerts", r.alerts()).put("sms", r.smsCount())
                    .put("numbers", r.distinctNumbers()).put("duplicates", r.duplicates()).put("seconds", r.seconds())
                    .put("alertsPerSecond", r.steadyRate()).put("shareOfLimit", r.shareOfLimit())
                    .put("throttled", r.throttled()).put("failedAlerts", r.failedOutcomes());
            details.append(String.format(Locale.ROOT, "| %s | %,d/min | %.1f | %.1f s | %,d / %,d | %.0f%% | %d | %d |%n", c.name(),
                    c.limitPerMinute(), r.steadyRate(), r.seconds(), r.smsCount(), r.distinctNumbers(), r.shareOfLimit() * 100,
                    r.throttled(), r.failedOutcomes()));
            boolean raised = c.name().endsWith("limit raised");
            double vsSingle = r.steadyRate() / single;
            String target;
            boolean met;
            if (raised) {
                target = "";
                met = r.accountedFor();
            } else if (c.instances() == 1) {
                target = "≥ 0.90 of the limit, every alert once";
                met = r.accountedFor() && r.shareOfLimit() >= 0.9;
            } else if (c.tokens() == 1) {
                target = "0.8–1.2 × 1 instance (one ceiling), every alert once";
                met = r.accountedFor() && vsSingle >= 0.8 && vsSingle <= 1.2;
            } else {
                target = "≥ 2.5 × 1 instance (three ceilings), every alert once";
                met = r.accountedFor() && vsSingle >= 2.5;
            }
            rows.add(new Row("7. Several instances: alerting", String.format(Locale.ROOT, "%s, %,d alerts, limit %,d/min per token",
                            c.name(), r.alerts(), c.limitPerMinute()),
                    String.format(Locale.ROOT, "**%.1f alerts/s** (%.1f s wall), %.0f%% of the tokens' limit, %,d SMS to %,d numbers, "
                                    + "%d throttled calls, %d failed alerts", r.steadyRate(), r.seconds(), r.shareOfLimit() * 100,
                            r.smsCount(), r.distinctNumbers(), r.throttled(), r.failedOutcomes()),
                    raised ? "one instance's own ceiling" : c.instances() == 1
                            ? String.format(Locale.ROOT, "limit: %.1f/s per token", c.limitPerMinute() / 60.0)
                            : String.format(Locale.ROOT, "1 instance: %.1f alerts/s", single),
                    raised ? "" : c.instances() == 1 ? ratio(r.shareOfLimit()) : ratio(vsSingle), target, met(met)));
        }
        details.append('\n');
    }

    // ---- formatting ----------------------------------------------------------------------------------------

    /** Quick-run value first, full-run value second. */
    private String q(String quick, String full) {
        return s.quick() ? quick : full;
    }

    private static String sends(JsonNode n) {
        return String.format(Locale.ROOT, "**%,.0f/s**, p50/p90/p99 %.2f/%.2f/%.2f ms%s", n.path("throughput").asDouble(),
                n.path("p50Millis").asDouble(), n.path("p90Millis").asDouble(), n.path("p99Millis").asDouble(), errors(n));
    }

    private static String errors(JsonNode n) {
        long errors = n.path("errors").asLong();
        return errors == 0 ? "" : String.format(Locale.ROOT, " (**%d failed**: %s)", errors, n.path("firstError").asText());
    }

    private static double median(JsonNode runs) {
        List<Double> times = new ArrayList<>();
        runs.forEach(run -> times.add(run.path("seconds").asDouble()));
        times.sort(null);
        return times.isEmpty() ? Double.NaN : times.get(times.size() / 2);
    }

    /** The most calls any run made (every run of a variant makes the same calls when it works). */
    private static int calls(JsonNode runs) {
        int calls = 0;
        for (JsonNode run : runs) {
            calls = Math.max(calls, run.path("calls").asInt());
        }
        return calls;
    }

    /** The fewest recipients any run had accepted. */
    private static int accepted(JsonNode runs) {
        int accepted = Integer.MAX_VALUE;
        for (JsonNode run : runs) {
            accepted = Math.min(accepted, run.path("accepted").asInt());
        }
        return accepted;
    }

    private static String seconds(JsonNode runs) {
        List<String> out = new ArrayList<>();
        runs.forEach(r -> out.add(String.format(Locale.ROOT, "%.2f", r.path("seconds").asDouble())));
        return String.join(", ", out);
    }

    private static String ratio(double r) {
        return Double.isFinite(r) ? String.format(Locale.ROOT, "%.2f", r) : "n/a";
    }

    private static String met(boolean met) {
        return met ? "yes" : "**no**";
    }

    static String table(List<Row> rows) {
        StringBuilder t = new StringBuilder("| benchmark | configuration | figure | baseline | ratio | target | met? |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            t.append("| ").append(String.join(" | ", r.benchmark(), r.configuration(), r.figure(), r.baseline(), r.ratio(),
                    r.target(), r.met()).replace("\n", " ")).append(" |\n");
        }
        return t.toString();
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static void log(String format, Object... args) {
        System.out.println("[suite] " + String.format(Locale.ROOT, format, args));
    }
}
