package dev.camelampenet.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The CPU time another process has used so far (user + system), from {@code /proc/<pid>/stat}, so the harness can
 * measure a child JVM between two moments (a file dropped, the file done) without the child's cooperation and
 * without counting its start-up. Linux only; elsewhere the figures are NaN.
 */
final class ProcessCpu {

    private static final double TICKS_PER_SECOND = clockTicks();

    private ProcessCpu() {
    }

    /** Seconds of CPU the process has used (all its threads), or NaN when /proc cannot tell. */
    static double seconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) is in parentheses and may hold spaces: count fields after its ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            long utime = Long.parseLong(f[11]); // field 14 of proc(5)
            long stime = Long.parseLong(f[12]); // field 15
            return (utime + stime) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** USER_HZ, the unit of /proc's times: {@code getconf CLK_TCK}, 100 on every usual Linux kernel. */
    private static double clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return Double.parseDouble(new String(p.getInputStream().readAllBytes()).trim());
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
