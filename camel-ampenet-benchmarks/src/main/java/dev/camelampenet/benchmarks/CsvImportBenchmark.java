package dev.camelampenet.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camelampenet.phonebook.PhonebookApplication;
import dev.camelampenet.simulator.AmpenetSimulator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The CSV import under load: a generated file of {@code --rows} rows is dropped into the phonebook application,
 * which runs in a child JVM capped at {@code --app-heap} (256m), against the simulator running in this JVM with its
 * rate limit raised. Measures rows per second from the drop to the file's arrival in {@code .done/}, the child's
 * peak resident memory (VmHWM from /proc), and checks the outcome: every row in the report, every valid unique
 * number in the group.
 * <p>
 * Run it with {@code mvn -B -Pbenchmarks -pl camel-ampenet-benchmarks -am verify} (see docs/benchmarks.md).
 */
public final class CsvImportBenchmark {

    /** What to run. */
    public record Settings(long rows, int simulatorRateLimit, int clientRateLimit, int concurrency, String appHeap,
                           Path work, Path results, Duration timeout, List<String> appJvmArgs, List<String> appArgs) {

        static Settings parse(String[] args) {
            Map<String, String> a = new LinkedHashMap<>();
            for (String arg : args) {
                int eq = arg.indexOf('=');
                if (!arg.startsWith("--") || eq < 0) {
                    throw new IllegalArgumentException("arguments are --name=value, not " + arg);
                }
                a.put(arg.substring(2, eq), arg.substring(eq + 1));
            }
            return new Settings(Long.parseLong(a.getOrDefault("rows", "1000000")),
                    Integer.parseInt(a.getOrDefault("simulator-rate-limit", "600000")),
                    Integer.parseInt(a.getOrDefault("client-rate-limit", "600000")),
                    Integer.parseInt(a.getOrDefault("concurrency", "32")),
                    a.getOrDefault("app-heap", "256m"),
                    Path.of(a.getOrDefault("work", "target/benchmark-work")).toAbsolutePath(),
                    Path.of(a.getOrDefault("results", "target/benchmarks/csv-import.md")).toAbsolutePath(),
                    Duration.ofSeconds(Long.parseLong(a.getOrDefault("timeout-seconds", "840"))),
                    a.getOrDefault("app-jvm-args", "").isBlank() ? List.of() : List.of(a.get("app-jvm-args").trim().split("\\s+")),
                    List.of());
        }
    }

    /** Outcome counts of the report. */
    enum Outcome { IMPORTED, DUPLICATE, REJECTED }

    /** What was measured. */
    public record Result(Settings settings, long fileBytes, long expectedContacts, Duration importTime, double rowsPerSecond,
                         long peakRssKiB, long groupSize, long reportRows, Map<Outcome, Long> outcomes, String appSummary,
                         String machine, double cpuSeconds) {

        /** The application's CPU time (user + system) from the drop to the file in .done/, per row, in µs. */
        public double cpuMicrosPerRow() {
            return cpuSeconds * 1e6 / settings.rows();
        }

        public boolean passed() {
            long sum = outcomes.values().stream().mapToLong(Long::longValue).sum();
            return reportRows == settings.rows() && sum == settings.rows() && groupSize == expectedContacts;
        }
    }

    private static final Pattern SUMMARY = Pattern.compile("CsvImport\\s+- benchmark\\.csv: done: (.*)$", Pattern.MULTILINE);

    private CsvImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        Result result = run(settings);
        String report = markdown(result);
        Files.createDirectories(settings.results().getParent());
        Files.writeString(settings.results(), report, StandardCharsets.UTF_8);
        System.out.println(report);
        System.out.println("Written to " + settings.results());
        if (!result.passed()) {
            System.err.println("BENCHMARK CHECK FAILED: see above");
            System.exit(1);
        }
    }

    public static Result run(Settings s) throws Exception {
        deleteRecursively(s.work());
        Path inbox = s.work().resolve("inbox");
        Files.createDirectories(inbox);
        Path staging = s.work().resolve("benchmark.csv");
        log("generating %,d rows into %s", s.rows(), staging);
        long expected = generate(staging, s.rows());
        long fileBytes = Files.size(staging);
        log("%,d bytes, %,d distinct valid numbers", fileBytes, expected);

        AmpenetSimulator simulator = AmpenetSimulator.builder().host("127.0.0.1").port(0)
                .rateLimit(s.simulatorRateLimit()).journalCapacity(1_000).start();
        Process app = null;
        try {
            log("simulator at %s, rate limit %,d/min", simulator.baseUrl(), s.simulatorRateLimit());
            Path appLog = s.work().resolve("app.log");
            app = launch(s, inbox, appLog, simulator);
            awaitLog(appLog, "Started csv-import", Duration.ofSeconds(60), app);

            Path done = inbox.resolve(".done").resolve("benchmark.csv");
            long start = System.nanoTime();
            double cpuAtDrop = ProcessCpu.seconds(app.pid());
            Files.move(staging, inbox.resolve("benchmark.csv"), StandardCopyOption.ATOMIC_MOVE);
            long lastProgress = start;
            while (!Files.exists(done)) {
                if (!app.isAlive()) {
                    throw new IllegalStateException("the application exited (" + app.exitValue() + "); see " + appLog);
                }
                if (System.nanoTime() - start > s.timeout().toNanos()) {
                    throw new IllegalStateException("not done after " + s.timeout() + "; see " + appLog);
                }
                if (System.nanoTime() - lastProgress > Duration.ofSeconds(30).toNanos()) {
                    lastProgress = System.nanoTime();
                    log("%ds: %,d contacts in the group, RSS %,d KiB (peak %,d KiB)",
                            Duration.ofNanos(lastProgress - start).toSeconds(), groupSize(simulator),
                            procStatus(app.pid(), "VmRSS"), procStatus(app.pid(), "VmHWM"));
                }
                Thread.sleep(100);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            double cpu = ProcessCpu.seconds(app.pid()) - cpuAtDrop;
            long peakRss = procStatus(app.pid(), "VmHWM");
            String summary = awaitLog(appLog, "benchmark.csv: done:", Duration.ofSeconds(30), app);
            stop(app);

            Path report = inbox.resolve(".done").resolve("benchmark.report.csv");
            Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
            long reportRows = countReport(report, outcomes);
            long groupSize = groupSize(simulator);
            Matcher m = SUMMARY.matcher(summary);
            return new Result(s, fileBytes, expected, took, s.rows() / (took.toNanos() / 1e9), peakRss, groupSize,
                    reportRows, outcomes, m.find() ? m.group(1) : "(not found in " + appLog + ")", machine(), cpu);
        } finally {
            if (app != null && app.isAlive()) {
                app.destroyForcibly();
            }
            simulator.stop();
        }
    }

    /**
     * A file like a CRM export: mixed number formats, 1% invalid numbers, 1% numbers repeated from the row before.
     *
     * @return how many distinct valid numbers it holds (the group's size after the import)
     */
    static long generate(Path file, long rows) throws IOException {
        String[] prefixes = {"0712", "0713", "0714", "0715", "0716", "0717", "0754", "0755", "0765", "0784"};
        long distinct = 0;
        String previous = null;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("Phone,First name,Last name,Email\n");
            for (long i = 1; i <= rows; i++) {
                String phone;
                if (i % 100 == 0) {
                    phone = "0" + (i % 100_000); // too short for any country
                } else if (i % 100 == 50 && previous != null) {
                    phone = previous;
                } else {
                    String local = prefixes[(int) (i % prefixes.length)] + String.format(Locale.ROOT, "%06d", i / prefixes.length);
                    phone = i % 3 == 0 ? "+255 " + local.substring(1, 4) + " " + local.substring(4) : local;
                    distinct++;
                }
                out.write(phone);
                out.write(",First");
                out.write(Long.toString(i));
                out.write(",\"Last, ");
                out.write(Long.toString(i));
                out.write("\",user");
                out.write(Long.toString(i));
                out.write("@example.com\n");
                previous = i % 100 == 0 ? null : phone;
            }
        }
        return distinct;
    }

    private static Process launch(Settings s, Path inbox, Path log, AmpenetSimulator simulator) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + s.appHeap()));
        command.addAll(s.appJvmArgs());
        // under surefire, java.class.path is only its booter jar
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        command.addAll(List.of("-cp", classpath, PhonebookApplication.class.getName(),
                "--phonebook.inbox=" + inbox,
                "--phonebook.alerts.enabled=false", // measure the import alone
                "--phonebook.concurrency=" + s.concurrency(),
                "--ampenet.rate-limit=" + s.clientRateLimit(),
                "--phonebook.poll-delay=100",
                "--phonebook.read-lock-interval=500",
                "--phonebook.progress-interval=15000"));
        command.addAll(s.appArgs());
        log("application: java -Xmx%s ... %s --phonebook.concurrency=%d --ampenet.rate-limit=%d", s.appHeap(),
                PhonebookApplication.class.getSimpleName(), s.concurrency(), s.clientRateLimit());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("AMPENET_API_TOKEN", simulator.token());
        builder.environment().put("AMPENET_BASE_URL", simulator.baseUrl());
        return builder.start();
    }

    private static String awaitLog(Path log, String text, Duration timeout, Process app) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                String content = Files.readString(log, StandardCharsets.UTF_8);
                if (content.contains(text)) {
                    return content;
                }
            }
            if (!app.isAlive()) {
                throw new IllegalStateException("the application exited; see " + log);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("'" + text + "' not in " + log + " after " + timeout);
    }

    private static void stop(Process app) throws InterruptedException {
        app.destroy();
        if (!app.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            app.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** A line of /proc/<pid>/status in KiB (VmHWM is the peak resident set), or -1 where there is no /proc. */
    static long procStatus(long pid, String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    /** The group's size from the simulator's control API (without copying a million contacts). */
    private static long groupSize(AmpenetSimulator simulator) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(simulator.controlUrl() + "/groups?contacts=0")).build(), HttpResponse.BodyHandlers.ofString());
            long size = 0;
            for (JsonNode group : new ObjectMapper().readTree(response.body())) {
                size += group.path("size").asLong();
            }
            return size;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static long countReport(Path report, Map<Outcome, Long> outcomes) throws IOException {
        long rows = 0;
        try (Reader reader = Files.newBufferedReader(report, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.builder().setReader(reader).setFormat(CSVFormat.EXCEL).get()) {
            boolean header = true;
            for (CSVRecord r : parser) {
                if (header) {
                    header = false;
                    continue;
                }
                rows++;
                outcomes.merge(Outcome.valueOf(r.get(2).toUpperCase(Locale.ROOT)), 1L, Long::sum);
            }
        }
        return rows;
    }

    static String machine() {
        String cpu = "unknown CPU";
        try {
            Optional<String> model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst();
            cpu = model.orElse(cpu);
        } catch (IOException e) {
            // not Linux
        }
        long memKiB = procMeminfo();
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + ")"
                + (memKiB > 0 ? String.format(Locale.ROOT, ", %.0f GiB RAM", memKiB / 1024.0 / 1024.0) : "")
                + ", " + System.getProperty("os.name") + " " + System.getProperty("os.version")
                + ", Java " + System.getProperty("java.version");
    }

    private static long procMeminfo() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }

    static String markdown(Result r) {
        Settings s = r.settings();
        StringBuilder md = new StringBuilder();
        md.append("## CSV import: ").append(String.format(Locale.ROOT, "%,d", s.rows())).append(" rows (")
                .append(Instant.now().toString(), 0, 10).append(")\n\n");
        md.append("| measure | value |\n|---|---|\n");
        row(md, "result", r.passed() ? "passed: every row reported, every valid number in the group once" : "**FAILED checks**");
        row(md, "rows", String.format(Locale.ROOT, "%,d (%,.1f MB file)", s.rows(), r.fileBytes() / 1e6));
        row(md, "import time (drop to .done/)", String.format(Locale.ROOT, "%.1f s", r.importTime().toMillis() / 1000.0));
        row(md, "throughput", String.format(Locale.ROOT, "%,.0f rows/s", r.rowsPerSecond()));
        row(md, "application heap cap", "-Xmx" + s.appHeap());
        row(md, "application CPU (drop to .done/)", String.format(Locale.ROOT, "%.1f s, %.0f µs per row", r.cpuSeconds(),
                r.cpuMicrosPerRow()));
        row(md, "application peak RSS (VmHWM)", r.peakRssKiB() < 0 ? "n/a" : String.format(Locale.ROOT, "%,.0f MiB", r.peakRssKiB() / 1024.0));
        row(md, "report rows", String.format(Locale.ROOT, "%,d: %,d imported, %,d duplicate, %,d rejected", r.reportRows(),
                r.outcomes().getOrDefault(Outcome.IMPORTED, 0L), r.outcomes().getOrDefault(Outcome.DUPLICATE, 0L),
                r.outcomes().getOrDefault(Outcome.REJECTED, 0L)));
        row(md, "contacts in the group", String.format(Locale.ROOT, "%,d (expected %,d)", r.groupSize(), r.expectedContacts()));
        row(md, "concurrency / client rate limit", String.format(Locale.ROOT, "%d calls / %,d per minute", s.concurrency(), s.clientRateLimit()));
        row(md, "simulator rate limit", String.format(Locale.ROOT, "%,d per minute (in the harness JVM)", s.simulatorRateLimit()));
        row(md, "application's summary", r.appSummary().replace("|", "/"));
        row(md, "machine", r.machine());
        return md.append('\n').toString();
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    private static void log(String format, Object... args) {
        System.out.println("[benchmark] " + String.format(Locale.ROOT, format, args));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
