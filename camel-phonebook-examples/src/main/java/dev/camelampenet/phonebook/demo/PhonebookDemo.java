package dev.camelampenet.phonebook.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.camelampenet.phonebook.alerting.AlertBroker;
import dev.camelampenet.phonebook.alerting.AlertHeaders;
import dev.camelampenet.phonebook.alerting.AlertOutcome;
import dev.camelampenet.phonebook.alerting.AlertQueues;
import dev.camelampenet.phonebook.alerting.AlertStats;
import dev.camelampenet.phonebook.alerting.AlertingSettings;
import dev.camelampenet.simulator.AmpenetSimulator;
import jakarta.jms.ConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-command demo ({@code ./demo}, i.e. {@code --phonebook.demo=true}; {@code --phonebook.demo.once=true} to
 * run the samples once and exit): the simulator, the embedded broker and both flows in a fresh folder
 * ({@code phonebook.demo.dir}, default {@code target/demo}); a messy sample CSV dropped into the inbox; sample
 * alerts published to {@code sms.alerts}; progress lines; a summary that accounts for every row and alert.
 */
public final class PhonebookDemo {

    private static final Logger LOG = LoggerFactory.getLogger(PhonebookDemo.class);
    static final String CSV = "customers.csv";
    static final String REFUSED_NUMBER = "255754000111";
    private static volatile Integer exitCode;

    private PhonebookDemo() {
    }

    /** Called first by PhonebookConfiguration: in demo mode, points everything at the demo folder and the simulator. */
    public static void configure(CamelContext context) throws Exception {
        PropertiesComponent pc = context.getPropertiesComponent();
        boolean once = flag(pc, "phonebook.demo.once");
        if (!once && !flag(pc, "phonebook.demo")) {
            return;
        }
        Path dir = Path.of(pc.resolveProperty("phonebook.demo.dir").orElse("target/demo")).toAbsolutePath().normalize();
        delete(dir); // each run starts from nothing: the simulator is new too
        Files.createDirectories(dir);
        pc.addOverrideProperty("ampenet.api-token", ""); // never a real account, whatever the environment says
        pc.addOverrideProperty("phonebook.inbox", dir.resolve("inbox").toString());
        pc.addOverrideProperty("phonebook.work-dir", "");
        pc.addOverrideProperty("phonebook.alerts.work-dir", dir.resolve("alerts").toString());
        pc.addOverrideProperty("phonebook.broker.url", "embedded");
        pc.addOverrideProperty("phonebook.broker.port", pc.resolveProperty("phonebook.demo.broker-port").orElse("0"));
        pc.addOverrideProperty("phonebook.poll-delay", "500");
        pc.addOverrideProperty("phonebook.read-lock-interval", "500");
        long timeout = Long.parseLong(pc.resolveProperty("phonebook.demo.timeout").orElse("120")) * 1000;
        context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext ctx, boolean alreadyStarted) {
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext ctx, boolean alreadyStarted) {
                Thread t = new Thread(() -> run(ctx, dir, once, timeout), "phonebook-demo");
                t.setDaemon(true);
                t.start();
            }
        });
        LOG.info("Demo mode{}: working in {}", once ? " (once)" : "", dir);
    }

    /** After Camel Main returns: a demo that ran once ends the JVM with its exit code (0: everything accounted for). */
    public static void exitIfRanOnce() {
        Integer code = exitCode;
        if (code != null) {
            System.exit(code);
        }
    }

    private static void run(CamelContext context, Path dir, boolean once, long timeoutMillis) {
        int code;
        try {
            code = new DemoRun(context, dir, timeoutMillis).run() ? 0 : 1;
        } catch (Exception e) {
            LOG.error("The demo failed", e);
            code = 2;
        }
        if (once) {
            exitCode = code;
            LOG.info("Demo done (exit code {}); stopping", code);
            new Thread(() -> {
                try {
                    context.stop();
                } catch (RuntimeException e) {
                    LOG.warn("Stopping Camel: {}", e.getMessage());
                }
            }, "phonebook-demo-stop").start();
        } else {
            System.out.println("The demo keeps running until Ctrl-C: drop more CSV files into " + dir.resolve("inbox")
                    + ", put alerts on sms.alerts" + brokerHint(context) + ", and watch the simulator console.");
        }
    }

    private static String brokerHint(CamelContext context) {
        AlertBroker broker = context.getRegistry().lookupByNameAndType("alertBroker", AlertBroker.class);
        return broker != null && broker.tcpUrl() != null ? " at " + broker.tcpUrl() : "";
    }

    private static boolean flag(PropertiesComponent pc, String key) {
        return pc.resolveProperty(key).map(v -> v.isBlank() || Boolean.parseBoolean(v.trim())).orElse(false);
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** One run of the samples. */
    private static final class DemoRun {
        private final CamelContext context;
        private final Path dir;
        private final long timeoutMillis;
        private final Path inbox;
        private final AmpenetSimulator sim;
        private final ConnectionFactory cf;
        private final AlertStats stats;
        private final AlertingSettings settings;
        private final AlertBroker broker;

        DemoRun(CamelContext context, Path dir, long timeoutMillis) {
            this.context = context;
            this.dir = dir;
            this.timeoutMillis = timeoutMillis;
            this.inbox = dir.resolve("inbox");
            this.sim = context.getRegistry().lookupByNameAndType("ampenetSimulator", AmpenetSimulator.class);
            this.cf = context.getRegistry().lookupByNameAndType("alertsConnectionFactory", ConnectionFactory.class);
            this.stats = context.getRegistry().lookupByNameAndType("alertStats", AlertStats.class);
            this.settings = context.getRegistry().lookupByNameAndType("alertingSettings", AlertingSettings.class);
            this.broker = context.getRegistry().lookupByNameAndType("alertBroker", AlertBroker.class);
        }

        boolean run() throws Exception {
            if (sim == null || cf == null || stats == null) {
                throw new IllegalStateException("the demo needs the simulator and the alerting flow");
            }
            System.out.println();
            System.out.println("Ampenet simulator console: " + sim.consoleUrl() + "   (API base URL " + sim.baseUrl() + ")");
            System.out.println("Broker: embedded Artemis" + brokerHint(context) + ", journal in " + dir.resolve("alerts/broker"));
            System.out.println("CSV inbox: " + inbox);
            System.out.println();
            sim.blacklist(List.of(REFUSED_NUMBER)); // so one sample alert meets a refusal from the API

            Files.createDirectories(inbox);
            Path part = dir.resolve(CSV + ".part");
            try (InputStream in = resource("demo/" + CSV)) {
                Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
            }
            long csvRows = Files.readAllLines(part, StandardCharsets.UTF_8).stream().skip(1).filter(l -> !l.isBlank()).count();
            Files.move(part, inbox.resolve(CSV), StandardCopyOption.ATOMIC_MOVE);
            LOG.info("demo: dropped {} ({} rows) into the inbox", CSV, csvRows);

            List<String> alerts = new ArrayList<>();
            try (InputStream in = resource("demo/alerts.jsonl")) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        alerts.add(line.trim());
                    }
                }
            }
            AlertQueues.publish(cf, settings.queue(), alerts);
            AlertQueues.publish(cf, settings.queue(), List.of("Web shop checkout errors above 5% for 10 min"),
                    Map.of(AlertHeaders.TO, "255712000118", AlertHeaders.ID, "demo-19"));
            int published = alerts.size() + 1;
            LOG.info("demo: published {} alerts to {} ({} JSON, 1 plain text with an AlertTo header)", published,
                    settings.queue(), alerts.size());

            long deadline = System.currentTimeMillis() + timeoutMillis;
            CsvReport report = awaitCsv(deadline);
            if (report != null && report.failed == null) {
                // the group the CSV created gets one alert as a campaign
                AlertQueues.publish(cf, settings.queue(), List.of(
                        "{\"id\":\"demo-20\",\"group\":\"customers\",\"text\":\"Our offices are closed on Monday\"}"));
                published++;
                LOG.info("demo: published 1 alert to the contact group 'customers' (a campaign)");
            }
            boolean alertsDone = awaitAlerts(published, deadline);
            return summary(report, csvRows, published, alertsDone);
        }

        private CsvReport awaitCsv(long deadline) throws Exception {
            long nextLog = 0;
            while (System.currentTimeMillis() < deadline) {
                CsvReport r = CsvReport.find(inbox);
                if (r != null) {
                    LOG.info("demo: {}", r.failed == null ? "CSV import done: " + r.describe() : "CSV import failed: " + r.failed);
                    return r;
                }
                if (System.currentTimeMillis() >= nextLog) {
                    LOG.info("demo: waiting for the CSV import ... alerts so far: {}", stats);
                    nextLog = System.currentTimeMillis() + 2000;
                }
                Thread.sleep(200);
            }
            return null;
        }

        private boolean awaitAlerts(int published, long deadline) throws Exception {
            long nextLog = 0;
            while (System.currentTimeMillis() < deadline) {
                if (stats.settled() + stats.alreadySentCount() >= published
                        && (broker == null || broker.messageCount(settings.queue()) == 0)) {
                    return true;
                }
                if (System.currentTimeMillis() >= nextLog) {
                    LOG.info("demo: alerts: {} of {} settled", stats.settled(), published);
                    nextLog = System.currentTimeMillis() + 2000;
                }
                Thread.sleep(100);
            }
            return false;
        }

        private boolean summary(CsvReport csv, long csvRows, int published, boolean alertsDone) throws Exception {
            int invalid = AlertQueues.depth(cf, settings.invalidQueue());
            int failed = AlertQueues.depth(cf, settings.failedQueue());
            int uncertain = AlertQueues.depth(cf, settings.uncertainQueue());
            long sent = stats.count(AlertOutcome.SENT);
            boolean csvOk = csv != null && csv.failed == null && csv.rows == csvRows
                    && csv.imported + csv.duplicate + csv.rejected == csv.rows;
            boolean alertsOk = alertsDone && sent + uncertain + failed + invalid == published
                    && failed == stats.count(AlertOutcome.FAILED) && invalid == stats.count(AlertOutcome.INVALID)
                    && uncertain == stats.count(AlertOutcome.UNCERTAIN);
            List<String> lines = new ArrayList<>();
            lines.add("CSV \"" + CSV + "\": " + (csv == null ? "not finished (" + csvRows + " rows in the file)"
                    : csv.failed != null ? "failed: " + csv.failed : csv.describe()));
            lines.add("alerts: " + published + " = " + sent + " sent + " + uncertain + " uncertain + " + failed + " failed + "
                    + invalid + " invalid" + (alertsOk ? "" : "  (UNACCOUNTED: " + (published - sent - uncertain - failed - invalid) + ")"));
            lines.add("SMS calls: " + stats.sendCalls() + " sms/send + " + stats.campaignCalls() + " sms/campaign;"
                    + " the simulator's outbox holds " + sim.outboxSize() + " SMS");
            for (AlertQueues.QueuedMessage m : AlertQueues.browse(cf, settings.failedQueue())) {
                lines.add("  " + settings.failedQueue() + ": " + m.property(AlertHeaders.ID) + ": " + m.property(AlertHeaders.ERROR));
            }
            for (AlertQueues.QueuedMessage m : AlertQueues.browse(cf, settings.invalidQueue())) {
                lines.add("  " + settings.invalidQueue() + ": " + m.property(AlertHeaders.ID) + ": " + m.property(AlertHeaders.INVALID_REASON));
            }
            lines.add("CSV report: " + (csv == null ? "-" : csv.file));
            lines.add("console: " + sim.consoleUrl());
            lines.add(csvOk && alertsOk ? "Every row and every alert is accounted for." : "NOT everything is accounted for.");
            StringBuilder out = new StringBuilder("\n===== Demo summary " + "=".repeat(60) + "\n");
            lines.forEach(l -> out.append(l).append('\n'));
            out.append("=".repeat(79)).append('\n');
            System.out.print(out);
            System.out.flush();
            return csvOk && alertsOk;
        }

        private static InputStream resource(String name) throws IOException {
            InputStream in = PhonebookDemo.class.getClassLoader().getResourceAsStream(name);
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            return in;
        }
    }
}
