package dev.camelampenet.phonebook.csvimport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.camelampenet.phonebook.csvimport.ImportFiles.ReportRow;
import dev.camelampenet.simulator.GroupSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.camelampenet.phonebook.csvimport.ImportFiles.drop;
import static dev.camelampenet.phonebook.csvimport.ImportFiles.readReport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Hostile files ("Exactly once, whatever fails", item 6), run once per DSL: {@link CsvHostileFilesJavaDslTest} and
 * {@link CsvHostileFilesYamlDslTest}. What was stored is counted on the simulator's side.
 */
abstract class CsvHostileFilesScenarios extends CsvImportTestSupport {

    private CapturedLog log;

    @BeforeEach
    void captureLog() {
        log = new CapturedLog();
    }

    @AfterEach
    void releaseLog() {
        log.close();
    }

    @Test
    void aFileNameOrCellWithControlCharactersForgesNoLogLineAndNoReportLine() throws Exception {
        String name = "evil\nINFO forged \u202Elive.csv";
        drop(inbox(), name, "phone,first name\n0712000001,Asha\n\"07\u00071\n2\",Bell\n", StandardCharsets.UTF_8);
        List<ReportRow> rows = readReport(awaitDone(SafeNames.fileName(name)));

        assertThat(rows).extracting(ReportRow::phone, ReportRow::outcome)
                .containsExactly(tuple("0712000001", "imported"), tuple("07\\u00071\\n2", "rejected"));
        assertThat(simulator.groups(simulator.token())).extracting(GroupSnapshot::name).containsExactly("evil INFO forged live");
        List<String> lines = log.importMessages();
        assertThat(lines).anyMatch(m -> m.contains("evil\\nINFO forged \\u202Elive.csv: done:"));
        assertThat(lines).allSatisfy(m -> assertThat(m).doesNotContain("\n", "\r", "\u202E", "\u0007"));
    }

    @Test
    void aFiftyMegabyteLineIsRejectedWithItsReasonAndTheRowsAfterItAreImported() throws Exception {
        Path staging = inbox().getParent().resolve("long.tmp");
        try (OutputStream out = Files.newOutputStream(staging)) {
            out.write("phone,first name,Notes\n0712000001,Asha,\n".getBytes(StandardCharsets.UTF_8));
            byte[] chunk = "7".repeat(1024 * 1024).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 50; i++) {
                out.write(chunk); // one line of 50 MB
            }
            out.write(("\n0712000003,Chiku,\n0712000004,Dotto," + "n".repeat(5000) + "\n0712000005,Eshe,short\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        Files.createDirectories(inbox());
        Files.move(staging, inbox().resolve("Long Lines.csv"), StandardCopyOption.ATOMIC_MOVE);
        List<ReportRow> rows = readReport(awaitDone("Long Lines.csv"));

        assertThat(rows).extracting(ReportRow::row, ReportRow::outcome).containsExactly(tuple(1L, "imported"),
                tuple(2L, "rejected"), tuple(3L, "imported"), tuple(4L, "rejected"), tuple(5L, "imported"));
        assertThat(rows.get(1).reason()).isEqualTo("line 3 is 52,428,800 characters long, more than the limit of 65,536"
                + " (phonebook.max-line-length); the row was skipped unread");
        assertThat(rows.get(3).reason()).isEqualTo("the cell in column 3 ('Notes') is 5,000 characters long, more than"
                + " the limit of 4,096 (phonebook.max-cell-length)");
        assertThat(simulator.group(simulator.token(), "Long Lines").contacts()).extracting(GroupSnapshot.ContactSnapshot::phone)
                .containsExactlyInAnyOrder("255712000001", "255712000003", "255712000005");
        assertThat(log.count("Long Lines.csv: done: 5 rows into 'Long Lines': 3 imported, 0 duplicate, 2 rejected")).isEqualTo(1);
    }

    @Test
    void aFileWithoutAnImportableRowCreatesNoGroup() throws Exception {
        drop(inbox(), "Header Only.csv", "phone,first name\r\n\r\n", StandardCharsets.UTF_8);
        drop(inbox(), "Empty.csv", new byte[0]);
        drop(inbox(), "All Invalid.csv", "phone\n12345\n\n=1+1\n", StandardCharsets.UTF_8);

        Path failed = inbox().resolve(".failed");
        ImportFiles.await("both failed files", WAIT, () -> Files.exists(failed.resolve("Header Only.csv"))
                && Files.exists(failed.resolve("Empty.csv")));
        List<ReportRow> rows = readReport(awaitDone("All Invalid.csv"));

        assertThat(rows).extracting(ReportRow::outcome).containsExactly("rejected", "rejected");
        assertThat(Files.readString(failed.resolve("Header Only.reason.txt")))
                .contains("the file has a header row but no rows under it; nothing was imported");
        assertThat(Files.readString(failed.resolve("Empty.reason.txt"))).contains("the file is empty");
        assertThat(simulator.groups(simulator.token())).as("no group on the server").isEmpty();
        assertThat(simulator.journal()).as("not even a try").noneMatch(e -> e.path().contains("/contacts/store")
                || e.path().endsWith("/contacts") && "POST".equals(e.method()));
        assertThat(log.count("Header Only.csv cannot be imported: the file has a header row but no rows")).isEqualTo(1);
        assertThat(log.count("Empty.csv cannot be imported: the file is empty")).isEqualTo(1);
    }

    @Test
    void everyFileThatIsNotImportedIsNamedOnceInTheLogAndLeftAlone() throws Exception {
        drop(inbox(), ".hidden.csv", "phone\n0712000001\n", StandardCharsets.UTF_8);
        drop(inbox(), "notes.txt", "phone\n0712000002\n", StandardCharsets.UTF_8);
        drop(inbox(), "zero.part", new byte[0]);
        drop(inbox(), "old.report.csv", "row,phone\n1,0712000003\n", StandardCharsets.UTF_8);
        Files.createDirectories(inbox().resolve("folder"));
        ImportFiles.await("a line for each", WAIT, () -> log.count("is not imported and stays where it is") >= 5);

        // a file imported after them: several more looks into the inbox, none of which logs a stray again
        drop(inbox(), "After.csv", "phone\n0712000009\n", StandardCharsets.UTF_8);
        awaitDone("After.csv");

        assertThat(log.count("'.hidden.csv' is not imported and stays where it is: its name starts with a dot")).isEqualTo(1);
        assertThat(log.count("'notes.txt' is not imported and stays where it is: its name does not end in .csv")).isEqualTo(1);
        assertThat(log.count("'zero.part' is not imported")).isEqualTo(1);
        assertThat(log.count("'old.report.csv' is not imported and stays where it is: it is the report of an import")).isEqualTo(1);
        assertThat(log.count("'folder' is not imported and stays where it is: it is a folder")).isEqualTo(1);
        assertThat(inbox().resolve(".hidden.csv")).exists();
        assertThat(inbox().resolve("notes.txt")).exists();
        assertThat(simulator.groups(simulator.token())).extracting(GroupSnapshot::name).containsExactly("After");
    }

    @Test
    void aRowInAnotherEncodingIsRejectedWithItsByteAndLineAndTheRestIsImported() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(ImportFiles.utf8WithBom("phone,first name\r\n0712000001,Jos\u00e9\r\n"));
        bytes.write("0712000002,Ren\u00e9e\r\n".getBytes(Charset.forName("windows-1252")));
        bytes.write("0712000003,Zo\u00eb\r\n".getBytes(StandardCharsets.UTF_8));
        drop(inbox(), "Mixed.csv", bytes.toByteArray());
        List<ReportRow> rows = readReport(awaitDone("Mixed.csv"));

        assertThat(rows).extracting(ReportRow::outcome).containsExactly("imported", "rejected", "imported");
        assertThat(rows.get(1).reason()).startsWith("not valid UTF-8: byte 0xE9 ('\u00e9' in Windows-1252) at line 3, character 15");
        Map<String, String> names = simulator.group(simulator.token(), "Mixed").contacts().stream()
                .collect(Collectors.toMap(GroupSnapshot.ContactSnapshot::phone, c -> c.fields().get("FIRST_NAME")));
        assertThat(names).containsOnly(Map.entry("255712000001", "Jos\u00e9"), Map.entry("255712000003", "Zo\u00eb"));
    }

    @Test
    void extraCellsAndFieldsTheGroupLacksAreNotedPerRow() throws Exception {
        existingGroup("Noted"); // defines COMPANY only
        drop(inbox(), "Noted.csv", String.join("\n",
                "phone,first name,Company,Notes",
                "0712000001,Asha,Acme,vip,EXTRA",
                "0712000002,Baraka,Beta,,",
                "12345,Bad,,,more",
                ""), StandardCharsets.UTF_8);
        List<ReportRow> rows = readReport(awaitDone("Noted.csv"));

        assertThat(rows).extracting(ReportRow::outcome).containsExactly("imported", "imported", "rejected");
        assertThat(rows.get(0).note()).isEqualTo("1 cell not imported: column 5 (beyond the header's 4 columns) 'EXTRA';"
                + " not stored: group 'Noted' has no field NOTES (add it in Contacts -> Fields to keep such values; named once per file)");
        assertThat(rows.get(1).note()).as("nothing lost: empty leftovers and no NOTES value").isEmpty();
        assertThat(rows.get(2).note()).isEqualTo("1 cell not imported: column 5 (beyond the header's 4 columns) 'more'");
        GroupSnapshot group = simulator.group(simulator.token(), "Noted");
        assertThat(group.contacts()).extracting(c -> c.fields().get("COMPANY")).containsExactlyInAnyOrder("Acme", "Beta");
        assertThat(group.contacts()).allSatisfy(c -> assertThat(c.fields()).doesNotContainKey("NOTES"));
    }
    @Test
    void columnsMapToTheGroupsCustomFieldsAndAnUnmatchedOneIsNamedOncePerFile() throws Exception {
        String uid = existingGroup("Fields"); // defines COMPANY
        simulator.defineField(uid, "CUSTOM_1", false);
        drop(inbox(), "Fields.csv", String.join("\n",
                "Phone,company,Custom 1,Shoe size",
                "0712000001,Acme,gold,42",
                "0712000002,Beta,silver,43",
                "0712000003,Gamma,bronze,44",
                ""), StandardCharsets.UTF_8);
        List<ReportRow> rows = readReport(awaitDone("Fields.csv"));

        assertThat(rows).extracting(ReportRow::outcome).containsOnly("imported");
        GroupSnapshot group = simulator.group(simulator.token(), "Fields");
        Map<String, Map<String, String>> fields = group.contacts().stream()
                .collect(Collectors.toMap(GroupSnapshot.ContactSnapshot::phone, GroupSnapshot.ContactSnapshot::fields));
        assertThat(fields.get("255712000001")).containsEntry("COMPANY", "Acme").containsEntry("CUSTOM_1", "gold").doesNotContainKey("SHOE_SIZE");
        assertThat(fields.get("255712000002")).containsEntry("COMPANY", "Beta").containsEntry("CUSTOM_1", "silver");
        assertThat(fields.get("255712000003")).containsEntry("COMPANY", "Gamma").containsEntry("CUSTOM_1", "bronze");
        // the column no field takes is named in the report, once for the file
        assertThat(rows).filteredOn(r -> r.note().contains("SHOE_SIZE")).hasSize(1).first()
                .extracting(ReportRow::note).isEqualTo("not stored: group 'Fields' has no field SHOE_SIZE"
                        + " (add it in Contacts -> Fields to keep such values; named once per file)");
        assertThat(rows).filteredOn(r -> !r.note().contains("SHOE_SIZE")).allSatisfy(r -> assertThat(r.note()).isEmpty());
    }
}
