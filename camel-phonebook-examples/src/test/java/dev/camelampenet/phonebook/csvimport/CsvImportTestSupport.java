package dev.camelampenet.phonebook.csvimport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import dev.camelampenet.ampenet.AmpenetConstants;
import dev.camelampenet.ampenet.model.ContactGroup;
import dev.camelampenet.phonebook.PhonebookApplication;
import dev.camelampenet.simulator.AmpenetSimulator;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * Runs the application as {@code PhonebookApplication} starts it (Camel Main, application.properties,
 * PhonebookConfiguration) against a simulator in this JVM, with a fresh inbox per test.
 */
abstract class CsvImportTestSupport extends CamelMainTestSupport {

    static final Duration WAIT = Duration.ofSeconds(30);
    static AmpenetSimulator simulator;

    /** Set while the super constructor asks for the properties, so no field initializer may touch it. */
    private Path work;

    /** java or yaml */
    protected abstract String dsl();

    @BeforeAll
    static void startSimulator() {
        simulator = AmpenetSimulator.builder().host("127.0.0.1").port(0).rateLimit(60_000).start();
    }

    @AfterAll
    static void stopSimulator() {
        simulator.stop();
    }

    @AfterEach
    void resetSimulator() {
        simulator.reset();
    }

    @Override
    protected Class<?> getMainClass() {
        return PhonebookApplication.class;
    }

    /** Called by the super constructor: the simulator is up (static), the inbox is made on first use. */
    @Override
    public void configureContext(CamelContextConfiguration configuration) {
        super.configureContext(configuration);
        configuration.withUseOverridePropertiesWithPropertiesComponent(properties());
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put("ampenet.api-token", simulator.token());
        p.put("ampenet.base-url", simulator.baseUrl());
        p.put("ampenet.rate-limit", "60000");
        p.put("camel.component.ampenet.max-retries", "1");
        p.put("camel.component.ampenet.retry-delay", "100");
        p.put("phonebook.routes", dsl());
        p.put("phonebook.inbox", inbox().toString());
        p.put("phonebook.alerts.enabled", "false"); // the CSV import alone: no broker, nothing outside the temp folder
        p.put("phonebook.poll-delay", "100");
        p.put("phonebook.read-lock-interval", "100");
        p.put("phonebook.progress-interval", "1000");
        p.put("phonebook.max-redeliveries", "1");
        p.put("phonebook.redelivery-delay", "100");
        p.put("phonebook.pause-delay", "300");
        moreProperties(p);
        return p;
    }

    /** A test class's own settings on top (called from the super constructor: use no instance field). */
    protected void moreProperties(Properties p) {
    }

    Path inbox() {
        if (work == null) {
            try {
                work = Files.createTempDirectory("phonebook-" + dsl());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return work.resolve("inbox");
    }

    Path done(String name) {
        return inbox().resolve(".done").resolve(name);
    }

    /** Waits until the file has left the inbox for .done/ (moved last, after its report was written). */
    Path awaitDone(String name) throws InterruptedException {
        ImportFiles.await(name + " in .done/", WAIT, () -> Files.exists(done(name)) && !Files.exists(inbox().resolve(name)));
        return done(CsvImport.reportName(name));
    }

    /** A group made the way a user would before the import (with a COMPANY field defined in the web app). */
    String existingGroup(String name, String... phones) {
        ContactGroup group = template.requestBody("ampenet:groups/create", name, ContactGroup.class);
        simulator.defineField(group.uid(), "COMPANY", false);
        for (String phone : phones) {
            template.requestBodyAndHeader("ampenet:contacts/store", phone, AmpenetConstants.GROUP_ID, group.uid());
        }
        return group.uid();
    }
}
