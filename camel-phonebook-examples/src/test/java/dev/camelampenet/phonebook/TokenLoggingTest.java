package dev.camelampenet.phonebook;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.camelampenet.simulator.AmpenetSimulator;
import dev.camelampenet.simulator.GroupSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API token is in no line the application writes, Camel Main's startup summaries included: the application runs
 * in a JVM of its own, as a user starts it, with its shipped application.properties and log4j2.properties, and every
 * byte of its stdout and stderr is read.
 * <p>
 * It is given the token each way a user can (the {@code AMPENET_API_TOKEN} variable, the {@code ampenet.api-token}
 * property, the component's own {@code camel.component.ampenet.api-token}) and imports a one-row CSV into a
 * simulator that accepts only that token, so the token was resolved, configured and sent. Camel Main lists the
 * resolved {@code ampenet.api-token} in its "Property-placeholders summary" at INFO, and a literal
 * {@code camel.component.ampenet.api-token} in its "Auto-configuration summary": the test insists on seeing those
 * lines with the value masked, so it cannot pass because nothing was logged. Without
 * {@code camel.main.additional-sensitive-keywords = apitoken} in application.properties it fails.
 */
class TokenLoggingTest {

    /** Distinctive, so a hit is never a coincidence; the part after the '|' is looked for on its own too. */
    private static final String SECRET = "TokenSecretXyzQ8vW3";
    private static final String TOKEN = "77|" + SECRET;

    enum Way {
        /** AMPENET_API_TOKEN and AMPENET_BASE_URL, as the README and application.properties say. */
        ENVIRONMENT(true, "ampenet.api-token = xxxxxx"),
        /** --ampenet.api-token=... on the command line. */
        ARGUMENT(true, "ampenet.api-token = xxxxxx"),
        /**
         * -Dcamel.component.ampenet.api-token=...: the component option itself, with no placeholder in between. Only at
         * INFO for org.apache.camel.main: at DEBUG Camel Main prints such a literal option value unmasked ("Configured
         * property: ..."), which the component doc says and which no setting changes.
         */
        COMPONENT_PROPERTY(false, "camel.component.ampenet.apiToken = xxxxxx");

        final boolean camelMainAtDebug;
        final String maskedLine;

        Way(boolean camelMainAtDebug, String maskedLine) {
            this.camelMainAtDebug = camelMainAtDebug;
            this.maskedLine = maskedLine;
        }
    }

    @TempDir
    Path dir;

    private AmpenetSimulator simulator;
    private Process process;

    @BeforeEach
    void startTheApi() {
        simulator = AmpenetSimulator.builder().host("127.0.0.1").port(0).token(TOKEN).start();
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        simulator.stop();
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void theTokenIsInNoLineOfTheOutput(Way way) throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Path log = dir.resolve("app.log");

        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx384m");
        cmd.add("-Dlog4j2.configurationFile=" + logConfig(way.camelMainAtDebug));
        if (way == Way.COMPONENT_PROPERTY) {
            cmd.add("-Dcamel.component.ampenet.api-token=" + TOKEN);
            cmd.add("-Dcamel.component.ampenet.base-url=" + simulator.baseUrl());
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(PhonebookApplication.class.getName());
        cmd.add("--phonebook.inbox=" + inbox);
        cmd.add("--phonebook.alerts.work-dir=" + dir.resolve("alerts"));
        cmd.add("--phonebook.broker.port=-1");
        cmd.add("--phonebook.poll-delay=200");
        cmd.add("--phonebook.read-lock-interval=100");
        if (way == Way.ARGUMENT) {
            cmd.add("--ampenet.api-token=" + TOKEN);
            cmd.add("--ampenet.base-url=" + simulator.baseUrl());
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = pb.environment();
        env.remove("AMPENET_API_TOKEN");
        env.remove("AMPENET_BASE_URL");
        env.remove("BROKER_URL");
        if (way == Way.ENVIRONMENT) {
            env.put("AMPENET_API_TOKEN", TOKEN);
            env.put("AMPENET_BASE_URL", simulator.baseUrl());
        }
        process = pb.start();

        // The CSV goes in once Camel Main has started the context (its "Await shutdown" line comes after), not before:
        // a file already there is read while the context is still starting, and an ampenet: endpoint first used in
        // that window can stay unstarted (Camel hands it to a startup listener that may already have run), so the
        // import pauses for good with "client is null". That is the import's problem, not this test's subject.
        await(Duration.ofSeconds(180), log, () -> read(log).contains("Await shutdown to complete"), "the start");
        Path csv = dir.resolve("friends.csv.part");
        Files.writeString(csv, "phone,first_name\n0712345678,Asha\n", StandardCharsets.UTF_8);
        Files.move(csv, inbox.resolve("friends.csv"), StandardCopyOption.ATOMIC_MOVE); // one contacts/store call

        // the row reached the simulator, which only answers that token: the token went all the way
        await(Duration.ofSeconds(120), log, this::contactStored, "the CSV row stored in the simulator");
        process.destroy(); // SIGTERM: the shutdown lines are read too
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        String out = read(log);

        assertThat(out).as(redacted(tail(out))).contains("Property-placeholders summary");
        assertThat(Pattern.compile("\\]\\s+" + Pattern.quote(way.maskedLine) + "\\s*$", Pattern.MULTILINE).matcher(out).find())
                .as("a summary line '%s' in:%n%s", way.maskedLine, redacted(tail(out))).isTrue();
        if (way.camelMainAtDebug) {
            assertThat(out).as("Camel Main's DEBUG lines").contains("DEBUG BaseMainSupport");
        }
        List<String> leaks = out.lines().filter(l -> l.contains(TOKEN) || l.contains(SECRET)).collect(Collectors.toList());
        assertThat(leaks.size()).as("lines with the token (redacted):%n%s", redacted(String.join("\n", leaks))).isZero();
    }

    private boolean contactStored() {
        return simulator.groups(TOKEN).stream().mapToInt(GroupSnapshot::size).sum() >= 1;
    }

    /**
     * The application's own log4j2.properties as it ships, plus DEBUG for the project (the component's request lines) and, where
     * asked, for Camel Main (the summaries' DEBUG half).
     */
    private Path logConfig(boolean camelMainAtDebug) throws IOException {
        String shipped;
        try (InputStream in = PhonebookApplication.class.getResourceAsStream("/log4j2.properties")) {
            assertThat(in).as("the application's log4j2.properties").isNotNull();
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder config = new StringBuilder(shipped).append('\n')
                .append("logger.tokenTestProject.name = dev.camelampenet\n")
                .append("logger.tokenTestProject.level = DEBUG\n")
                // "Await shutdown to complete": Camel Main has started everything (see the test)
                .append("logger.tokenTestStarted.name = org.apache.camel.main.SimpleMainShutdownStrategy\n")
                .append("logger.tokenTestStarted.level = DEBUG\n");
        if (camelMainAtDebug) {
            config.append("logger.tokenTestMain.name = org.apache.camel.main\n")
                    .append("logger.tokenTestMain.level = DEBUG\n");
        }
        Path file = dir.resolve("log4j2.properties");
        Files.writeString(file, config, StandardCharsets.UTF_8);
        return file;
    }

    private void await(Duration timeout, Path log, BooleanSupplier condition, String what) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            String state = !process.isAlive() ? "the application ended (exit " + process.exitValue() + ")"
                    : System.nanoTime() > end ? "waited " + timeout : null;
            if (state != null) {
                throw new AssertionError(state + " without " + what + ":\n" + redacted(tail(read(log))));
            }
            Thread.sleep(100);
        }
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tail(String out) {
        return out.length() > 8000 ? out.substring(out.length() - 8000) : out;
    }

    /** Output fit for a failure message: the token never reaches the test report either. */
    static String redacted(String text) {
        return text.replace(TOKEN, "<TOKEN>").replace(SECRET, "<TOKEN-SECRET>");
    }
}
