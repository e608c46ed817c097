package dev.camelampenet.phonebook.csvimport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import dev.camelampenet.phonebook.csvimport.ImportFiles.ReportRow;
import dev.camelampenet.simulator.AmpenetSimulator;
import dev.camelampenet.simulator.Fault;
import dev.camelampenet.simulator.FaultSettings;
import dev.camelampenet.simulator.GroupSnapshot;
import org.junit.jupiter.api.Test;

import static dev.camelampenet.phonebook.csvimport.ImportFiles.drop;
import static dev.camelampenet.phonebook.csvimport.ImportFiles.readReport;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CSV import's row of the fault matrix: every fault the simulator can inject on the stores of a 60-row file
 * (the fault strikes the first store; rows run in parallel, so others are in flight around it). Counted from the
 * simulator's group against the file's report: dup (a number stored twice), lost (a row neither in the group nor
 * reported rejected), misreported (in the group but reported rejected, or reported imported with another uid), and
 * uncertain (rows the import had to reconcile: a lost answer it looked up in the group).
 */
class CsvFaultMatrixTest extends CsvImportTestSupport {

    private static final int ROWS = 60;

    @Override
    protected String dsl() {
        return "java";
    }

    private record Injection(String name, BiConsumer<AmpenetSimulator, String> inject, boolean lasting) {
    }

    private static Injection once(String name, Fault fault) {
        return new Injection(name, (s, path) -> s.nextFault(fault, 1, path), false);
    }

    private static List<Injection> faults() {
        return List.of(
                once("drop before acting", Fault.DROP_BEFORE),
                once("drop after acting", Fault.DROP_AFTER),
                once("HTTP 500 before acting", Fault.HTTP_500),
                once("HTML 200 after acting", Fault.HTML_AFTER),
                once("error body after acting", Fault.ERROR_AFTER),
                once("truncated body after acting", Fault.TRUNCATED_AFTER),
                new Injection("throttle burst (5)", (s, path) -> s.nextFault(Fault.THROTTLE, 5, path), false),
                new Injection("latency past the timeout", (s, path) -> s.setFaults(new FaultSettings(1_500, 0, 0, 0, 0, path, 0)), true));
    }

    private record Cell(int dup, int lost, int misreported, int uncertain, int rows) {
        @Override
        public String toString() {
            return dup + "/" + lost + "/" + misreported + "/" + uncertain;
        }
    }

    /** A short request timeout, so "latency past the timeout" is quick. */
    @Override
    protected void moreProperties(java.util.Properties p) {
        p.put("camel.component.ampenet.request-timeout", "400");
    }

    @Test
    void noFaultDuplicatesLosesOrMisreportsARow() throws Exception {
        Map<String, Cell> table = new LinkedHashMap<>();
        int n = 0;
        for (Injection fault : faults()) {
            table.put(fault.name(), importWith(fault, "Matrix" + n++));
        }

        StringBuilder printed = new StringBuilder(String.format(
                "%nFault matrix, the CSV import (dup/lost/misreported/uncertain rows), counted from the simulator:%n"));
        table.forEach((fault, cell) -> printed.append(String.format("%-28s| %s%n", fault, cell)));
        System.out.println(printed);

        table.forEach((fault, cell) -> {
            assertThat(cell.rows()).as(fault + ": every row in the report").isEqualTo(ROWS);
            assertThat(cell.dup()).as(fault + ": duplicates").isZero();
            assertThat(cell.lost()).as(fault + ": lost").isZero();
            assertThat(cell.misreported()).as(fault + ": misreported").isZero();
        });
    }

    private Cell importWith(Injection fault, String name) throws Exception {
        simulator.reset();
        String gid = existingGroup(name);
        StringBuilder csv = new StringBuilder("phone,first name\n");
        for (int i = 0; i < ROWS; i++) {
            csv.append(String.format("0716%06d,Row %d%n", i, i));
        }
        fault.inject().accept(simulator, "/contacts/" + gid + "/store");
        drop(inbox(), name + ".csv", csv.toString(), StandardCharsets.UTF_8);
        if (fault.lasting()) {
            // the rows in flight meet the latency; lift it once the first of them has landed on the server
            ImportFiles.await("a store under latency", Duration.ofSeconds(60),
                    () -> simulator.journal().stream().anyMatch(e -> e.path().endsWith("/store")));
            simulator.setFaults(FaultSettings.NONE);
        }
        List<ReportRow> report = readReport(awaitDone(name + ".csv"));

        GroupSnapshot group = simulator.group(simulator.token(), name);
        Map<String, Integer> stored = new HashMap<>();
        Map<String, String> uidOf = new HashMap<>();
        for (GroupSnapshot.ContactSnapshot c : group.contacts()) {
            stored.merge(c.phone(), 1, Integer::sum);
            uidOf.put(c.phone(), c.uid());
        }
        int dup = (int) stored.values().stream().filter(v -> v > 1).count();
        int lost = 0;
        int misreported = 0;
        int uncertain = 0;
        for (ReportRow row : report) {
            boolean inGroup = stored.containsKey(row.number());
            switch (row.outcome()) {
                case "imported":
                    lost += inGroup ? 0 : 1;
                    misreported += inGroup && !uidOf.get(row.number()).equals(row.contactUid()) ? 1 : 0;
                    uncertain += row.reason() != null && row.reason().contains("lost its answer") ? 1 : 0;
                    break;
                case "duplicate":
                    // the group was empty before the file: a duplicate can only be this import's own row
                    misreported += 1;
                    break;
                default: // rejected with its reason: accounted for, unless the contact is there after all
                    misreported += inGroup ? 1 : 0;
            }
        }
        return new Cell(dup, lost, misreported, uncertain, report.size());
    }
}
