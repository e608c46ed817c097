package dev.camelampenet.phonebook.csvimport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.camelampenet.phonebook.PhonebookApplication;
import dev.camelampenet.phonebook.csvimport.ImportFiles.ReportRow;
import dev.camelampenet.simulator.AmpenetSimulator;
import dev.camelampenet.simulator.GroupSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.camelampenet.phonebook.csvimport.ImportFiles.await;
import static dev.camelampenet.phonebook.csvimport.ImportFiles.readReport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Memory stays bounded for a hostile line: the application in a child JVM with a heap of {@value #HEAP} (less than
 * the 100 MB of characters a 50 MB line takes once read whole; before the bounded reader it took 1 GB of RSS)
 * imports a file holding one, rejects that row with its reason, and imports the rows after it. An
 * OutOfMemoryError ends the child at once, so the failure shows as the process gone, not as a wait.
 */
class CsvLongLineMemoryTest {

    static final String HEAP = "-Xmx48m";

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
    void aFiftyMegabyteLineIsRejectedInASmallHeapAndTheRowsAfterItAreImported() throws Exception {
        simulator = AmpenetSimulator.builder().host("127.0.0.1").port(0).rateLimit(60_000).start();
        Path inbox = work.resolve("inbox");
        Files.createDirectories(inbox);
        Path staging = work.resolve("huge.tmp");
        try (OutputStream out = Files.newOutputStream(staging)) {
            out.write("phone,first name\n0712000001,Asha\n".getBytes(StandardCharsets.UTF_8));
            byte[] chunk = "x,".repeat(512 * 1024).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 50; i++) {
                out.write(chunk); // 50 MB, one line of 26 million cells
            }
            out.write("\n0712000003,Chiku\n0712000004,Dotto\n".getBytes(StandardCharsets.UTF_8));
        }
        Files.move(staging, inbox.resolve("huge.csv"), StandardCopyOption.ATOMIC_MOVE);

        Process app = launch(inbox);
        Path done = inbox.resolve(".done").resolve("huge.csv");
        await("huge.csv in .done/", Duration.ofSeconds(120), () -> Files.exists(done) || !app.isAlive());
        assertThat(app.isAlive()).as("the application is still running (see target/long-line-test/app.log)").isTrue();
        assertThat(done).exists();

        List<ReportRow> rows = readReport(inbox.resolve(".done").resolve("huge.report.csv"));
        assertThat(rows).extracting(ReportRow::row, ReportRow::outcome).containsExactly(
                tuple(1L, "imported"), tuple(2L, "rejected"), tuple(3L, "imported"), tuple(4L, "imported"));
        assertThat(rows.get(1).reason()).startsWith("line 3 is 52,428,800 characters long, more than the limit of 65,536");
        assertThat(simulator.group(simulator.token(), "huge").contacts()).extracting(GroupSnapshot.ContactSnapshot::phone)
                .containsExactlyInAnyOrder("255712000001", "255712000003", "255712000004");
    }

    private Process launch(Path inbox) throws IOException {
        Path logs = Path.of("target", "long-line-test");
        Files.createDirectories(logs);
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-XX:+ExitOnOutOfMemoryError", "-cp", classpath, PhonebookApplication.class.getName(),
                "--phonebook.inbox=" + inbox,
                "--phonebook.alerts.enabled=false",
                "--phonebook.poll-delay=200",
                "--phonebook.read-lock-interval=200");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve("app.log").toFile());
        builder.environment().put("AMPENET_API_TOKEN", simulator.token());
        builder.environment().put("AMPENET_BASE_URL", simulator.baseUrl());
        Process process = builder.start();
        processes.add(process);
        return process;
    }
}
