package dev.camelampenet.ampenet.kamelets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Camel Main application that sends with the {@code ampenet-sms-sink} Kamelet, as docs/kamelets.md describes it
 * ("In a Camel Main application": its application.properties, and the sms-alert route), logs its token nowhere. It
 * runs in a JVM of its own, the token in the {@code AMPENET_TOKEN} environment variable, against a simulator that
 * accepts only that token, and every byte of its stdout and stderr is read, with Camel Main and the component at
 * DEBUG. Camel Main lists the Kamelet's {@code apiToken} in its "Property-placeholders summary" at INFO: the test
 * insists on seeing that line, masked, so it cannot pass because nothing was logged. Without
 * {@code camel.main.additional-sensitive-keywords = apitoken} in the documented file it fails.
 */
class KameletTokenLoggingTest {

    /** Distinctive, so a hit is never a coincidence; the part after the '|' is looked for on its own too. */
    private static final String SECRET = "KameletSecretQz7Wx4";
    private static final String TOKEN = "77|" + SECRET;
    private static final Path DOC = Path.of("..", "docs", "kamelets.md");

    @RegisterExtension
    static AmpenetSimulatorExtension sim = AmpenetSimulatorExtension.with(b -> b.token(TOKEN));

    @TempDir
    Path dir;

    private Process process;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theKameletsTokenIsInNoLineOfACamelMainApplicationsOutput() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("application.properties"),
                block(doc, "<!-- camel-main: application.properties -->\\s*```properties\\n(.*?)```"), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("sms-alert.camel.yaml"),
                block(doc, "<!-- example: sms-alert -->\\s*```yaml\\n(.*?)```"), StandardCharsets.UTF_8);
        Path logConfig = dir.resolve("log4j2.properties");
        Files.writeString(logConfig, String.join("\n",
                "appender.console.type = Console",
                "appender.console.name = console",
                "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = %d{HH:mm:ss.SSS} %-5level %-22.22c{1} - %msg%n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.console.ref = console",
                // the summaries' DEBUG half, and the component's request lines
                "logger.main.name = org.apache.camel.main",
                "logger.main.level = DEBUG",
                "logger.ampenet.name = dev.camelampenet.ampenet",
                "logger.ampenet.level = DEBUG",
                ""), StandardCharsets.UTF_8);
        Path log = dir.resolve("app.log");

        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dlog4j2.configurationFile=" + logConfig,
                // the route file is on the class path (camel/) in an application; here it is a file beside it
                "-Dcamel.main.routes-include-pattern=file:sms-alert.camel.yaml",
                "-cp", System.getProperty("java.class.path"),
                "org.apache.camel.main.Main",
                "-pl", "file:application.properties")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = pb.environment();
        env.put("AMPENET_TOKEN", TOKEN);
        env.put("AMPENET_BASE_URL", sim.baseUrl());
        process = pb.start();

        // both recipients of the example reached the simulator, which only answers that token
        await(Duration.ofSeconds(120), log, () -> sim.simulator().outbox(TOKEN).size() == 2, "the two SMS of the example");
        await(Duration.ofSeconds(60), log, () -> read(log).contains("Property-placeholders summary"), "the summary");
        process.destroy(); // SIGTERM: the shutdown lines are read too
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        String out = read(log);

        assertThat(Pattern.compile("\\.kamelet\\.yaml\\]\\s+apiToken = xxxxxx\\s*$", Pattern.MULTILINE).matcher(out).find())
                .as("the Kamelet's apiToken, masked, in the summary:%n%s", redacted(tail(out))).isTrue();
        assertThat(out).as("Camel Main's DEBUG lines").contains("DEBUG BaseMainSupport");
        List<String> leaks = out.lines().filter(l -> l.contains(TOKEN) || l.contains(SECRET)).collect(Collectors.toList());
        assertThat(leaks.size()).as("lines with the token (redacted):%n%s", redacted(String.join("\n", leaks))).isZero();
    }

    private static String block(String doc, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(doc);
        assertThat(m.find()).as("%s in %s", regex, DOC).isTrue();
        return m.group(1);
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
    private static String redacted(String text) {
        return text.replace(TOKEN, "<TOKEN>").replace(SECRET, "<TOKEN-SECRET>");
    }
}
