package dev.camelampenet.phonebook.instances;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import dev.camelampenet.phonebook.alerting.AlertBroker;
import dev.camelampenet.phonebook.alerting.AlertingSettings;
import dev.camelampenet.phonebook.alerting.ChildApp;
import dev.camelampenet.phonebook.store.LocalPostgres;
import jakarta.jms.ConnectionFactory;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * What several active instances share (docs/operations.md), on 127.0.0.1: one Artemis broker, reached over TCP as an
 * external broker would be (the application's own {@link AlertBroker}, run in this JVM), and one PostgreSQL database
 * for the flow store; and the start of an instance on them: the phonebook application in a JVM of its own with the
 * settings every instance has (broker URL, store URL and user, its own work folder). What differs between instances
 * (API token and base URL, rate limit, inbox, tuning) the caller passes.
 * <p>
 * Used by {@code SeveralInstancesAcceptanceTest} and by the benchmark suite's {@code instances} part (which gets it
 * from this module's test-jar).
 */
public final class SharedBackends implements AutoCloseable {

    /** The line an instance logs once Camel Main started every route. */
    public static final String STARTED = "(phonebook) started in";

    private final Path dir;
    private final AlertBroker broker;
    private final String storeUrl;
    private final List<ChildApp> instances = new ArrayList<>();

    private SharedBackends(Path dir, AlertBroker broker, String storeUrl) {
        this.dir = dir;
        this.broker = broker;
        this.storeUrl = storeUrl;
    }

    /**
     * Starts the broker (journal under {@code dir/broker}, a free TCP port) and creates a new empty database on
     * {@code postgres}; instances' logs and work folders go under {@code dir} too.
     */
    public static SharedBackends start(Path dir, LocalPostgres postgres, String databasePrefix) throws Exception {
        String storeUrl = postgres.url(postgres.createDatabase(databasePrefix));
        Properties p = new Properties();
        p.setProperty("phonebook.alerts.work-dir", dir.toAbsolutePath().toString());
        p.setProperty("phonebook.broker.port", "0");
        try (DefaultCamelContext settings = new DefaultCamelContext()) {
            settings.getPropertiesComponent().setInitialProperties(p);
            return new SharedBackends(dir.toAbsolutePath(), AlertBroker.start(AlertingSettings.from(settings.getPropertiesComponent())),
                    storeUrl);
        }
    }

    public String brokerUrl() {
        return broker.tcpUrl();
    }

    /** A client of the broker over TCP, as a publisher on another machine would connect. */
    public ConnectionFactory connectionFactory() {
        return AlertBroker.connectionFactory(brokerUrl(), null, null);
    }

    /** Messages on a queue, those delivered and not yet committed included; -1 when unknown. */
    public long messageCount(String queue) {
        return broker.messageCount(queue);
    }

    public String storeUrl() {
        return storeUrl;
    }

    /**
     * Starts an instance on the shared broker and store: {@code PhonebookApplication} with {@code jvmFlags} (e.g. the
     * heap cap) and {@code args} after the shared settings; log {@code dir/<name>.log}, work folder
     * {@code dir/<name>}. Does not wait for it: see {@link #awaitStarted(Duration)}.
     */
    public ChildApp startInstance(String name, List<String> jvmFlags, List<String> args) throws IOException {
        List<String> all = new ArrayList<>(List.of(
                "--phonebook.broker.url=" + brokerUrl(),
                "--phonebook.store.url=" + storeUrl,
                "--phonebook.store.user=" + LocalPostgres.USER,
                "--phonebook.alerts.work-dir=" + dir.resolve(name)));
        all.addAll(args);
        ChildApp app = ChildApp.start(dir.resolve(name + ".log"), jvmFlags, all, dir);
        instances.add(app);
        return app;
    }

    /** Waits (bounded) until every instance started so far logged {@link #STARTED}; fails if one ends first. */
    public void awaitStarted(Duration timeout) throws Exception {
        for (ChildApp app : instances) {
            app.awaitLog(STARTED, timeout);
        }
    }

    /** The instances started so far, oldest first (killed ones included). */
    public List<ChildApp> instances() {
        return List.copyOf(instances);
    }

    /** Stops every instance gracefully (SIGTERM, then SIGKILL after {@code timeout}); they stay in {@link #instances()}. */
    public void stopInstances(Duration timeout) throws InterruptedException {
        for (ChildApp app : instances) {
            app.process().destroy();
        }
        for (ChildApp app : instances) {
            app.stop(timeout);
        }
    }

    /** Kills every instance still running, then stops the broker (the database stays with its server). */
    @Override
    public void close() throws Exception {
        for (ChildApp app : instances) {
            if (app.process().isAlive()) {
                app.kill();
            }
        }
        broker.stop();
    }
}
