package dev.camelampenet.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.camelampenet.simulator.AmpenetSimulator;

/**
 * The hand-written streaming import ({@link BaselineCsvImport}) of the same generated file as the phonebook's import,
 * in a child JVM with the same heap cap, against the simulator in this JVM: the baseline of the import's CPU cost.
 * Measured as the phonebook import is: the child's CPU time from the drop to the end of the file (from /proc, start-up
 * excluded), its peak resident memory, and what the simulator's group holds afterwards.
 */
final class BaselineCsvBenchmark {

    /** What the baseline did. */
    record Result(long rows, double seconds, double cpuSeconds, long peakRssKiB, long stored, long failed, int groupSize, String heap) {

        double cpuMicrosPerRow() {
            return cpuSeconds * 1e6 / rows;
        }

        double rowsPerSecond() {
            return rows / seconds;
        }
    }

    private static final Pattern DONE = Pattern.compile("BASELINE DONE rows=(\\d+) stored=(\\d+) failed=(\\d+)");

    private BaselineCsvBenchmark() {
    }

    static Result run(long rows, String heap, int rateLimit, int concurrency, Path work, Duration timeout) throws Exception {
        Files.createDirectories(work);
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        Path staging = work.resolve("benchmark.csv");
        Files.deleteIfExists(staging);
        CsvImportBenchmark.generate(staging, rows);
        Path log = work.resolve("baseline-app.log");
        Files.deleteIfExists(log);
        AmpenetSimulator simulator = AmpenetSimulator.builder().host("127.0.0.1").port(0).token("baseline-token").balance(-1)
                .rateLimit(rateLimit).journalCapacity(1_000).start();
        Process app = null;
        try {
            // the same JVM flags as the phonebook application gets in the import benchmark: only the heap cap
            app = ChildJvm.start(List.of("-Xmx" + heap), BaselineCsvImport.class, List.of("--inbox=" + inbox,
                    "--base-url=" + simulator.baseUrl(), "--token=baseline-token", "--concurrency=" + concurrency), log);
            await(log, "BASELINE STARTED", Duration.ofSeconds(120), app);
            long start = System.nanoTime();
            double cpuAtDrop = ProcessCpu.seconds(app.pid());
            Files.move(staging, inbox.resolve("benchmark.csv"), StandardCopyOption.ATOMIC_MOVE);
            String content = await(log, "BASELINE DONE", timeout, app);
            double cpu = ProcessCpu.seconds(app.pid()) - cpuAtDrop;
            double seconds = (System.nanoTime() - start) / 1e9;
            long peak = CsvImportBenchmark.procStatus(app.pid(), "VmHWM");
            ChildJvm.stop(app);
            Matcher m = DONE.matcher(content);
            if (!m.find()) {
                throw new IllegalStateException("no BASELINE DONE line in " + log);
            }
            int groupSize = simulator.group(simulator.token(), "benchmark").contacts().size();
            Result r = new Result(rows, seconds, cpu, peak, Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), groupSize, heap);
            log("baseline import of %,d rows: %.1f s, CPU %.1f s (%.0f µs/row), %,d stored, %,d failed, group %,d, peak RSS %,d KiB",
                    rows, seconds, cpu, r.cpuMicrosPerRow(), r.stored(), r.failed(), groupSize, peak);
            return r;
        } finally {
            if (app != null) {
                ChildJvm.stop(app);
            }
            simulator.stop();
            Files.deleteIfExists(staging);
        }
    }

    private static String await(Path log, String text, Duration timeout, Process app) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String content = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            if (content.contains(text)) {
                return content;
            }
            if (!app.isAlive()) {
                throw new IllegalStateException("the baseline import exited (" + app.exitValue() + ") before '" + text + "'; see "
                        + log + ChildJvm.tail(log));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no '" + text + "' after " + timeout + "; see " + log + ChildJvm.tail(log));
            }
            Thread.sleep(100);
        }
    }

    private static void log(String format, Object... args) {
        System.out.println("[benchmark] " + String.format(Locale.ROOT, format, args));
    }
}
