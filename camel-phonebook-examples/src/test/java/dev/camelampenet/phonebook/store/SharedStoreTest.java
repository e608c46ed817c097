package dev.camelampenet.phonebook.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import dev.camelampenet.ampenet.AmpenetConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link SharedStore}, the factory both applications wire the store with, on a real PostgreSQL: what it opens is
 * counted in the server (tables, the bucket's row, the pool's connections in {@code pg_stat_activity}), and a start
 * that fails after the store was opened leaves no connection behind and can simply be tried again.
 */
class SharedStoreTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @Test
    void opensTheStoreAndTheTokensBucketAndTheComponentBooksThere() throws Exception {
        StoreSettings settings = POSTGRES.newDatabase("shared");
        String database = databaseOf(settings);
        AmpenetConfiguration component = new AmpenetConfiguration();

        try (SharedStore store = SharedStore.open(settings, "12|shared-store-token", 600)) {
            store.applyTo(component);
            assertThat(component.getRateLimiter()).isSameAs(store.rateLimiter());
            assertThat(count(database, "SELECT count(*) FROM rate_limit_bucket")).isZero();

            assertThat(component.getRateLimiter().reserve()).as("the first request goes at once").isZero();

            assertThat(count(database, "SELECT count(*) FROM rate_limit_bucket")).as("the token's bucket").isEqualTo(1);
            assertThat(count(database, "SELECT count(*) FROM alert_send")).as("the ledger's table, migrated").isZero();
            assertThat(connections(database)).isPositive();
        }
        awaitNoConnections(database);
    }

    @Test
    void aLimiterThatCannotBeMadeClosesTheStoreAgainAndTheNextStartDoesNotMigrateTwice() throws Exception {
        StoreSettings settings = POSTGRES.newDatabase("halfway");
        String database = databaseOf(settings);

        // the first step (open and migrate) succeeds, the second (the bucket) refuses a blank token
        assertThatThrownBy(() -> SharedStore.open(settings, " ", 1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs the API token");
        long migrations = count(database, "SELECT count(*) FROM flyway_schema_history WHERE success");
        assertThat(migrations).as("the schema was migrated before the failure").isPositive();
        awaitNoConnections(database);

        // started again, as a supervisor restarts it: the same schema, nothing applied twice, the store usable
        try (SharedStore store = SharedStore.open(settings, "12|shared-store-token", 1000)) {
            assertThat(count(database, "SELECT count(*) FROM flyway_schema_history")).isEqualTo(migrations);
            assertThat(store.rateLimiter().reserve()).isZero();
            assertThat(count(database, "SELECT count(*) FROM rate_limit_bucket")).isEqualTo(1);
        }
        awaitNoConnections(database);
    }

    private static String databaseOf(StoreSettings settings) {
        return settings.url().substring(settings.url().lastIndexOf('/') + 1);
    }

    private static long count(String database, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(POSTGRES.url(database), "postgres", "");
             PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The store's pooled connections to the database, as the server lists them (FlowDatabase names them). */
    private static long connections(String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(POSTGRES.url("postgres"), "postgres", "");
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                     + " WHERE datname = ? AND application_name = 'camel-phonebook'")) {
            s.setString(1, database);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A closed connection's server process ends a moment after the client closed it: bounded, returns at once. */
    private static void awaitNoConnections(String database) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (connections(database) > 0) {
            if (System.nanoTime() > end) {
                throw new AssertionError(connections(database) + " connections of the store still open on " + database);
            }
            Thread.sleep(50);
        }
    }
}
