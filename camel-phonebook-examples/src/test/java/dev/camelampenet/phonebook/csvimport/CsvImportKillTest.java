package dev.camelampenet.phonebook.csvimport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.camelampenet.phonebook.PhonebookApplication;
import dev.camelampenet.phonebook.csvimport.ImportFiles.ReportRow;
import dev.camelampenet.simulator.AmpenetSimulator;
import dev.camelampenet.simulator.GroupSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.camelampenet.phonebook.csvimport.ImportFiles.await;
import static dev.camelampenet.phonebook.csvimport.ImportFiles.drop;
import static dev.camelampenet.phonebook.csvimport.ImportFiles.readReport;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real kill: the application runs in a child JVM (as users start it, with the API given by AMPENET_API_TOKEN and
 * AMPENET_BASE_URL) against a simulator in this JVM, is killed with SIGKILL half-way through a 5,000-row file,
 * and started again. Every valid row must end up in the group exactly once and every row in the report.
 */
class CsvImportKillTest {

    static final int ROWS = 5_000;
    static final int CONCURRENCY = 8;
    static final String GROUP = "kill-test";

    @TempDir
    Path work;
    private AmpenetSimulator simulator;
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void cleanUp() throws InterruptedException {
        for (Process p : processes) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (simulator != null) {
            simulator.stop();
        }
    }

    @Test
    void killedHalfWayTheImportResumesWithEveryValidRowOnceAndEveryRowReported() throws Exception {
        simulator = AmpenetSimulator.builder().host("127.0.0.1").port(0).rateLimit(60_000).start();
        Path inbox = work.resolve("inbox");

        // every 50th row invalid, every 70th the number of the row before it
        StringBuilder csv = new StringBuilder("Phone,First name,Last name\n");
        Set<String> expected = new LinkedHashSet<>();
        Set<Long> invalid = new HashSet<>();
        Set<Long> repeats = new HashSet<>();
        String previous = null;
        for (long row = 1; row <= ROWS; row++) {
            String phone;
            if (row % 50 == 0) {
                phone = "12" + row;
                invalid.add(row);
            } else if (row % 70 == 0 && previous != null) {
                phone = previous;
                repeats.add(row);
            } else {
                String local = String.format("0713%06d", row);
                phone = row % 2 == 0 ? local : "+255 " + local.substring(1, 4) + " " + local.substring(4, 7) + " " + local.substring(7);
                expected.add("255" + local.substring(1));
            }
            csv.append(phone).append(",First").append(row).append(",Last").append(row).append('\n');
            previous = invalid.contains(row) ? null : phone;
        }
        drop(inbox, GROUP + ".csv", csv.toString(), StandardCharsets.UTF_8);

        Process first = launch(inbox, "run1.log");
        await("half the rows in the group", Duration.ofSeconds(90), () -> groupSize() >= ROWS / 2 || !first.isAlive());
        assertThat(first.isAlive()).as("the first run is still importing (see target/kill-test/run1.log)").isTrue();
        first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        int atKill = groupSize();
        assertThat(atKill).as("killed half-way").isBetween(ROWS / 2, ROWS - 500);
        assertThat(inbox.resolve(GROUP + ".csv")).as("the file stays in the inbox").exists();
        assertThat(inbox.resolve(".done").resolve(GROUP + ".csv")).doesNotExist();

        Process second = launch(inbox, "run2.log");
        Path doneFile = inbox.resolve(".done").resolve(GROUP + ".csv");
        await("the file in .done/", Duration.ofSeconds(120), () -> Files.exists(doneFile) || !second.isAlive());
        assertThat(doneFile).as("the second run finished (see target/kill-test/run2.log)").exists();
        second.destroy();
        second.waitFor(30, TimeUnit.SECONDS);

        // every valid row in the group exactly once: the group holds exactly the expected numbers
        GroupSnapshot group = simulator.group(simulator.token(), GROUP);
        List<String> phones = group.contacts().stream().map(GroupSnapshot.ContactSnapshot::phone).collect(Collectors.toList());
        assertThat(phones).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);

        // every row in the report, once, with one outcome
        List<ReportRow> rows = readReport(inbox.resolve(".done").resolve(GROUP + ".report.csv"));
        assertThat(rows).hasSize(ROWS);
        assertThat(rows.stream().map(ReportRow::row).collect(Collectors.toList()))
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, ROWS).boxed().collect(Collectors.toList()));
        Map<String, Long> counts = rows.stream().collect(Collectors.groupingBy(ReportRow::outcome, Collectors.counting()));
        assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(ROWS);
        assertThat(counts.keySet()).containsOnly("imported", "duplicate", "rejected");

        // every valid row imported with the uid of its contact, also the rows in flight when the first run was killed:
        // sent again, answered "already taken", looked for in the group and found with their own data
        Map<String, String> uidByPhone = new HashMap<>();
        group.contacts().forEach(c -> uidByPhone.put(c.phone(), c.uid()));
        int lostAnswers = 0;
        for (ReportRow r : rows) {
            if (invalid.contains(r.row())) {
                assertThat(r.outcome()).as("row %s", r.row()).isEqualTo("rejected");
            } else if (repeats.contains(r.row())) {
                assertThat(r.outcome()).as("row %s", r.row()).isEqualTo("duplicate");
                assertThat(r.reason()).isEqualTo("same number as row " + (r.row() - 1));
            } else {
                assertThat(r.outcome()).as("row %s", r.row()).isEqualTo("imported");
                assertThat(r.contactUid()).as("row %s", r.row()).isEqualTo(uidByPhone.get(r.number()));
                if (r.reason().contains("an earlier call for this row lost its answer")) {
                    lostAnswers++;
                }
            }
        }
        assertThat(lostAnswers).isLessThanOrEqualTo(CONCURRENCY);
        assertThat(counts.get("imported")).isEqualTo(expected.size());
        assertThat(counts.get("rejected")).isEqualTo(invalid.size());

        String log2 = Files.readString(Path.of("target", "kill-test", "run2.log"));
        assertThat(log2).contains(GROUP + ".csv: resuming into group '" + GROUP + "'").contains("resumed after");
    }

    private int groupSize() {
        return simulator.groups(simulator.token()).stream().filter(g -> g.name().equals(GROUP))
                .mapToInt(GroupSnapshot::size).findFirst().orElse(0);
    }

    /** The application in its own JVM, capped as the docs recommend for big files, talking to our simulator. */
    private Process launch(Path inbox, String log) throws IOException {
        Path logs = Path.of("target", "kill-test");
        Files.createDirectories(logs);
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", classpath, PhonebookApplication.class.getName(),
                "--phonebook.inbox=" + inbox,
                "--phonebook.alerts.enabled=false",
                "--phonebook.concurrency=" + CONCURRENCY,
                "--phonebook.poll-delay=200",
                "--phonebook.read-lock-interval=200",
                "--phonebook.progress-interval=1000",
                "--ampenet.rate-limit=30000");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve(log).toFile());
        builder.environment().put("AMPENET_API_TOKEN", simulator.token());
        builder.environment().put("AMPENET_BASE_URL", simulator.baseUrl());
        Process process = builder.start();
        processes.add(process);
        return process;
    }
}
