package dev.camelampenet.phonebook.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.camelampenet.phonebook.PhonebookApplication;
import dev.camelampenet.phonebook.alerting.AlertBroker;
import dev.camelampenet.phonebook.alerting.AlertQueues;
import dev.camelampenet.simulator.AmpenetSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application as a user starts it (its own JVM, the shipped application.properties and log4j2.properties) with
 * {@code phonebook.store.url} set: it opens the store, keeps the alerting's send ledger there, books its API requests
 * in the token's shared bucket, and never writes the store's password, Camel Main's startup summary included (which
 * masks {@code phonebook.store.password} by Camel's own "password" keyword; the test insists on seeing the masked
 * line, so it cannot pass because nothing was logged).
 */
class StoreWiringTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    /** Distinctive, so a hit is never a coincidence. The server trusts 127.0.0.1, so any password logs in. */
    private static final String PASSWORD = "StorePwQ7zXk3Lm";
    private static final String TOKEN = "88|StoreWiringTokenR4t";

    @TempDir
    Path dir;

    private AmpenetSimulator simulator;
    private Process process;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        if (simulator != null) {
            simulator.stop();
        }
    }

    @Test
    void withAStoreUrlTheFlowsShareTheStoreAndThePasswordIsInNoLine() throws Exception {
        simulator = AmpenetSimulator.builder().host("127.0.0.1").port(0).token(TOKEN).start();
        String database = POSTGRES.createDatabase("wiring");
        int brokerPort = freePort();
        Path log = dir.resolve("app.log");

        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx384m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(PhonebookApplication.class.getName());
        cmd.add("--phonebook.inbox=" + dir.resolve("inbox"));
        cmd.add("--phonebook.alerts.work-dir=" + dir.resolve("alerts"));
        cmd.add("--phonebook.broker.port=" + brokerPort);
        cmd.add("--phonebook.alerts.coalesce.window=50");
        cmd.add("--ampenet.api-token=" + TOKEN);
        cmd.add("--ampenet.base-url=" + simulator.baseUrl());
        // the password in the URL as well (where users put it too): the separate one wins, and neither is printed,
        // Camel Main's summary of the keys it read included
        cmd.add("--phonebook.store.url=" + POSTGRES.url(database) + "?password=" + PASSWORD);
        cmd.add("--phonebook.store.user=postgres");
        cmd.add("--phonebook.store.password=" + PASSWORD);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AMPENET_") || k.startsWith("PHONEBOOK_") || k.equals("BROKER_URL"));
        process = pb.start();

        await(Duration.ofSeconds(180), log, () -> read(log).contains("(phonebook) started in"), "the start");
        // one alert through the application's broker: sent, recorded in the store's ledger, booked in the shared bucket
        AlertQueues.publish(AlertBroker.connectionFactory("tcp://127.0.0.1:" + brokerPort, null, null), "sms.alerts",
                List.of("{\"id\":\"wired-1\",\"to\":\"255712600001\",\"text\":\"Through the store\"}"));
        await(Duration.ofSeconds(60), log, () -> sentInStore(database), "alert wired-1 sent in the store's ledger");

        process.destroy(); // SIGTERM: the shutdown lines are read too
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        String out = read(log);

        assertThat(simulator.outbox()).extracting(m -> m.to()).containsExactly("255712600001");
        assertThat(count(database, "SELECT count(*) FROM rate_limit_bucket")).as("the shared bucket was used").isEqualTo(1);
        assertThat(out).contains("Alerting's send ledger: the flow store at " + POSTGRES.url(database));
        assertThat(out).contains("books its requests in the token's shared bucket (1000 a minute)");
        assertThat(out).contains("Property-placeholders summary");
        assertThat(Pattern.compile("\\]\\s+phonebook\\.store\\.password = xxxxxx\\s*$", Pattern.MULTILINE).matcher(out).find())
                .as("the masked summary line in:%n%s", out).isTrue();
        assertThat(Pattern.compile("\\]\\s+phonebook\\.store\\.url = xxxxxx\\s*$", Pattern.MULTILINE).matcher(out).find())
                .as("the URL's summary line masked (it may carry a password) in:%n%s", out).isTrue();
        List<String> leaks = out.lines().filter(l -> l.contains(PASSWORD)).collect(Collectors.toList());
        assertThat(leaks).as("lines with the store's password").isEmpty();
        assertThat(out.lines().filter(l -> l.contains(TOKEN) || l.contains("StoreWiringTokenR4t")).count()).isZero();
    }

    private static boolean sentInStore(String database) {
        try {
            return count(database, "SELECT count(*) FROM alert_send WHERE alert_id = 'wired-1' AND state = 'sent'") == 1;
        } catch (Exception notYet) {
            return false; // not migrated yet
        }
    }

    private static long count(String database, String sql) throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection(POSTGRES.url(database), "postgres", "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private void await(Duration timeout, Path log, BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new AssertionError("the application ended before " + what + ":\n" + tail(read(log)));
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what + ":\n" + tail(read(log)));
            }
            Thread.sleep(100);
        }
    }

    /** The end of the output for a failure message, with the password masked should it be there. */
    private static String tail(String out) {
        String t = out.length() > 6000 ? out.substring(out.length() - 6000) : out;
        return t.replace(PASSWORD, "****");
    }
}
