package dev.camelampenet.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A closed-loop load: {@code threads} callers, each making one call after the other for a fixed time (and at most
 * {@code maxCalls} calls in all), every call's latency recorded. Bounded in time and count; stops by itself.
 */
final class Load {

    /** One call; the argument numbers the calls of a run from 0. */
    @FunctionalInterface
    interface Call {
        void run(long n) throws Exception;
    }

    /** What a run measured: calls that succeeded, calls that failed, wall time, and the successful calls' latencies. */
    static final class Stats {
        private final long calls;
        private final long errors;
        private final long nanos;
        private final long[] latencies; // sorted, nanoseconds
        private final String firstError;
        private final long cpuNanos; // this JVM's CPU time (every thread) during the run

        Stats(long calls, long errors, long nanos, long[] latencies, String firstError, long cpuNanos) {
            this.calls = calls;
            this.errors = errors;
            this.nanos = nanos;
            this.latencies = latencies;
            this.firstError = firstError;
            this.cpuNanos = cpuNanos;
        }

        /** This JVM's CPU time per successful call, in microseconds: what a call costs the client, GC and JIT included. */
        double cpuMicrosPerCall() {
            return calls == 0 || cpuNanos < 0 ? Double.NaN : cpuNanos / 1000.0 / calls;
        }

        long calls() {
            return calls;
        }

        long errors() {
            return errors;
        }

        double seconds() {
            return nanos / 1e9;
        }

        String firstError() {
            return firstError;
        }

        /** Successful calls per second. */
        double throughput() {
            return nanos == 0 ? 0 : calls / (nanos / 1e9);
        }

        /** A latency percentile in milliseconds (p from 0 to 100), nearest rank. */
        double percentileMillis(double p) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p / 100.0 * latencies.length);
            return latencies[Math.min(latencies.length - 1, Math.max(0, rank - 1))] / 1e6;
        }

        /** Several runs of the same contender as one: calls and time add up, latencies merge. */
        static Stats merge(List<Stats> runs) {
            long calls = 0;
            long errors = 0;
            long nanos = 0;
            long cpu = 0;
            int size = 0;
            String firstError = null;
            for (Stats s : runs) {
                calls += s.calls;
                errors += s.errors;
                nanos += s.nanos;
                cpu = cpu < 0 || s.cpuNanos < 0 ? -1 : cpu + s.cpuNanos;
                size += s.latencies.length;
                firstError = firstError != null ? firstError : s.firstError;
            }
            long[] all = new long[size];
            int at = 0;
            for (Stats s : runs) {
                System.arraycopy(s.latencies, 0, all, at, s.latencies.length);
                at += s.latencies.length;
            }
            Arrays.sort(all);
            return new Stats(calls, errors, nanos, all, firstError, cpu);
        }

        ObjectNode json() {
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            n.put("calls", calls).put("errors", errors).put("seconds", seconds()).put("throughput", throughput())
                    .put("p50Millis", percentileMillis(50)).put("p90Millis", percentileMillis(90))
                    .put("p99Millis", percentileMillis(99)).put("cpuMicrosPerCall", cpuMicrosPerCall());
            if (firstError != null) {
                n.put("firstError", firstError);
            }
            return n;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,d calls (%d failed) in %.1f s: %,.0f/s, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, "
                    + "CPU %.0f us/call", calls, errors, seconds(), throughput(), percentileMillis(50), percentileMillis(90),
                    percentileMillis(99), cpuMicrosPerCall());
        }
    }

    private Load() {
    }

    static Stats run(Call call, int threads, Duration duration, long maxCalls) throws InterruptedException {
        AtomicLong next = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        long[][] latencies = new long[threads][];
        int[] counts = new int[threads];
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(threads);
        long[] deadline = new long[1];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int me = t;
            Thread worker = new Thread(() -> {
                long[] mine = new long[4096];
                int count = 0;
                ready.countDown();
                try {
                    go.await();
                    long n;
                    while (System.nanoTime() < deadline[0] && (n = next.getAndIncrement()) < maxCalls) {
                        long start = System.nanoTime();
                        try {
                            call.run(n);
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, e.getClass().getSimpleName() + ": " + e.getMessage());
                            continue;
                        }
                        long took = System.nanoTime() - start;
                        if (count == mine.length) {
                            mine = Arrays.copyOf(mine, count * 2);
                        }
                        mine[count++] = took;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    latencies[me] = mine;
                    counts[me] = count;
                    finished.countDown();
                }
            }, "load-" + t);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        ready.await();
        long cpuBefore = processCpuNanos();
        long start = System.nanoTime();
        deadline[0] = start + duration.toNanos();
        go.countDown();
        finished.await();
        long took = System.nanoTime() - start;
        long cpuAfter = processCpuNanos();
        for (Thread w : workers) {
            w.join();
        }
        int size = 0;
        for (int c : counts) {
            size += c;
        }
        long[] all = new long[size];
        int at = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(latencies[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        return new Stats(size, errors.get(), took, all, firstError.get(),
                cpuBefore < 0 || cpuAfter < 0 ? -1 : cpuAfter - cpuBefore);
    }

    /** CPU time of this JVM so far, or -1 where the JDK does not say. */
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean
                ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : -1;
    }
}
