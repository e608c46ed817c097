package dev.camelampenet.phonebook.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcOrphanLockAwareIdempotentRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The flow store on a real PostgreSQL: migrations, the tables the flows need, and a password that never shows. */
class FlowDatabaseTest {

    /** The newest migration shipped: every start must end there. */
    private static final String LATEST = latestMigration();

    private static String latestMigration() {
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/db/migration"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max(Integer::compare).map(String::valueOf)
                    .orElseThrow();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    private static final List<String> TABLES = List.of("alert_send", "alert_recipient", "import_file", "import_row",
            "camel_messageprocessed", "rate_limit_bucket");

    @Test
    void migratesAnEmptyDatabaseAndLeavesItAsItIsOnTheNextStart() throws SQLException {
        StoreSettings settings = POSTGRES.newDatabase("migrate");
        assertThat(tables(settings)).isEmpty();

        FlowDatabase first = FlowDatabase.open(settings);
        try (first) {
            assertThat(first.schemaVersion()).isEqualTo(LATEST);
            assertThat(tables(settings)).containsAll(TABLES).contains("flyway_schema_history");
            try (Connection c = first.connection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO alert_send (alert_id, state, instance) VALUES ('a-1', 'sent', 'test')");
            }
        }
        // closed: the pool gives no more connections, and closing again is harmless
        assertThatThrownBy(first::connection).isInstanceOf(StoreException.class);
        first.close();
        try (CapturedLog log = new CapturedLog(); FlowDatabase again = FlowDatabase.open(settings)) {
            assertThat(again.schemaVersion()).isEqualTo(LATEST);
            assertThat(log.lines()).anyMatch(l -> l.contains("schema version " + LATEST + " (0 migrations applied now)"));
            // the data of the first start is still there: the second start migrated nothing
            assertThat(count(again, "SELECT count(*) FROM alert_send")).isEqualTo(1);
            assertThat(count(again, "SELECT count(*) FROM flyway_schema_history WHERE success")).isEqualTo(Long.parseLong(LATEST));
        }
    }

    @Test
    void theGuardsAreUniqueKeysThatASecondClaimMeets() throws SQLException {
        try (FlowDatabase db = FlowDatabase.open(POSTGRES.newDatabase("guards"))) {
            String claim = "INSERT INTO alert_send (alert_id, state, instance) VALUES (?, 'sending', ?) ON CONFLICT DO NOTHING";
            assertThat(update(db, claim, "alert-7", "instance-a")).isEqualTo(1);
            assertThat(update(db, claim, "alert-7", "instance-b")).isZero();

            String file = "INSERT INTO import_file (file_key, state) VALUES (?, 'importing') ON CONFLICT DO NOTHING";
            assertThat(update(db, file, "sha256:abc", null)).isEqualTo(1);
            assertThat(update(db, file, "sha256:abc", null)).isZero();

            // the states are checked by the database, not only by the code that writes them
            assertThatThrownBy(() -> update(db, "INSERT INTO alert_send (alert_id, state, instance) VALUES (?, 'lost', ?)",
                    "alert-8", "instance-a")).isInstanceOf(SQLException.class).hasMessageContaining("alert_send_state_check");
        }
    }

    /** camel-sql's repository finds the migrated table (it would create its own if it did not) and uses it. */
    @Test
    void camelSqlsIdempotentRepositoryUsesTheMigratedTable() throws Exception {
        try (FlowDatabase db = FlowDatabase.open(POSTGRES.newDatabase("camelsql"))) {
            CamelContext camel = new DefaultCamelContext();
            JdbcOrphanLockAwareIdempotentRepository repository =
                    new JdbcOrphanLockAwareIdempotentRepository(db.dataSource(), "alerts", camel);
            repository.setLockMaxAgeMillis(30_000);
            repository.setLockKeepAliveIntervalMillis(3_000);
            repository.setCreateTableIfNotExists(false); // the migration's table or nothing
            repository.start();
            try {
                assertThat(repository.add("message-1")).isTrue();
                assertThat(repository.add("message-1")).isFalse();
                assertThat(repository.contains("message-1")).isTrue();
                assertThat(count(db, "SELECT count(*) FROM CAMEL_MESSAGEPROCESSED WHERE processorName = 'alerts'"
                        + " AND createdAt IS NOT NULL")).isEqualTo(1);
            } finally {
                repository.stop();
                camel.close();
            }
        }
    }

    @Test
    void thePasswordShowsInNoLogLineNorExceptionNorToString() throws Exception {
        String password = "Pa55-w0rd-that-must-stay-hidden";
        String database = POSTGRES.createDatabase("secret");
        POSTGRES.execute("CREATE ROLE phonebook LOGIN PASSWORD '" + password + "'",
                "ALTER DATABASE " + database + " OWNER TO phonebook");
        POSTGRES.requirePasswordFor("phonebook");

        List<String> seen = new ArrayList<>();
        try (CapturedLog log = new CapturedLog()) {
            // right password, given on its own and inside the URL (which the settings take it out of)
            StoreSettings given = StoreSettings.of(POSTGRES.url(database), "phonebook", password);
            StoreSettings inUrl = StoreSettings.of(POSTGRES.url(database) + "?user=phonebook&password=" + password
                    + "&ApplicationName=test", null, null);
            for (StoreSettings settings : List.of(given, inUrl)) {
                seen.add(settings.toString());
                try (FlowDatabase db = FlowDatabase.open(settings)) {
                    seen.add(db.toString());
                    assertThat(db.schemaVersion()).isEqualTo(LATEST);
                }
            }
            assertThat(inUrl.url()).isEqualTo(POSTGRES.url(database) + "?user=phonebook&ApplicationName=test");

            // wrong password: the server refuses it; the message says so without quoting anything secret
            StoreSettings wrong = StoreSettings.of(POSTGRES.url(database) + "?password=" + password + "-old",
                    "phonebook", password + "-new");
            seen.add(wrong.toString());
            Throwable refused = catchFailure(() -> FlowDatabase.open(wrong, 2, Duration.ofMillis(1)));
            assertThat(refused).isInstanceOf(StoreException.class).hasMessageContaining("password authentication failed");
            seen.add(stackTrace(refused));

            // no server there: the connection is refused
            StoreSettings nowhere = StoreSettings.of("jdbc:postgresql://127.0.0.1:1/none?password=" + password,
                    "phonebook", null);
            seen.add(nowhere.toString());
            seen.add(stackTrace(catchFailure(() -> FlowDatabase.open(nowhere, 2, Duration.ofMillis(1)))));

            // not a PostgreSQL URL: the message quotes the URL, masked
            StoreSettings other = StoreSettings.of("jdbc:h2:mem:x;password=" + password, null, null);
            seen.add(stackTrace(catchFailure(() -> FlowDatabase.open(other))));
            seen.addAll(log.lines());
            assertThat(log.lines()).filteredOn(l -> l.startsWith("INFO") && l.contains("Flow store: PostgreSQL at"))
                    .hasSize(2);
        }
        assertThat(seen).isNotEmpty().noneMatch(line -> line.contains(password) || line.contains("w0rd"));
        assertThat(seen).anyMatch(line -> line.contains("password=****"));
    }

    @Test
    void settingsReadTheCamelPropertiesAndEmptyMeansEmbedded() {
        CamelContext camel = new DefaultCamelContext();
        assertThat(StoreSettings.from(camel.getPropertiesComponent()).embedded()).isTrue();

        Properties props = new Properties();
        props.setProperty("phonebook.store.url", " jdbc:postgresql://db1:5432/phonebook ");
        props.setProperty("phonebook.store.user", "phonebook");
        props.setProperty("phonebook.store.password", "s3cret");
        camel.getPropertiesComponent().setInitialProperties(props);
        StoreSettings settings = StoreSettings.from(camel.getPropertiesComponent());
        assertThat(settings.embedded()).isFalse();
        assertThat(settings.url()).isEqualTo("jdbc:postgresql://db1:5432/phonebook");
        assertThat(settings.user()).isEqualTo("phonebook");
        assertThat(settings.password()).isEqualTo("s3cret");
        assertThat(settings.toString()).doesNotContain("s3cret").contains("password=****");

        StoreSettings userInfo = StoreSettings.of("jdbc:postgresql://app:p%40ss@db1/phonebook", null, null);
        assertThat(userInfo.url()).isEqualTo("jdbc:postgresql://db1/phonebook");
        assertThat(userInfo.user()).isEqualTo("app");
        assertThat(userInfo.password()).isEqualTo("p@ss");
        assertThat(userInfo.mask("at jdbc:postgresql://app:p%40ss@db1 with p@ss")).doesNotContain("p@ss", "p%40ss");
        assertThat(StoreSettings.of("jdbc:postgresql://db1/p?password=a&password=b&ssl=true", null, null).url())
                .isEqualTo("jdbc:postgresql://db1/p?ssl=true");
        StoreSettings both = StoreSettings.of("jdbc:postgresql://db1/p?ssl=true&password=in-url", null, "given");
        assertThat(both.url()).isEqualTo("jdbc:postgresql://db1/p?ssl=true");
        assertThat(both.password()).isEqualTo("given");
        assertThat(both.mask("in-url given")).isEqualTo("**** ****");
        assertThat(StoreSettings.of("", "someone", "x").embedded()).isTrue();
        assertThat(StoreSettings.of("", null, null).toString()).isEqualTo("StoreSettings[embedded, password=(none)]");
    }

    private static Throwable catchFailure(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static List<String> tables(StoreSettings settings) throws SQLException {
        try (FlowDatabaseProbe probe = new FlowDatabaseProbe(settings)) {
            return probe.tables();
        }
    }

    private static long count(FlowDatabase db, String sql) throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int update(FlowDatabase db, String sql, String first, String second) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, first);
            if (second != null) {
                s.setString(2, second);
            }
            return s.executeUpdate();
        }
    }

    /** Plain JDBC, without the pool or the migrations, to look at a database as it is. */
    private static final class FlowDatabaseProbe implements AutoCloseable {
        private final Connection connection;

        FlowDatabaseProbe(StoreSettings settings) throws SQLException {
            connection = java.sql.DriverManager.getConnection(settings.url(), settings.user(), settings.password());
        }

        List<String> tables() throws SQLException {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = connection.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    names.add(rs.getString("TABLE_NAME"));
                }
            }
            return names;
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }
}
