package dev.camelampenet.phonebook.alerting;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;

import dev.camelampenet.ampenet.AmpenetComponent;
import dev.camelampenet.phonebook.store.FlowDatabase;
import dev.camelampenet.simulator.AmpenetSimulator;
import jakarta.jms.ConnectionFactory;
import org.apache.camel.impl.DefaultCamelContext;

/** The alerting flow alone in a CamelContext, against a simulator the test owns, with an embedded broker in a temp folder. */
final class AlertingHarness implements AutoCloseable {

    final DefaultCamelContext context = new DefaultCamelContext();
    final AmpenetSimulator sim;
    /** The broker when the flow uses an external one (started by the test). */
    AlertBroker external;

    /** Changes the CamelContext after the flow is in it and before it starts (e.g. advice on a route). */
    @FunctionalInterface
    interface BeforeStart {
        void apply(DefaultCamelContext context) throws Exception;
    }

    AlertingHarness(AmpenetSimulator sim, Path workDir, Map<String, String> overrides) throws Exception {
        this(sim, workDir, overrides, c -> { });
    }

    AlertingHarness(AmpenetSimulator sim, Path workDir, Map<String, String> overrides, BeforeStart beforeStart) throws Exception {
        this(sim, workDir, overrides, null, beforeStart);
    }

    /**
     * @param store the shared flow store (bound as the application binds it, before the flow is configured), so the
     *              flow keeps its send ledger there; null for the file ledger in {@code workDir}
     */
    AlertingHarness(AmpenetSimulator sim, Path workDir, Map<String, String> overrides, FlowDatabase store,
                    BeforeStart beforeStart) throws Exception {
        this.sim = sim;
        Properties p = new Properties();
        p.setProperty("phonebook.alerts.work-dir", workDir.toString());
        p.setProperty("phonebook.broker.port", "-1");
        p.setProperty("phonebook.alerts.redelivery-delay", "100");
        p.setProperty("phonebook.alerts.max-redelivery-delay", "1000");
        p.putAll(overrides);
        context.getPropertiesComponent().setInitialProperties(p);
        AmpenetComponent ampenet = new AmpenetComponent();
        ampenet.getConfiguration().setApiToken(sim.token());
        ampenet.getConfiguration().setBaseUrl(sim.baseUrl());
        ampenet.getConfiguration().setDefaultRegion("TZ");
        ampenet.getConfiguration().setRetryDelay(Long.parseLong(overrides.getOrDefault("retry-delay", "20")));
        ampenet.getConfiguration().setMaxRetries(Integer.parseInt(overrides.getOrDefault("max-retries", "1")));
        ampenet.getConfiguration().setRateLimit(100_000);
        context.addComponent("ampenet", ampenet);
        if (store != null) {
            context.getRegistry().bind(FlowDatabase.BEAN, store);
        }
        Alerting.configure(context);
        beforeStart.apply(context);
        context.start();
    }

    ConnectionFactory cf() {
        return context.getRegistry().lookupByNameAndType("alertsConnectionFactory", ConnectionFactory.class);
    }

    AlertStats stats() {
        return context.getRegistry().lookupByNameAndType("alertStats", AlertStats.class);
    }

    SmsAlerts alerts() {
        return context.getRegistry().lookupByNameAndType("smsAlerts", SmsAlerts.class);
    }

    void publish(List<String> bodies) throws Exception {
        AlertQueues.publish(cf(), "sms.alerts", bodies);
    }

    void publish(String... bodies) throws Exception {
        publish(List.of(bodies));
    }

    List<AlertQueues.QueuedMessage> queue(String name) throws Exception {
        return AlertQueues.browse(cf(), name);
    }

    /** Waits until the flow settled this many alerts (any place) and sms.alerts is empty. */
    void awaitSettled(long alerts, Duration timeout) throws Exception {
        await(() -> stats().settled() + stats().alreadySentCount() >= alerts, timeout,
                () -> "settled " + stats() + ", already sent " + stats().alreadySentCount());
        AlertBroker broker = context.getRegistry().lookupByNameAndType("alertBroker", AlertBroker.class);
        AlertBroker counting = broker != null ? broker : external;
        await(() -> counting.messageCount("sms.alerts") == 0, Duration.ofSeconds(60), () -> "sms.alerts not empty");
        // the counters move when an exchange completes, just before its transaction commits: wait until every copy
        // the flow put on an outcome queue is there to be read
        long queued = stats().count(AlertOutcome.INVALID) + stats().count(AlertOutcome.FAILED) + stats().count(AlertOutcome.UNCERTAIN);
        await(() -> depth("sms.alerts.invalid") + depth("sms.alerts.failed") + depth("sms.alerts.uncertain") >= queued,
                Duration.ofSeconds(60), () -> "outcome copies not committed yet");
    }

    int depth(String queue) {
        try {
            return AlertQueues.depth(cf(), queue);
        } catch (Exception e) {
            return -1;
        }
    }

    /** POST /sms/send requests the simulator received. */
    long sendCalls() {
        // entries are journaled in the order requests end, not by id: read them all at once
        return sim.journal(0, Integer.MAX_VALUE).stream()
                .filter(e -> "POST".equals(e.method()) && e.path().endsWith("/sms/send")).count();
    }

    static void await(BooleanSupplier condition, Duration timeout, java.util.function.Supplier<String> what) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + timeout + ": " + what.get());
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() throws Exception {
        context.close();
    }
}
