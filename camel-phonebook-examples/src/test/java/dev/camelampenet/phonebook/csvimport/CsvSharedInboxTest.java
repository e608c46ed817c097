package dev.camelampenet.phonebook.csvimport;

import dev.camelampenet.phonebook.store.PostgresServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import dev.camelampenet.phonebook.PhonebookApplication;
import dev.camelampenet.phonebook.csvimport.ImportFiles.ReportRow;
import dev.camelampenet.simulator.AmpenetSimulator;
import dev.camelampenet.simulator.GroupSnapshot;
import dev.camelampenet.simulator.JournalEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static dev.camelampenet.phonebook.csvimport.ImportFiles.await;
import static dev.camelampenet.phonebook.csvimport.ImportFiles.drop;
import static dev.camelampenet.phonebook.csvimport.ImportFiles.readReport;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Active-active: two instances of the application, each in its own JVM as users start it, watch one inbox and share
 * one PostgreSQL flow store ({@code phonebook.store.url}); the simulator runs in this JVM and counts what reached the
 * API. A file is imported by one instance at a time, exactly once; when the instance holding a file is killed
 * (SIGKILL), the other takes it over after {@code phonebook.import.takeover-after} and finishes it from the shared
 * ledger, without storing a settled row again.
 */
class CsvSharedInboxTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    static final int ROWS = 2_000;
    static final int CONCURRENCY = 4;
    /** Short for the test (the default is 30 s); the claim's keep-alive is a third of it. */
    static final Duration TAKEOVER = Duration.ofSeconds(6);
    /** Beyond the takeover: the survivor's next poll, the changed-file check, the ledger read, JIT on a shared CPU. */
    static final Duration SLACK = Duration.ofSeconds(20);

    @TempDir
    Path work;
    private AmpenetSimulator simulator;
    private Path inbox;
    private Path logs;
    private String storeUrl;
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void setUp(TestInfo test) throws Exception {
        simulator = AmpenetSimulator.builder().host("127.0.0.1").port(0).rateLimit(120_000).start();
        inbox = work.resolve("inbox");
        Files.createDirectories(inbox);
        storeUrl = POSTGRES.url(POSTGRES.createDatabase("shared"));
        logs = Path.of("target", "csv-shared-inbox", test.getTestMethod().orElseThrow().getName()
                + test.getDisplayName().replaceAll("[^A-Za-z0-9]+", "-"));
        Files.createDirectories(logs);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        for (Process p : processes) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (simulator != null) {
            simulator.stop();
        }
    }

    @Test
    void twoInstancesImportA2000RowFileExactlyOnce() throws Exception {
        Instance a = launch("a", 30_000);
        Instance b = launch("b", 30_000); // the YAML DSL routes: both read locks are wired alike
        a.awaitStarted();
        b.awaitStarted();
        Set<String> expected = dropFile("exactly-once");

        Path done = inbox.resolve(".done").resolve("exactly-once.csv");
        await("the file in .done/", Duration.ofSeconds(120), () -> Files.exists(done) || !a.alive() || !b.alive());
        assertThat(done).as("imported (logs in %s)", logs).exists();

        assertEveryRowOnce("exactly-once", expected);
        // one instance imported it, start to end; the other never opened it
        int opened = (a.log().contains("exactly-once.csv: importing about") ? 1 : 0)
                + (b.log().contains("exactly-once.csv: importing about") ? 1 : 0);
        assertThat(opened).as("opened by one instance").isEqualTo(1);
        assertThat(a.log() + b.log()).doesNotContain("exactly-once.csv: resuming");
        // every valid number stored once: no contacts/store went out twice
        Map<String, Long> stores = storesPerNumber();
        assertThat(stores.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(stores.values()).allMatch(n -> n == 1);
    }

    @RepeatedTest(3)
    void whenTheInstanceHoldingAFileIsKilledTheOtherTakesItOverAndStoresNoSettledRowAgain(RepetitionInfo repetition)
            throws Exception {
        // slow enough (100 stores a second per instance) that the kill lands in the middle of the file
        Instance a = launch("a", 6_000);
        Instance b = launch("b", 6_000);
        a.awaitStarted();
        b.awaitStarted();
        Set<String> expected = dropFile("takeover");

        await("an instance importing the file", Duration.ofSeconds(60), () -> a.has("takeover.csv: importing about")
                || b.has("takeover.csv: importing about"));
        Instance holder = a.has("takeover.csv: importing about") ? a : b;
        Instance survivor = holder == a ? b : a;
        await("300 rows in the group", Duration.ofSeconds(60), () -> groupSize() >= 300 || !holder.alive());
        assertThat(holder.alive()).as("still importing (see %s)", holder.logFile).isTrue();
        holder.kill();
        long killedAt = System.nanoTime();
        int atKill = groupSize();
        assertThat(atKill).as("killed in the middle").isBetween(300, ROWS - 300);
        Map<String, Long> storesBeforeKill = storesPerNumber();

        Duration takeoverBound = TAKEOVER.plus(SLACK);
        await("the survivor resuming the file", takeoverBound, () -> survivor.has("takeover.csv: resuming"));
        Duration tookOver = Duration.ofNanos(System.nanoTime() - killedAt);
        assertThat(tookOver).as("taken over within the takeover time plus slack").isLessThan(takeoverBound);

        Path done = inbox.resolve(".done").resolve("takeover.csv");
        await("the file in .done/", Duration.ofSeconds(120), () -> Files.exists(done) || !survivor.alive());
        assertThat(done).as("finished by the survivor (see %s)", survivor.logFile).exists();
        assertThat(survivor.log()).contains("takeover.csv: done:").contains("resumed after");

        assertEveryRowOnce("takeover", expected);
        // counted at the API: a number stored before the kill is sent again only when its row had no outcome yet
        // (its store was in flight when the holder died: at most one window of rows), and then it is found in the
        // group ("already taken"), not stored twice
        Map<String, Long> stores = storesPerNumber();
        assertThat(stores.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        List<String> sentAgain = stores.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        assertThat(sentAgain).as("sent twice: only rows in flight at the kill").hasSizeLessThanOrEqualTo(CONCURRENCY)
                .allMatch(storesBeforeKill::containsKey);
        assertThat(stores.values()).allMatch(n -> n <= 2);
        assertThat(successfulStores()).as("each number created once").isEqualTo(expected.size());
        System.out.printf("takeover %d: killed at %d rows, resumed after %d ms, %d rows sent again%n",
                repetition.getCurrentRepetition(), atKill, tookOver.toMillis(), sentAgain.size());
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    /** A 2,000-row file: every 50th row invalid, every 70th the number of the row before it. */
    private Set<String> dropFile(String group) throws IOException {
        StringBuilder csv = new StringBuilder("Phone,First name,Last name\n");
        Set<String> expected = new LinkedHashSet<>();
        String previous = null;
        for (long row = 1; row <= ROWS; row++) {
            String phone;
            boolean invalid = false;
            if (row % 50 == 0) {
                phone = "12" + row;
                invalid = true;
            } else if (row % 70 == 0 && previous != null) {
                phone = previous;
            } else {
                phone = String.format("0714%06d", row);
                expected.add("255" + phone.substring(1));
            }
            csv.append(phone).append(",First").append(row).append(",Last").append(row).append('\n');
            previous = invalid ? null : phone;
        }
        drop(inbox, group + ".csv", csv.toString(), StandardCharsets.UTF_8);
        return expected;
    }

    private void assertEveryRowOnce(String group, Set<String> expected) throws IOException {
        GroupSnapshot snapshot = simulator.group(simulator.token(), group);
        List<String> phones = snapshot.contacts().stream().map(GroupSnapshot.ContactSnapshot::phone).toList();
        assertThat(phones).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        List<ReportRow> rows = readReport(inbox.resolve(".done").resolve(group + ".report.csv"));
        assertThat(rows.stream().map(ReportRow::row).toList())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, ROWS).boxed().toList());
        Map<String, Long> counts = rows.stream().collect(Collectors.groupingBy(ReportRow::outcome, Collectors.counting()));
        assertThat(counts.get("imported")).isEqualTo(expected.size());
        Map<String, String> uidByPhone = new HashMap<>();
        snapshot.contacts().forEach(c -> uidByPhone.put(c.phone(), c.uid()));
        rows.stream().filter(r -> r.outcome().equals("imported"))
                .forEach(r -> assertThat(r.contactUid()).as("row %s", r.row()).isEqualTo(uidByPhone.get(r.number())));
    }

    /** contacts/store requests that reached the simulator, per number (E.164 digits). */
    private Map<String, Long> storesPerNumber() {
        Map<String, Long> counts = new HashMap<>();
        for (JournalEntry e : simulator.journal()) {
            if (e.path().endsWith("/contacts/store") || e.path().endsWith("/store")) {
                String number = numberIn(e.body());
                if (number != null) {
                    counts.merge(number, 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    private long successfulStores() {
        return simulator.journal().stream().filter(e -> e.path().endsWith("/store") && !e.isError()).count();
    }

    private static String numberIn(String body) {
        if (body == null) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("714(\\d{6})").matcher(body);
        return m.find() ? "255714" + m.group(1) : null;
    }

    private int groupSize() {
        return simulator.groups(simulator.token()).stream().filter(g -> g.name().equals("takeover"))
                .mapToInt(GroupSnapshot::size).findFirst().orElse(0);
    }

    /** Instance "a" runs the Java DSL routes, any other the YAML DSL ones: the shared read lock is tested in both. */
    private Instance launch(String name, int ratePerMinute) throws IOException {
        Path log = logs.resolve(name + ".log");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", classpath, PhonebookApplication.class.getName(),
                "--phonebook.inbox=" + inbox,
                "--phonebook.alerts.enabled=false",
                "--phonebook.concurrency=" + CONCURRENCY,
                "--phonebook.poll-delay=200",
                "--phonebook.read-lock-interval=200",
                "--phonebook.progress-interval=1000",
                "--phonebook.store.url=" + storeUrl,
                "--phonebook.store.user=postgres",
                "--phonebook.import.takeover-after=" + TAKEOVER.toSeconds() + "s",
                "--phonebook.import.release-delay=500",
                "--phonebook.routes=" + ("a".equals(name) ? "java" : "yaml"),
                "--ampenet.rate-limit=" + ratePerMinute);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("AMPENET_API_TOKEN", simulator.token());
        builder.environment().put("AMPENET_BASE_URL", simulator.baseUrl());
        Process process = builder.start();
        processes.add(process);
        return new Instance(process, log);
    }

    private record Instance(Process process, Path logFile) {

        String log() throws IOException {
            return Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
        }

        boolean has(String text) {
            try {
                return log().contains(text);
            } catch (IOException e) {
                return false;
            }
        }

        boolean alive() {
            return process.isAlive();
        }

        void awaitStarted() throws InterruptedException, IOException {
            await("instance started (" + logFile + ")", Duration.ofSeconds(60),
                    () -> has("several instances may share the inbox") && has(" started in ") || !alive());
            assertThat(alive()).as("running (see %s)", logFile).isTrue();
        }

        /** SIGKILL: no shutdown hook, no rollback; the claim stays until it ages out. */
        void kill() throws InterruptedException {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
