package dev.camelampenet.phonebook.csvimport;

import java.time.Duration;
import java.util.Locale;

/** Rows per second and time left for a running import, from the counts of this session. */
final class ImportProgress {

    private final long startNanos = System.nanoTime();
    private final long settledAtStart;
    private final long estimatedRows;

    ImportProgress(long settledAtStart, long estimatedRows) {
        this.settledAtStart = settledAtStart;
        this.estimatedRows = estimatedRows;
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Rows settled per second in this session (rows settled by an earlier run do not count). */
    double rate(long settled) {
        double seconds = Math.max(0.001, (System.nanoTime() - startNanos) / 1e9);
        return (settled - settledAtStart) / seconds;
    }

    /** "3m 20s" or "about 3m 20s left"-ready text, or "?" before the rate is known. */
    String timeLeft(long settled) {
        double rate = rate(settled);
        long remaining = Math.max(0, estimatedRows - settled);
        if (rate <= 0.0) {
            return "?";
        }
        return duration(Duration.ofSeconds((long) Math.ceil(remaining / rate)));
    }

    long estimatedRows() {
        return estimatedRows;
    }

    static String duration(Duration d) {
        long s = d.getSeconds();
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        if (s == 0 && d.toMillis() > 0) {
            return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
        }
        return s + "s";
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** "1 row", "5,000 rows". */
    static String rows(long n) {
        return count(n) + (n == 1 ? " row" : " rows");
    }

    static String rate(double perSecond) {
        return perSecond >= 100 ? String.format(Locale.ROOT, "%,.0f", perSecond) : String.format(Locale.ROOT, "%.1f", perSecond);
    }
}
