package dev.camelampenet.phonebook.csvimport;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.camelampenet.phonebook.csvimport.ImportFiles.ReportRow;
import dev.camelampenet.simulator.Fault;
import dev.camelampenet.simulator.GroupSnapshot;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import static dev.camelampenet.phonebook.csvimport.ImportFiles.drop;
import static dev.camelampenet.phonebook.csvimport.ImportFiles.readReport;
import static org.assertj.core.api.Assertions.assertThat;

/** More of the import's behaviour, with the Java DSL routes: group columns, unreadable files, lost answers, pauses. */
class CsvImportBehaviourTest extends CsvImportTestSupport {

    @Override
    protected String dsl() {
        return "java";
    }

    @Test
    void groupColumnSendsEachRowToItsGroupCreatedOnce() throws Exception {
        existingGroup("Sales");
        drop(inbox(), "leads.csv", String.join("\n",
                "phone,name,Group,E-mail",
                "0712000001,Amina,Sales,amina@example.com",
                "0712000002,Bakari,Support,",
                "0712000003,Chiku,,",
                "0712000001,Amina,Support,",
                "0712000004,Dotto,support,",
                ""), StandardCharsets.UTF_8);
        List<ReportRow> rows = readReport(awaitDone("leads.csv"));

        assertThat(rows).extracting(ReportRow::outcome).containsExactly("imported", "imported", "imported", "imported", "imported");
        assertThat(simulator.group(simulator.token(), "Sales").contacts()).extracting(GroupSnapshot.ContactSnapshot::phone)
                .containsExactly("255712000001");
        assertThat(simulator.group(simulator.token(), "Support").contacts()).extracting(GroupSnapshot.ContactSnapshot::phone)
                .containsExactlyInAnyOrder("255712000002", "255712000001", "255712000004");
        assertThat(simulator.group(simulator.token(), "leads").contacts()).extracting(GroupSnapshot.ContactSnapshot::phone)
                .containsExactly("255712000003");
        assertThat(simulator.groups(simulator.token())).extracting(GroupSnapshot::name)
                .containsExactlyInAnyOrder("Sales", "Support", "leads");
        assertThat(simulator.group(simulator.token(), "Sales").contacts().get(0).fields()).containsEntry("FIRST_NAME", "Amina");
        // the ampenet component's meters are in the application's registry, and agree with what the API received
        MeterRegistry meters = context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
        long stores = simulator.journal().stream().filter(j -> j.path().endsWith("/store") && !j.isError()).count();
        assertThat(meters.get("ampenet.calls").tag("operation", "contacts/store").tag("outcome", "ok").counter().count())
                .isEqualTo(stores).isEqualTo(5);
    }

    @Test
    void brokenQuotingMidFileFailsTheFileButReportsTheRowsBefore() throws Exception {
        drop(inbox(), "broken.csv", "phone,first name\n0712000001,Asha\n0712000002,\"Baraka\n0712000003,Chiku\n",
                StandardCharsets.UTF_8);
        Path reason = ImportFiles.awaitFile(inbox().resolve(".failed").resolve("broken.reason.txt"), WAIT);

        assertThat(Files.readString(reason)).contains("cannot be read after row 1").contains("see broken.report.csv");
        List<ReportRow> rows = readReport(inbox().resolve(".failed").resolve("broken.report.csv"));
        assertThat(rows).extracting(ReportRow::row, ReportRow::outcome).containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "imported"));
        assertThat(simulator.group(simulator.token(), "broken").size()).isEqualTo(1);
    }

    @Test
    void windows1252TabSeparatedExportIsRead() throws Exception {
        drop(inbox(), "Caf\u00e9 regulars.csv", "Phone\tFirst name\tLast name\r\n0712000001\tJos\u00e9\tM\u00fcller\r\n",
                Charset.forName("windows-1252"));
        List<ReportRow> rows = readReport(awaitDone("Caf\u00e9 regulars.csv"));

        assertThat(rows).extracting(ReportRow::outcome).containsExactly("imported");
        assertThat(simulator.group(simulator.token(), "Caf\u00e9 regulars").contacts().get(0).fields())
                .containsEntry("FIRST_NAME", "Jos\u00e9").containsEntry("LAST_NAME", "M\u00fcller");
    }

    @Test
    void lostAnswersOfSeveralRowsAreEachReconciledAndEveryContactExistsOnce() throws Exception {
        String gid = existingGroup("Lost");
        simulator.nextFault(Fault.HTML_AFTER, 3, "/contacts/" + gid + "/store");
        drop(inbox(), "Lost.csv", "phone\n0712000001\n0712000002\n0712000003\n0712000004\n", StandardCharsets.UTF_8);
        List<ReportRow> rows = readReport(awaitDone("Lost.csv"));

        List<GroupSnapshot.ContactSnapshot> contacts = simulator.group(simulator.token(), "Lost").contacts();
        assertThat(contacts).extracting(GroupSnapshot.ContactSnapshot::phone)
                .containsExactlyInAnyOrder("255712000001", "255712000002", "255712000003", "255712000004");
        assertThat(rows).hasSize(4).extracting(ReportRow::outcome).containsOnly("imported");
        for (ReportRow r : rows) {
            assertThat(r.contactUid()).as("row %s", r.row()).isEqualTo(contacts.stream()
                    .filter(c -> c.phone().equals(r.number())).findFirst().orElseThrow().uid());
        }
        assertThat(rows).filteredOn(r -> r.reason().contains("lost its answer")).hasSize(3);
    }

    @Test
    void aNewGroupIsLookedUpAndCreatedOnceWhileItsRowsAreInFlight() throws Exception {
        StringBuilder csv = new StringBuilder("phone,group\n");
        for (int i = 1; i <= 40; i++) {
            csv.append(String.format("07120%05d", i)).append(',').append(i % 2 == 0 ? "Even" : "odd").append('\n');
        }
        drop(inbox(), "many.csv", csv.toString(), StandardCharsets.UTF_8);
        List<ReportRow> rows = readReport(awaitDone("many.csv"));

        assertThat(rows).hasSize(40).extracting(ReportRow::outcome).containsOnly("imported");
        assertThat(simulator.groups(simulator.token())).extracting(GroupSnapshot::name, GroupSnapshot::size)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("Even", 20), org.assertj.core.groups.Tuple.tuple("odd", 20));
        assertThat(simulator.journal()).as("one groups/list and one groups/create per group")
                .filteredOn(e -> e.path().endsWith("/api/v3/contacts")).hasSize(4);
    }

    @Test
    void aStoreStillUncertainWhenTheRepeatsRunOutIsLookedForAndImportedWithItsUid() throws Exception {
        String gid = existingGroup("Uncertain");
        // the store acts, and its answer and the repeat's ("already taken") are both spoiled: the repeats (1 in these
        // tests) run out on an unknown outcome, and the number is looked for in the group
        simulator.nextFault(Fault.HTML_AFTER, 2, "/contacts/" + gid + "/store");
        drop(inbox(), "Uncertain.csv", "phone,first name\n0712000001,Asha\n", StandardCharsets.UTF_8);
        List<ReportRow> rows = readReport(awaitDone("Uncertain.csv"));

        List<GroupSnapshot.ContactSnapshot> contacts = simulator.group(simulator.token(), "Uncertain").contacts();
        assertThat(contacts).extracting(GroupSnapshot.ContactSnapshot::phone).containsExactly("255712000001");
        assertThat(rows).extracting(ReportRow::outcome, ReportRow::contactUid)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("imported", contacts.get(0).uid()));
        assertThat(simulator.journal()).filteredOn(e -> e.path().endsWith("/store")).hasSize(2);
        assertThat(simulator.journal()).filteredOn(e -> e.path().endsWith("/all")).isNotEmpty();
    }

    @Test
    void aGroupLookupThatCannotReachTheApiPausesTheFileAndItsWaitingRowsAreSentOnResume() throws Exception {
        // groups/list (GET /contacts) gets no answer, more often than the component's retry and the row's redelivery
        // allow: the file's first row fails without an outcome, the rows waiting for the group stop, the file pauses
        simulator.nextFault(Fault.DROP_BEFORE, 8, "/contacts"); // the JDK client repeats a GET once by itself
        StringBuilder csv = new StringBuilder("phone\n");
        for (int i = 1; i <= 12; i++) {
            csv.append(String.format("07120%05d", i)).append('\n');
        }
        drop(inbox(), "Waiting.csv", csv.toString(), StandardCharsets.UTF_8);
        List<ReportRow> rows = readReport(awaitDone("Waiting.csv"));

        io.micrometer.core.instrument.MeterRegistry meters = context.getRegistry()
                .lookupByNameAndType("metricsRegistry", io.micrometer.core.instrument.MeterRegistry.class);
        assertThat(meters.get(ImportMetrics.FILES).tag("result", "paused").counter().count()).isGreaterThanOrEqualTo(1.0);
        assertThat(rows).hasSize(12).extracting(ReportRow::outcome).containsOnly("imported");
        assertThat(simulator.groups(simulator.token())).extracting(GroupSnapshot::name, GroupSnapshot::size)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Waiting", 12));
    }
}
