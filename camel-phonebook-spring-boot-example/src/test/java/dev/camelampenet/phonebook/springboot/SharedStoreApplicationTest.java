package dev.camelampenet.phonebook.springboot;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.camelampenet.ampenet.AmpenetComponent;
import dev.camelampenet.phonebook.alerting.AlertBroker;
import dev.camelampenet.phonebook.alerting.AlertOutcome;
import dev.camelampenet.phonebook.alerting.AlertQueues;
import dev.camelampenet.phonebook.alerting.AlertStats;
import dev.camelampenet.phonebook.store.PostgresRateLimiter;
import dev.camelampenet.phonebook.store.PostgresServer;
import dev.camelampenet.simulator.OutboxMessage;
import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import jakarta.jms.ConnectionFactory;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static dev.camelampenet.phonebook.springboot.TestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the Spring Boot example on one PostgreSQL store ({@code phonebook.store.*}) and one broker, as
 * docs/operations.md lays them out, counted from the other side: the simulator's outbox (what the API received), the
 * store's tables (what the ledger and the rate limiter wrote) and the actuator pages.
 * <p>
 * Instance A has the embedded broker (on a TCP port), instance B uses it as its external broker; both send to one
 * account (a simulator of the test's, one token) and have their own work folders, so nothing but the store tells B
 * what A sent. The Spring contexts are started by the test, not by {@code @SpringBootTest}, so they are closed before
 * the PostgreSQL server stops.
 */
@ExtendWith(OutputCaptureExtension.class)
class SharedStoreApplicationTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    private static final String TOKEN = "31|SharedStoreTokenW8q";
    /** Distinctive, so a hit is never a coincidence. The server trusts 127.0.0.1, so any password logs in. */
    private static final String PASSWORD = "SbStorePwK4vN9xTq";
    private static final String QUEUE = "sms.alerts";

    @RegisterExtension
    static final AmpenetSimulatorExtension API = AmpenetSimulatorExtension.with(b -> b.token(TOKEN));

    @TempDir
    Path dir;

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    @AfterEach
    void stopInstances() {
        // B first: it uses A's broker
        for (int i = instances.size() - 1; i >= 0; i--) {
            instances.get(i).close();
        }
    }

    @Test
    void twoInstancesShareTheLedgerAndTheRateLimitInPostgresAndNeverSendAnAlertTwice(CapturedOutput output)
            throws Exception {
        String database = POSTGRES.createDatabase("sbstore");

        // ---- instance A alone: the embedded broker, the store's ledger, the shared bucket
        ConfigurableApplicationContext a = start(database, "phonebook-alerts", dir.resolve("a"),
                "--phonebook.broker.port=0",
                "--management.endpoints.web.exposure.include=health,info,env,configprops",
                "--management.endpoint.env.show-values=always",
                "--management.endpoint.configprops.show-values=always");
        ConnectionFactory broker = a.getBean(ConnectionFactory.class);
        AlertStats statsA = a.getBean(AlertStats.class);

        AlertQueues.publish(broker, QUEUE, List.of(
                "{\"id\":\"sb-1\",\"to\":\"255712600001\",\"text\":\"Disk 91% full on web2\"}",
                "{\"id\":\"sb-2\",\"to\":\"255712600002\",\"text\":\"Disk 91% full on web2\"}",
                "{\"id\":\"sb-3\",\"to\":[\"255712600003\",\"0712 600 004\"],\"text\":\"Checkout errors above 5%\"}"));
        await(Duration.ofSeconds(60), () -> statsA.settled() == 3, statsA::toString);
        assertThat(statsA.count(AlertOutcome.SENT)).isEqualTo(3);

        Map<String, OutboxMessage> outbox = outboxByNumber(4);
        assertThat(outbox).containsOnlyKeys("255712600001", "255712600002", "255712600003", "255712600004");
        // the ledger is the store's: one row per alert, one per number with the API's uid, written by A
        assertThat(rows(database, "SELECT alert_id, state, instance FROM alert_send ORDER BY alert_id"))
                .extracting(r -> r.get(0) + " " + r.get(1)).containsExactly("sb-1 sent", "sb-2 sent", "sb-3 sent");
        assertThat(rows(database, "SELECT instance FROM alert_send"))
                .allSatisfy(r -> assertThat(String.valueOf(r.get(0))).endsWith("/phonebook-alerts"));
        Map<String, String> uids = rows(database, "SELECT number, state, message_uid FROM alert_recipient").stream()
                .peek(r -> assertThat(r.get(1)).as("state of " + r.get(0)).isEqualTo("sent"))
                .collect(Collectors.toMap(r -> String.valueOf(r.get(0)), r -> String.valueOf(r.get(2))));
        Map<String, OutboxMessage> sentByA = outbox;
        assertThat(uids).hasSize(4).allSatisfy((number, uid) -> assertThat(uid).isEqualTo(sentByA.get(number).uid()));
        assertThat(dir.resolve("a").resolve("send.ledger")).as("no file ledger with a store").doesNotExist();
        // the token's bucket, one row (keyed by a hash: the token itself is in no column)
        assertThat(rows(database, "SELECT id FROM rate_limit_bucket")).hasSize(1);
        assertThat(a.getBean(CamelContext.class).getComponent("ampenet", AmpenetComponent.class).getConfiguration()
                .getRateLimiter()).isInstanceOf(PostgresRateLimiter.class);

        // ---- instance B on A's broker and the same store; A stops consuming, so B takes everything from here
        String brokerUrl = a.getBean(AlertBroker.class).tcpUrl();
        ConfigurableApplicationContext b = start(database, "phonebook-alerts-b", dir.resolve("b"),
                "--phonebook.broker.url=" + brokerUrl);
        AlertStats statsB = b.getBean(AlertStats.class);
        a.getBean(CamelContext.class).getRouteController().stopRoute("sms-alerts");
        byte[] bucketBefore = bucketState(database);

        // the same alerts again (a publisher unsure they arrived): B finds them sent in the store, sends nothing
        AlertQueues.publish(broker, QUEUE, List.of(
                "{\"id\":\"sb-1\",\"to\":\"255712600001\",\"text\":\"Disk 91% full on web2\"}",
                "{\"id\":\"sb-3\",\"to\":[\"255712600003\",\"0712 600 004\"],\"text\":\"Checkout errors above 5%\"}"));
        await(Duration.ofSeconds(60), () -> statsB.alreadySentCount() == 2, statsB::toString);
        await(Duration.ofSeconds(60), () -> depth(broker, QUEUE) == 0, () -> "alerts left on " + QUEUE);
        assertThat(API.simulator().outbox(TOKEN)).as("nothing sent twice").hasSize(4);

        // a new alert: B sends it, writes it to the same tables, and books its request in the same bucket
        AlertQueues.publish(broker, QUEUE, List.of("{\"id\":\"sb-4\",\"to\":\"255712600005\",\"text\":\"Backup finished\"}"));
        await(Duration.ofSeconds(60), () -> statsB.count(AlertOutcome.SENT) == 1, statsB::toString);
        assertThat(outboxByNumber(5)).containsKey("255712600005");
        assertThat(rows(database, "SELECT state, instance FROM alert_send WHERE alert_id = 'sb-4'")).singleElement()
                .satisfies(r -> {
                    assertThat(r.get(0)).isEqualTo("sent");
                    assertThat((String) r.get(1)).endsWith("/phonebook-alerts-b");
                });
        assertThat(rows(database, "SELECT id FROM rate_limit_bucket")).as("one bucket for the token").hasSize(1);
        assertThat(bucketState(database)).as("B booked in A's bucket").isNotEqualTo(bucketBefore);
        assertThat(dir.resolve("b").resolve("send.ledger")).doesNotExist();
        assertThat(statsB.sendCalls()).isEqualTo(1);

        // ---- the password on A's actuator pages (shown with show-values=always): masked by key and by value
        int port = a.getEnvironment().getProperty("local.server.port", Integer.class);
        String env = get(port, "/actuator/env");
        String configprops = get(port, "/actuator/configprops");
        assertThat(env).contains("phonebook.store.password").contains("db.secret").contains("******")
                .contains(POSTGRES.url(database)).doesNotContain(PASSWORD);
        assertThat(configprops).contains("\"store\"").contains(POSTGRES.url(database)).doesNotContain(PASSWORD);

        // ---- and in no line of what both instances wrote, at DEBUG for Camel, the project, the pool and Flyway
        String out = output.getAll();
        assertThat(out).contains("Flow store: PostgreSQL at " + POSTGRES.url(database))
                .contains("Alerting's send ledger: the flow store at " + POSTGRES.url(database))
                .contains("books its requests in the token's shared bucket (1000 a minute)")
                .contains("HikariPool");
        assertThat(out.lines().filter(l -> l.contains(PASSWORD)).count()).as("lines with the store's password").isZero();
        assertThat(out.lines().filter(l -> l.contains(TOKEN) || l.contains("SharedStoreTokenW8q")).count()).isZero();
    }

    /**
     * One instance of the example, started as a user would with arguments. The password is given the way a secret
     * usually is, through another property ({@code db.secret}) that {@code phonebook.store.password} refers to.
     */
    private ConfigurableApplicationContext start(String database, String name, Path workDir, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--camel.main.name=" + name,
                "--camel.component.ampenet.api-token=" + TOKEN,
                "--camel.component.ampenet.base-url=" + API.baseUrl(),
                "--phonebook.store.url=" + POSTGRES.url(database),
                "--phonebook.store.user=postgres",
                "--db.secret=" + PASSWORD,
                "--phonebook.store.password=${db.secret}",
                "--phonebook.alerts.work-dir=" + workDir,
                "--phonebook.alerts.consumers=4",
                "--logging.level.org.apache.camel=DEBUG",
                "--logging.level.dev.camelampenet=DEBUG",
                "--logging.level.com.zaxxer.hikari=DEBUG",
                "--logging.level.org.flywaydb=DEBUG"));
        args.addAll(Arrays.asList(more));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(PhonebookAlertsApplication.class)
                .run(args.toArray(String[]::new));
        instances.add(context);
        return context;
    }

    /** The outbox once it holds {@code expected} SMS, by number; fails if a number has two. */
    private static Map<String, OutboxMessage> outboxByNumber(int expected) throws InterruptedException {
        await(Duration.ofSeconds(60), () -> API.simulator().outbox(TOKEN).size() >= expected,
                () -> API.simulator().outbox(TOKEN).size() + " SMS in the outbox");
        List<OutboxMessage> all = API.simulator().outbox(TOKEN);
        assertThat(all).hasSize(expected);
        return all.stream().collect(Collectors.toMap(OutboxMessage::to, Function.identity(),
                (x, y) -> { throw new AssertionError("two SMS to " + x.to()); }, LinkedHashMap::new));
    }

    private static List<List<Object>> rows(String database, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(POSTGRES.url(database), "postgres", "");
             PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            List<List<Object>> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private static byte[] bucketState(String database) throws SQLException {
        return (byte[]) rows(database, "SELECT state FROM rate_limit_bucket").get(0).get(0);
    }

    private static int depth(ConnectionFactory cf, String queue) {
        try {
            return AlertQueues.depth(cf, queue);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Generous: configprops serialises every configuration bean (Camel's are many), slow on a loaded machine. */
    private static String get(int port, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(180))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }
}
