package dev.camelampenet.phonebook.csvimport;

import dev.camelampenet.phonebook.store.PostgresServer;
import java.time.Duration;
import java.util.Properties;

import dev.camelampenet.phonebook.store.FlowDatabase;
import dev.camelampenet.phonebook.store.StoreSettings;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.camelampenet.phonebook.csvimport.ImportFiles.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The file claims of two instances on one flow store ({@link ImportStore} on camel-sql's orphan-lock repository): a
 * file claimed by one is refused to the other while the first keeps it alive, and taken over once the first stopped
 * keeping it alive for the takeover time.
 */
class CsvFileClaimTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @Test
    void aClaimHeldAliveIsRefusedAndADeadOnesIsTakenOverAfterTheTakeoverTime() throws Exception {
        StoreSettings settings = POSTGRES.newDatabase("claims");
        try (FlowDatabase db = FlowDatabase.open(settings);
             DefaultCamelContext a = instance(db, settings); DefaultCamelContext b = instance(db, settings)) {
            ImportStore lockA = a.getRegistry().lookupByNameAndType(ImportStore.LOCK_BEAN, ImportStore.class);
            ImportStore lockB = b.getRegistry().lookupByNameAndType(ImportStore.LOCK_BEAN, ImportStore.class);
            assertThat(a.resolvePropertyPlaceholders("{{" + ImportStore.READ_LOCK + "}}")).isEqualTo("idempotent-changed");
            assertThat(lockA.database()).as("the registry's flowDatabase, not a pool of its own").isSameAs(db);

            assertThat(lockA.add("file-1")).isTrue();
            assertThat(lockB.add("file-1")).as("held by a").isFalse();
            // a keeps its claim alive (every second here): after more than the takeover time b is still refused
            Thread.sleep(4_500);
            assertThat(lockB.add("file-1")).as("kept alive by a").isFalse();

            // a done with the file: removed, and free for b at once
            assertThat(lockA.remove("file-1")).isTrue();
            assertThat(lockB.add("file-1")).isTrue();

            // camel-file asks to remove a file it listed but did not take: another instance's claim stays
            assertThat(lockA.remove("file-1")).isFalse();
            assertThat(lockA.add("file-1")).isFalse();

            // b dies (its keep-alive stops, its row stays): a takes the file over once the claim is older than 3 s
            long diedAt = System.nanoTime();
            b.stop();
            assertThat(lockA.add("file-1")).as("not yet aged out").isFalse();
            await("a taking the file over", Duration.ofSeconds(60), () -> lockA.add("file-1"));
            assertThat(Duration.ofNanos(System.nanoTime() - diedAt)).isGreaterThanOrEqualTo(Duration.ofMillis(2_000));
            // a keeps the claim it took over alive: well past the takeover time a third instance is still refused
            try (DefaultCamelContext c = instance(db, settings)) {
                ImportStore lockC = c.getRegistry().lookupByNameAndType(ImportStore.LOCK_BEAN, ImportStore.class);
                Thread.sleep(4_500);
                assertThat(lockC.add("file-1")).as("kept alive by a after the takeover").isFalse();
            }
        }
    }

    @Test
    void withoutAStoreTheReadLockIsTodays() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            ImportStore store = ImportStore.install(context);
            assertThat(store.shared()).isFalse();
            assertThat(context.resolvePropertyPlaceholders("{{" + ImportStore.READ_LOCK + "}}")).isEqualTo("changed");
            context.start();
        }
    }

    private static DefaultCamelContext instance(FlowDatabase db, StoreSettings settings) throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        Properties p = new Properties();
        p.put("phonebook.store.url", settings.url());
        p.put("phonebook.store.user", settings.user());
        p.put(ImportStore.TAKEOVER_AFTER, "3s");
        context.getPropertiesComponent().setInitialProperties(p);
        context.getRegistry().bind(ImportStore.FLOW_DATABASE, db);
        ImportStore.install(context);
        context.start();
        return context;
    }
}
