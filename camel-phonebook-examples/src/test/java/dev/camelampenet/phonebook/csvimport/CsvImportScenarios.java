package dev.camelampenet.phonebook.csvimport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.camelampenet.phonebook.csvimport.ImportFiles.ReportRow;
import dev.camelampenet.simulator.Fault;
import dev.camelampenet.simulator.GroupSnapshot;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.spi.StreamCachingStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.camelampenet.phonebook.csvimport.ImportFiles.drop;
import static dev.camelampenet.phonebook.csvimport.ImportFiles.readReport;
import static dev.camelampenet.phonebook.csvimport.ImportFiles.utf8WithBom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The acceptance scenarios, run once per DSL: {@link JavaDslCsvImportTest} and {@link YamlDslCsvImportTest}.
 */
abstract class CsvImportScenarios extends CsvImportTestSupport {

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
        // Camel's route meters: the file's route is timed, the routes run once per row are not
        assertThat(routeMeters(meters, "csv-import")).isNotEmpty();
        for (String perRow : CsvImportRoutes.PER_ROW_ROUTES) {
            assertThat(routeMeters(meters, perRow)).as(perRow).isEmpty();
        }
    }

    private static List<String> routeMeters(MeterRegistry meters, String routeId) {
        return meters.getMeters().stream().filter(m -> routeId.equals(m.getId().getTag("routeId")))
                .map(m -> m.getId().getName()).toList();
    }

    @Test
    void theFileIsReadAsAStreamNeverCopiedIntoMemory() throws Exception {
        // Camel caches stream bodies by default (into memory, up to the whole stream): the import's route opts out,
        // else a file would be held whole in the heap while its rows are sent
        assertThat(context.isStreamCaching()).as("stream caching on in the context").isTrue();
        StreamCachingStrategy.Statistics caching = context.getStreamCachingStrategy().getStatistics();
        caching.setStatisticsEnabled(true);
        caching.reset();
        StringBuilder csv = new StringBuilder("phone,first_name\n");
        for (int i = 0; i < 300; i++) {
            csv.append("0713").append(String.format("%06d", i)).append(",Row").append(i).append('\n');
        }
        drop(inbox(), "Streamed.csv", csv.toString(), StandardCharsets.UTF_8);
        awaitDone("Streamed.csv");

        assertThat(simulator.group(simulator.token(), "Streamed").contacts()).hasSize(300);
        assertThat(caching.getCacheMemoryCounter() + caching.getCacheSpoolCounter()).as("bodies cached").isZero();
    }

    @Test
    void droppingTheSameFileAgainImportsNothingNew() throws Exception {
        drop(inbox(), "Repeat.csv", utf8WithBom(MESSY));
        awaitDone("Repeat.csv");
        List<String> calls = storeCalls();

        drop(inbox(), "Repeat.csv", utf8WithBom(MESSY));
        // the file leaves the inbox when its exchange completes, after the report and the route's file counter
        ImportFiles.await("the second report and the file moved", WAIT,
                () -> secondReport().isPresent() && !Files.exists(inbox().resolve("Repeat.csv")));
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

    @Test
    void fileWithoutPhoneColumnGoesToFailedWithItsReason() throws Exception {
        drop(inbox(), "no-phone.csv", "name,email\nAsha,asha@example.com\n", StandardCharsets.UTF_8);
        Path reason = ImportFiles.awaitFile(inbox().resolve(".failed").resolve("no-phone.reason.txt"), WAIT);
        ImportFiles.await("the file in .failed/", WAIT, () -> Files.exists(inbox().resolve(".failed/no-phone.csv")));

        assertThat(Files.readString(reason)).contains("no phone column").contains("[name, email]");
        assertThat(inbox().resolve("no-phone.csv")).doesNotExist();
        assertThat(simulator.groups(simulator.token())).isEmpty();
        MeterRegistry meters = context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
        assertThat(meters.get(ImportMetrics.FILES).tag("result", "failed").counter().count()).isEqualTo(1.0);
    }

    @Test
    void importPausesWhileTheApiCannotBeReachedAndResumesByItself() throws Exception {
        String gid = existingGroup("Flaky");
        // every store call fails without reaching the server, more often than one row's redeliveries allow
        simulator.nextFault(Fault.DROP_BEFORE, 24, "/contacts/" + gid + "/store");
        String csv = "phone\n" + IntStream.rangeClosed(1, 40).mapToObj(i -> String.format("07120%05d", i))
                .collect(Collectors.joining("\n")) + "\n";
        drop(inbox(), "Flaky.csv", csv, StandardCharsets.UTF_8);
        List<ReportRow> rows = readReport(awaitDone("Flaky.csv"));

        MeterRegistry meters = context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
        assertThat(meters.get(ImportMetrics.FILES).tag("result", "paused").counter().count()).isGreaterThanOrEqualTo(1.0);
        assertThat(rows).hasSize(40).extracting(ReportRow::outcome).containsOnly("imported");
        assertThat(rows).extracting(ReportRow::row).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 40).boxed().collect(Collectors.toList()));
        assertThat(simulator.group(simulator.token(), "Flaky").size()).isEqualTo(40);
    }

    /**
     * A store that acted and whose answer was lost (dropped, HTML with PHP warnings, an unknown error text, a body cut
     * short) is reconciled: the repeat is answered "already taken", the number is looked for in the group, and the row
     * is imported with the uid the simulator gave the contact, which exists once.
     */
    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"DROP_AFTER", "HTML_AFTER", "ERROR_AFTER", "TRUNCATED_AFTER"})
    void aStoreWhoseAnswerIsLostAfterActingIsImportedWithItsUid(Fault fault) throws Exception {
        String gid = existingGroup("Lost " + fault);
        simulator.nextFault(fault, 1, "/contacts/" + gid + "/store");
        drop(inbox(), "Lost " + fault + ".csv", "phone,first name,company\n0712000001,Asha,Acme\n", StandardCharsets.UTF_8);
        List<ReportRow> rows = readReport(awaitDone("Lost " + fault + ".csv"));

        GroupSnapshot group = simulator.group(simulator.token(), "Lost " + fault);
        assertThat(group.contacts()).as("stored once").extracting(GroupSnapshot.ContactSnapshot::phone).containsExactly("255712000001");
        assertThat(simulator.journal()).as("the fault struck the store")
                .anyMatch(e -> e.path().endsWith("/store") && fault.name().toLowerCase().replace('_', '-').equals(e.fault()));
        assertThat(rows).extracting(ReportRow::outcome, ReportRow::contactUid)
                .containsExactly(tuple("imported", group.contacts().get(0).uid()));
        assertThat(rows.get(0).reason()).contains("lost its answer").contains("so this import created it");
        MeterRegistry meters = context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
        assertThat(meters.get(ImportMetrics.ROWS).tag("outcome", "imported").counter().count()).isEqualTo(1.0);
    }

    /** A lost answer for a number that was in the group before, with other data: a duplicate, not this import's. */
    @Test
    void aLostAnswerForANumberThatWasThereBeforeIsADuplicate() throws Exception {
        String gid = existingGroup("Before", "255712000001");
        simulator.nextFault(Fault.DROP_AFTER, 1, "/contacts/" + gid + "/store");
        drop(inbox(), "Before.csv", "phone,first name\n0712000001,Asha\n", StandardCharsets.UTF_8);
        List<ReportRow> rows = readReport(awaitDone("Before.csv"));

        assertThat(simulator.group(simulator.token(), "Before").contacts()).extracting(GroupSnapshot.ContactSnapshot::phone)
                .containsExactly("255712000001");
        assertThat(simulator.journal()).as("the answer was lost, and the number looked for")
                .anyMatch(e -> e.path().endsWith("/store") && "drop-after".equals(e.fault()))
                .anyMatch(e -> e.path().endsWith("/all"));
        assertThat(rows).extracting(ReportRow::outcome, ReportRow::contactUid).containsExactly(tuple("duplicate", ""));
        assertThat(rows.get(0).reason()).isEqualTo("already in group 'Before' with other data, so it was there before this"
                + " import (an earlier call for this row lost its answer)");
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
