package dev.camelampenet.phonebook.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server for a test class ({@link LocalPostgres}): started once before the class's tests, stopped
 * after them. Register it as a static field with {@code @RegisterExtension}.
 * <p>
 * Bounded: the server must accept connections within a minute, or the class fails. It listens on 127.0.0.1 only, on
 * a free port, with its data in a fresh temporary folder removed at the end.
 */
public final class PostgresServer implements BeforeAllCallback, AfterAllCallback {

    private LocalPostgres server;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        server = LocalPostgres.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** The running server, for code that takes a {@link LocalPostgres}. */
    public LocalPostgres server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    /** The URL of a database on this server, by 127.0.0.1 (never "localhost", which may be ::1). */
    public String url(String database) {
        return server.url(database);
    }

    /** A new empty database (its name unique in this server) for one test. */
    public String createDatabase(String prefix) throws SQLException {
        return server.createDatabase(prefix);
    }

    /** Settings for a new empty database, as the superuser the server was made with (trust authentication). */
    public StoreSettings newDatabase(String prefix) throws SQLException {
        return StoreSettings.of(url(createDatabase(prefix)), LocalPostgres.USER, null);
    }

    /** Runs statements in the server's "postgres" database as the superuser. */
    public void execute(String... sql) throws SQLException {
        server.execute(sql);
    }

    /**
     * Makes connections from 127.0.0.1 by this role authenticate with a password (scram-sha-256) and every other keep
     * trust: the server's pg_hba.conf is rewritten and reloaded. Lets a test see a real wrong-password refusal.
     */
    void requirePasswordFor(String role) throws SQLException, IOException {
        Path hba = server.dataDir().resolve("pg_hba.conf");
        Files.writeString(hba, String.join("\n",
                "local all all trust",
                "host all " + role + " 127.0.0.1/32 scram-sha-256",
                "host all all 127.0.0.1/32 trust",
                "host all all ::1/128 trust",
                ""));
        execute("SELECT pg_reload_conf()");
    }
}
