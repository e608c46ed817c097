package dev.camelampenet.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.camelampenet.simulator.AmpenetSimulator;

/**
 * The naive, non-streaming import ({@link NaiveCsvImport}) of the same generated file, in a child JVM with the same
 * heap cap as the streaming import, against the simulator in this JVM. Bounded by a timeout; an OutOfMemoryError
 * ends it too. Reports how it ended, when, the rows stored so far and the child's peak resident memory.
 */
final class NaiveCsvBenchmark {

    /** How the naive import ended: completed, OutOfMemoryError, exited, or timeout. */
    record Result(long rows, String outcome, double seconds, long rowsRead, long stored, long failed, long peakRssKiB, String heap) {

        double rowsPerSecond() {
            return seconds > 0 ? (stored + failed) / seconds : 0;
        }
    }

    private static final Pattern DONE = Pattern.compile("NAIVE DONE rows=(\\d+) stored=(\\d+) failed=(\\d+) seconds=([0-9.]+)");
    private static final Pattern PROGRESS = Pattern.compile("NAIVE PROGRESS stored=(\\d+) failed=(\\d+)");
    private static final Pattern READ = Pattern.compile("NAIVE READ rows=(\\d+)");

    private NaiveCsvBenchmark() {
    }

    static Result run(long rows, String heap, int rateLimit, int concurrency, Path work, Duration timeout) throws Exception {
        Files.createDirectories(work);
        Path file = work.resolve("naive.csv");
        Files.deleteIfExists(file);
        CsvImportBenchmark.generate(file, rows);
        Path log = work.resolve("naive-app.log");
        AmpenetSimulator simulator = AmpenetSimulator.builder().host("127.0.0.1").port(0).token("naive-token").balance(-1)
                .rateLimit(rateLimit).journalCapacity(1_000).start();
        Process app = null;
        try {
            app = ChildJvm.start(List.of("-Xmx" + heap, "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2"),
                    NaiveCsvImport.class, List.of("--file=" + file, "--base-url=" + simulator.baseUrl(), "--token=naive-token",
                            "--rate-limit=" + rateLimit, "--concurrency=" + concurrency), log);
            long deadline = System.nanoTime() + timeout.toNanos();
            long start = 0;
            long peak = -1;
            String outcome = null;
            String content = "";
            while (outcome == null) {
                Thread.sleep(100);
                peak = Math.max(peak, CsvImportBenchmark.procStatus(app.pid(), "VmHWM"));
                content = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
                if (start == 0 && content.contains("NAIVE START")) {
                    start = System.nanoTime();
                }
                if (content.contains("NAIVE DONE")) {
                    outcome = "completed";
                } else if (content.contains("OutOfMemoryError")) {
                    outcome = "OutOfMemoryError";
                } else if (!app.isAlive()) {
                    outcome = "exited with " + app.exitValue();
                } else if (System.nanoTime() > deadline) {
                    outcome = "timeout";
                }
            }
            double seconds = start == 0 ? 0 : (System.nanoTime() - start) / 1e9;
            ChildJvm.stop(app);
            long read = last(READ, content, 1);
            long stored = last(PROGRESS, content, 1);
            long failed = last(PROGRESS, content, 2);
            Matcher done = DONE.matcher(content);
            if (done.find()) {
                stored = Long.parseLong(done.group(2));
                failed = Long.parseLong(done.group(3));
                seconds = Double.parseDouble(done.group(4)); // its own clock: from picking up the file to the last row
            }
            log("naive import of %,d rows: %s after %.1f s; %,d rows read, %,d stored, %,d failed; peak RSS %,d KiB",
                    rows, outcome, seconds, read, stored, failed, peak);
            return new Result(rows, outcome, seconds, read, Math.max(0, stored), Math.max(0, failed), peak, heap);
        } finally {
            if (app != null) {
                ChildJvm.stop(app);
            }
            simulator.stop();
            Files.deleteIfExists(file);
        }
    }

    private static long last(Pattern p, String text, int group) {
        Matcher m = p.matcher(text);
        long value = -1;
        while (m.find()) {
            value = Long.parseLong(m.group(group));
        }
        return value;
    }

    private static void log(String format, Object... args) {
        System.out.println("[benchmark] " + String.format(java.util.Locale.ROOT, format, args));
    }
}
