package dev.camelampenet.phonebook.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flows' shared PostgreSQL store: a bounded connection pool on {@link StoreSettings#url()}, with the schema created
 * or brought up to date by Flyway from {@code src/main/resources/db/migration} when it opens. Several instances may open
 * it at once: Flyway serialises their migrations with a lock in the database, and a schema already up to date is left
 * as it is.
 * <p>
 * Nothing here logs or throws the password: the URL is logged once at INFO without it, and failures are
 * {@link StoreException}s with masked messages.
 */
public final class FlowDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FlowDatabase.class);

    /** Its name in the Camel registry, where the application binds the one it opened (the alerting's ledger looks there). */
    public static final String BEAN = "flowDatabase";
    /** Where the migrations are: db/migration on the classpath (src/main/resources/db/migration). */
    public static final String MIGRATIONS = "classpath:db/migration";
    /**
     * Connections per instance: the JMS consumers' transactions, the import's ledger writes and the rate limiter's
     * bookings are short; ten keep them from queuing without taking many of the server's (process-backed) connections.
     */
    public static final int DEFAULT_POOL_SIZE = 10;
    /** How long a caller waits for a pooled connection, or the first connection at start, before failing. */
    static final long CONNECTION_TIMEOUT_MILLIS = 10_000;

    private final StoreSettings settings;
    private final HikariDataSource pool;
    private final String schemaVersion;

    private FlowDatabase(StoreSettings settings, HikariDataSource pool, String schemaVersion) {
        this.settings = settings;
        this.pool = pool;
        this.schemaVersion = schemaVersion;
    }

    public static FlowDatabase open(StoreSettings settings) {
        return open(settings, DEFAULT_POOL_SIZE, Duration.ofMillis(CONNECTION_TIMEOUT_MILLIS));
    }

    /**
     * Opens the pool and migrates the schema. Fails (with the pool closed again) when the database cannot be reached
     * within {@code startWait} (a database started beside the application gets that long), refuses the user, or holds
     * a schema this version does not know.
     */
    public static FlowDatabase open(StoreSettings settings, int maxPoolSize, Duration startWait) {
        if (settings.embedded()) {
            throw new IllegalArgumentException("phonebook.store.url is empty: the flows keep their state in files, there"
                    + " is no database to open");
        }
        if (!settings.url().toLowerCase(java.util.Locale.ROOT).startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(settings.mask("phonebook.store.url must be a PostgreSQL JDBC URL"
                    + " (jdbc:postgresql://host:5432/database), got " + settings.url()));
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("the store's pool needs at least 1 connection, got " + maxPoolSize);
        }
        HikariDataSource pool = null;
        try {
            pool = new HikariDataSource(poolConfig(settings, maxPoolSize, startWait));
            MigrateResult result = Flyway.configure()
                    .dataSource(pool)
                    .locations(MIGRATIONS)
                    // a missing folder is a packaging mistake, not an empty schema
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : currentVersion(result);
            LOG.info("Flow store: PostgreSQL at {}{}, schema version {} ({} migration{} applied now)", settings.url(),
                    settings.user() != null ? " as " + settings.user() : "", version, result.migrationsExecuted,
                    result.migrationsExecuted == 1 ? "" : "s");
            return new FlowDatabase(settings, pool, version);
        } catch (RuntimeException e) {
            if (pool != null) {
                pool.close();
            }
            throw StoreException.masked(settings, "Cannot open the flow store at " + settings.url() + ": "
                    + e.getMessage(), e);
        }
    }

    private static HikariConfig poolConfig(StoreSettings settings, int maxPoolSize, Duration startWait) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("phonebook-store");
        config.setJdbcUrl(settings.url());
        if (settings.user() != null) {
            config.setUsername(settings.user());
        }
        if (settings.password() != null) {
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(maxPoolSize);
        // an idle instance keeps one connection, not ten
        config.setMinimumIdle(1);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        // fail at start (as a missing broker does) rather than start flows that cannot keep their guards
        config.setInitializationFailTimeout(Math.max(1, startWait.toMillis()));
        // names the instance's connections in pg_stat_activity for an operator
        config.addDataSourceProperty("ApplicationName", "camel-phonebook");
        return config;
    }

    private static String currentVersion(MigrateResult result) {
        // nothing to migrate: Flyway reports the version found as the initial one
        return result.initialSchemaVersion != null ? result.initialSchemaVersion : "none";
    }

    /** The pool: hand it to camel-sql, Bucket4j or plain JDBC; it stays open until {@link #close()}. */
    public DataSource dataSource() {
        return pool;
    }

    /** The schema's version after the migrations at open ("1" for V1). */
    public String schemaVersion() {
        return schemaVersion;
    }

    public StoreSettings settings() {
        return settings;
    }

    /** A connection from the pool; SQL failures are rethrown masked. */
    public Connection connection() {
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            throw StoreException.masked(settings, "No connection to the flow store at " + settings.url() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Closes the pool: connections in use are closed as they are given back. Calling it again does nothing. */
    @Override
    public void close() {
        if (!pool.isClosed()) {
            pool.close();
            LOG.debug("Flow store closed: {}", settings.url());
        }
    }

    @Override
    public String toString() {
        return "FlowDatabase[" + settings + ", schema " + schemaVersion + "]";
    }
}
