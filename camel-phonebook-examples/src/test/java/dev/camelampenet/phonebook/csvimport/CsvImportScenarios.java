package dev.camelampenet.phonebook.csvimport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import dev.camelampenet.ampenet.AmpenetConstants;
import dev.camelampenet.ampenet.model.ContactGroup;
import dev.camelampenet.phonebook.PhonebookApplication;
import dev.camelampenet.phonebook.csvimport.ImportFiles.ReportRow;
import dev.camelampenet.simulator.AmpenetSimulator;
import dev.camelampenet.simulator.GroupSnapshot;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.camelampenet.phonebook.csvimport.ImportFiles.drop;
import static dev.camelampenet.phonebook.csvimport.ImportFiles.readReport;
import static dev.camelampenet.phonebook.csvimport.ImportFiles.utf8WithBom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The acceptance scenarios, run once per DSL (Java and YAML): the application as {@code PhonebookApplication}
 * starts it (Camel Main, application.properties, PhonebookConfiguration), against a simulator in this JVM.
 */
abstract class CsvImportScenarios extends CamelMainTestSupport {

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
        p.put("phonebook.poll-delay", "100");
        p.put("phonebook.read-lock-interval", "100");
        p.put("phonebook.progress-interval", "1000");
        p.put("phonebook.max-redeliveries", "1");
        p.put("phonebook.redelivery-delay", "100");
        p.put("phonebook.pause-delay", "300");
        return p;
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

    static final String MESSY = String.join("\r\n",
            "\"Mobile\";\"First Name\";\"Last Name\";Company;Notes",
            "0712 345 678;Asha;Mwinyi;\"Acme; Ltd\";\"likes \"\"quotes\"\", and commas\"",
            "",
            "+255 713 000 111;Baraka;Juma;;",
            "255714000222;Chausiku;;\"Beta, Inc\";",
            "   ",
            "(0715) 000-333;\"Daudi, Jr.\";Kessy;;",
            "12345;Invalid;Number;;",
            "0712-345-678;Asha;Again;;",
            "+254 712 345 678;Wanjiru;Kamau;Nairobi Ltd;",
            "0716 000 444;Already;There;;",
            ";No;Phone;;",
            "=HYPERLINK(\"http://evil.example\");Evil;;;",
            "2.55717E+11;Sci;Notation;;",
            "");

    @Test
    void messyFileBecomesContactsAndEveryRowIsReported() throws Exception {
        existingGroup("Messy Customers", "255716000444");

        drop(inbox(), "Messy Customers.csv", utf8WithBom(MESSY));
        Path report = awaitDone("Messy Customers.csv");
        assertThat(report).hasFileName("Messy Customers.report.csv").exists();

        GroupSnapshot group = simulator.group(simulator.token(), "Messy Customers");
        Map<String, GroupSnapshot.ContactSnapshot> byPhone = group.contacts().stream()
                .collect(Collectors.toMap(GroupSnapshot.ContactSnapshot::phone, c -> c));
        assertThat(byPhone.keySet()).containsExactlyInAnyOrder("255712345678", "255713000111", "255714000222",
                "255715000333", "254712345678", "255716000444");
        assertThat(byPhone.get("255712345678").fields())
                .containsEntry("FIRST_NAME", "Asha").containsEntry("LAST_NAME", "Mwinyi").containsEntry("COMPANY", "Acme; Ltd");
        assertThat(byPhone.get("255715000333").fields()).containsEntry("FIRST_NAME", "Daudi, Jr.");
        assertThat(byPhone.get("254712345678").fields()).containsEntry("COMPANY", "Nairobi Ltd");
        assertThat(byPhone.get("255716000444").fields()).doesNotContainEntry("FIRST_NAME", "Already");

        List<ReportRow> rows = readReport(report);
        assertThat(rows).extracting(ReportRow::row, ReportRow::phone, ReportRow::outcome, ReportRow::number).containsExactly(
                tuple(1L, "0712 345 678", "imported", "255712345678"),
                tuple(2L, "'+255 713 000 111", "imported", "255713000111"),
                tuple(3L, "255714000222", "imported", "255714000222"),
                tuple(4L, "(0715) 000-333", "imported", "255715000333"),
                tuple(5L, "12345", "rejected", ""),
                tuple(6L, "0712-345-678", "duplicate", "255712345678"),
                tuple(7L, "'+254 712 345 678", "imported", "254712345678"),
                tuple(8L, "0716 000 444", "duplicate", "255716000444"),
                tuple(9L, "", "rejected", ""),
                tuple(10L, "'=HYPERLINK(\"http://evil.example\")", "rejected", ""),
                tuple(11L, "2.55717E+11", "rejected", ""));
        assertThat(rows.get(4).reason()).isEqualTo("not a valid phone number");
        assertThat(rows.get(5).reason()).isEqualTo("same number as row 1");
        assertThat(rows.get(7).reason()).startsWith("already in group 'Messy Customers' (API: ");
        assertThat(rows.get(8).reason()).isEqualTo("no phone number");
        assertThat(rows.get(9).reason()).startsWith("not a phone number");
        assertThat(rows.get(10).reason()).contains("spreadsheet").contains("format the phone column as text");
        for (ReportRow row : rows) {
            assertThat(row.contactUid()).as("row %s", row.row()).matches(row.outcome().equals("imported") ? "[0-9a-f]{13}" : "");
        }
        assertThat(byPhone.get("255712345678").uid()).isEqualTo(rows.get(0).contactUid());

        MeterRegistry meters = context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
        assertThat(meters.get(ImportMetrics.ROWS).tag("outcome", "imported").counter().count()).isEqualTo(5.0);
        assertThat(meters.get(ImportMetrics.ROWS).tag("outcome", "duplicate").counter().count()).isEqualTo(2.0);
        assertThat(meters.get(ImportMetrics.ROWS).tag("outcome", "rejected").counter().count()).isEqualTo(4.0);
        assertThat(meters.get(ImportMetrics.FILES).tag("result", "done").counter().count()).isEqualTo(1.0);
    }

    @Test
    void droppingTheSameFileAgainImportsNothingNew() throws Exception {
        drop(inbox(), "Repeat.csv", utf8WithBom(MESSY));
        awaitDone("Repeat.csv");
        List<String> calls = storeCalls();

        drop(inbox(), "Repeat.csv", utf8WithBom(MESSY));
        ImportFiles.await("the second report", WAIT, () -> secondReport().isPresent());
        Path second = secondReport().orElseThrow();

        assertThat(storeCalls()).as("no contact sent again").isEqualTo(calls);
        assertThat(simulator.group(simulator.token(), "Repeat").size()).isEqualTo(6);
        List<ReportRow> rows = readReport(second);
        assertThat(rows).hasSize(11);
        assertThat(rows).filteredOn(r -> r.outcome().equals("imported")).isEmpty();
        assertThat(rows).filteredOn(r -> r.outcome().equals("duplicate")).hasSize(7)
                .filteredOn(r -> r.reason().startsWith("imported earlier from this same file")).hasSize(6);
        assertThat(rows).filteredOn(r -> r.outcome().equals("rejected")).hasSize(4);

        MeterRegistry meters = context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
        assertThat(meters.get(ImportMetrics.ROWS).tag("outcome", "imported").counter().count()).isEqualTo(6.0);
        assertThat(meters.get(ImportMetrics.ROWS).tag("outcome", "duplicate").counter().count()).isEqualTo(1.0 + 7.0);
        assertThat(meters.get(ImportMetrics.ROWS).tag("outcome", "rejected").counter().count()).isEqualTo(4.0 + 4.0);
        assertThat(meters.get(ImportMetrics.FILES).tag("result", "done").counter().count()).isEqualTo(2.0);
    }

    private java.util.Optional<Path> secondReport() {
        try (var files = Files.list(inbox().resolve(".done"))) {
            return files.filter(f -> f.getFileName().toString().matches("Repeat-\\d{8}-\\d{6}\\.report\\.csv")).findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    static List<String> storeCalls() {
        return simulator.journal().stream().filter(e -> e.path().endsWith("/store")).map(e -> e.id() + " " + e.path())
                .collect(Collectors.toList());
    }
}
