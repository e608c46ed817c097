package dev.camelampenet.phonebook.springboot;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.camelampenet.phonebook.store.PostgresServer;
import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API token, and the store's password when there is a store, are in no line the Spring Boot example writes,
 * started as the docs say ({@code AMPENET_API_TOKEN=... java -jar ...}) in a JVM of its own, every byte of its stdout
 * and stderr read.
 * <p>
 * Camel's Spring Boot integration prints no property summary (Camel Main's "Property-placeholders summary" is not
 * there), and Spring Boot prints no property values, so there is no masked line to insist on here. What the test
 * holds instead is a run where the token would show if anything printed it: Spring Boot's own {@code --debug} (its
 * core loggers at DEBUG and the condition report), Camel and the project at DEBUG (the component's request lines),
 * an alert sent through the account and its health check read, against a simulator that answers only that token.
 */
class TokenLoggingTest {

    /** Distinctive, so a hit is never a coincidence; the part after the '|' is looked for on its own too. */
    private static final String SECRET = "BootSecretTk5Rm9";
    private static final String TOKEN = "77|" + SECRET;

    /** The store's password: distinctive too. The test server trusts 127.0.0.1, so any password logs in. */
    private static final String STORE_PASSWORD = "BootStorePwZ6Hc2";

    @RegisterExtension
    static AmpenetSimulatorExtension api = AmpenetSimulatorExtension.with(b -> b.token(TOKEN));

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

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
    void theTokenIsInNoLineOfTheOutput() throws Exception {
        String out = runAndStop(Map.of(), () -> true);

        List<String> leaks = out.lines().filter(l -> l.contains(TOKEN) || l.contains(SECRET)).collect(Collectors.toList());
        assertThat(leaks.size()).as("lines with the token (redacted):%n%s", redacted(String.join("\n", leaks))).isZero();
    }

    /**
     * The same run on the shared store, its settings in the environment as docs/operations.md advises: the store's
     * password is in no line either (Spring Boot's condition report, HikariCP's pool configuration and Flyway at DEBUG
     * included), and the alert really went through the store.
     */
    @Test
    void theStorePasswordIsInNoLineOfTheOutput() throws Exception {
        String database = POSTGRES.createDatabase("logging");
        String out = runAndStop(Map.of(
                "PHONEBOOK_STORE_URL", POSTGRES.url(database),
                "PHONEBOOK_STORE_USER", "postgres",
                "PHONEBOOK_STORE_PASSWORD", STORE_PASSWORD), () -> sentInStore(database, "tok-1"));

        assertThat(out).contains("Flow store: PostgreSQL at " + POSTGRES.url(database));
        List<String> leaks = out.lines().filter(l -> l.contains(STORE_PASSWORD) || l.contains(TOKEN) || l.contains(SECRET))
                .collect(Collectors.toList());
        assertThat(leaks.size()).as("lines with the password or the token (redacted):%n%s",
                redacted(String.join("\n", leaks))).isZero();
    }

    /**
     * Starts the example in its own JVM with the token (and {@code env}), sends alert tok-1 through the account, reads
     * the health check, waits for {@code alsoDone}, stops it with SIGTERM and returns every line it wrote.
     */
    private String runAndStop(Map<String, String> extraEnv, BooleanSupplier alsoDone) throws Exception {
        Path log = dir.resolve("app.log");
        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-cp", System.getProperty("java.class.path"),
                PhonebookAlertsApplication.class.getName(),
                "--debug",
                "--server.port=0",
                "--phonebook.broker.port=-1",
                "--phonebook.alerts.consumers=4",
                "--phonebook.alerts.work-dir=" + dir.resolve("alerts"),
                "--logging.level.org.apache.camel=DEBUG",
                "--logging.level.dev.camelampenet=DEBUG",
                "--logging.level.com.zaxxer.hikari=DEBUG",
                "--logging.level.org.flywaydb=DEBUG")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("PHONEBOOK_") || k.startsWith("AMPENET_") || k.equals("BROKER_URL"));
        env.put("AMPENET_API_TOKEN", TOKEN);
        env.put("AMPENET_BASE_URL", api.baseUrl());
        env.putAll(extraEnv);
        process = pb.start();

        // generous: with --debug and a store to migrate, a start on a loaded 2-core machine took over 3 minutes
        await(Duration.ofSeconds(420), log, () -> read(log).contains("Started PhonebookAlertsApplication"), "the start");
        Matcher port = Pattern.compile("Tomcat started on port (\\d+)").matcher(read(log));
        assertThat(port.find()).as("the HTTP port in the log").isTrue();
        String base = "http://127.0.0.1:" + port.group(1);

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(base + "/alerts"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"tok-1\",\"to\":\"255712345678\",\"text\":\"Disk full\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).isEqualTo(202);
        // the simulator answers only that token: it went all the way
        await(Duration.ofSeconds(60), log, () -> api.simulator().outbox(TOKEN).size() == 1, "the SMS in the simulator");
        await(Duration.ofSeconds(60), log, alsoDone, "the alert settled");
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200); // the Ampenet check asked the API for the balance, UP

        process.destroy(); // SIGTERM: the shutdown lines are read too
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        String out = read(log);

        assertThat(out).as("Spring Boot's condition report (--debug)").contains("CONDITIONS EVALUATION REPORT");
        assertThat(out.lines().filter(l -> l.contains(" DEBUG ") && l.contains(" o.a.c.")).count())
                .as("Camel's DEBUG lines").isPositive();
        assertThat(health.body()).doesNotContain(SECRET).doesNotContain(STORE_PASSWORD);
        return out;
    }

    private static boolean sentInStore(String database, String alertId) {
        try (Connection c = DriverManager.getConnection(POSTGRES.url(database), "postgres", "");
             PreparedStatement s = c.prepareStatement("SELECT state FROM alert_send WHERE alert_id = ?")) {
            s.setString(1, alertId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && "sent".equals(rs.getString(1));
            }
        } catch (SQLException notYet) {
            return false; // not migrated yet
        }
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
        return text.replace(TOKEN, "<TOKEN>").replace(SECRET, "<TOKEN-SECRET>").replace(STORE_PASSWORD, "<STORE-PASSWORD>");
    }
}
