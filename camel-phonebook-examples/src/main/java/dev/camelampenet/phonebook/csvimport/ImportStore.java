package dev.camelampenet.phonebook.csvimport;

import java.io.IOException;
import java.time.Duration;

import dev.camelampenet.phonebook.store.FlowDatabase;
import dev.camelampenet.phonebook.store.StoreSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.processor.idempotent.jdbc.JdbcOrphanLockAwareIdempotentRepository;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.util.TimeUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the CSV import keeps its ledgers and how instances share the inbox, chosen by {@code phonebook.store.url}:
 * <ul>
 * <li>empty (the embedded default): ledgers are files in the work folder, and the inbox's read lock is camel-file's
 * {@code changed}, as before this class existed;</li>
 * <li>a PostgreSQL URL: ledgers are rows of the shared flow store ({@link PostgresImportLedger}), and the read lock is
 * {@code idempotent-changed} on camel-sql's {@link JdbcOrphanLockAwareIdempotentRepository} (the bean
 * {@value #LOCK_BEAN}): an instance claims a file with a row in {@code CAMEL_MESSAGEPROCESSED}, keeps it alive while it
 * works, and a claim left by a dead instance is taken over after {@value #TAKEOVER_AFTER} (default 30 s).</li>
 * </ul>
 * The routes read the choice from {@value #READ_LOCK}, which this class sets; the flow store is the registry's
 * {@value #FLOW_DATABASE} when the application binds one, else this class opens it (and closes it at stop).
 */
final class ImportStore extends ServiceSupport implements IdempotentRepository {

    private static final Logger LOG = LoggerFactory.getLogger(ImportStore.class);

    /** The read lock of the inbox's file consumer; set here, not by users. */
    static final String READ_LOCK = "phonebook.import.read-lock";
    /** How long a file's claim outlives its instance before another instance takes the file over. */
    static final String TAKEOVER_AFTER = "phonebook.import.takeover-after";
    static final Duration DEFAULT_TAKEOVER_AFTER = Duration.ofSeconds(30);
    /** The idempotent repository the file consumer's read lock uses (this object). */
    static final String LOCK_BEAN = "csvImportLock";
    /** The shared flow store, when the application opened it. */
    static final String FLOW_DATABASE = "flowDatabase";
    /** camel-sql's processorName: the import's claims among the other flows' rows of CAMEL_MESSAGEPROCESSED. */
    static final String PROCESSOR_NAME = "csv-import";

    private final CamelContext context;
    private final StoreSettings storeSettings;
    private final Duration takeoverAfter;
    private FlowDatabase database;
    private boolean ownDatabase;
    private JdbcOrphanLockAwareIdempotentRepository locks;
    /** The claims this instance holds (camel-sql keys). */
    private final java.util.Set<String> held = new java.util.HashSet<>();

    private ImportStore(CamelContext context, StoreSettings storeSettings, Duration takeoverAfter) {
        this.context = context;
        this.storeSettings = storeSettings;
        this.takeoverAfter = takeoverAfter;
    }

    /**
     * Reads the settings, sets {@value #READ_LOCK} for the routes, binds this object as {@value #LOCK_BEAN} and lets
     * Camel start and stop it with the context (it opens nothing before the context starts).
     */
    static ImportStore install(CamelContext context) {
        PropertiesComponent pc = context.getPropertiesComponent();
        StoreSettings store = StoreSettings.from(pc);
        Duration takeover = pc.resolveProperty(TAKEOVER_AFTER).filter(s -> !s.isBlank())
                .map(s -> Duration.ofMillis(TimeUtils.toMilliSeconds(s.trim()))).orElse(DEFAULT_TAKEOVER_AFTER);
        if (takeover.toMillis() < 3_000) {
            throw new IllegalArgumentException(TAKEOVER_AFTER + " must be at least 3s (its third is the claim's keep-alive)");
        }
        ImportStore importStore = new ImportStore(context, store, takeover);
        // a placeholder of the routes (both DSLs): the embedded default keeps today's read lock
        pc.addOverrideProperty(READ_LOCK, store.embedded() ? "changed" : "idempotent-changed");
        context.getRegistry().bind(LOCK_BEAN, IdempotentRepository.class, importStore);
        try {
            context.addService(importStore, true, false);
        } catch (Exception e) {
            throw new IllegalStateException("cannot register the CSV import's store", e);
        }
        return importStore;
    }

    boolean shared() {
        return !storeSettings.embedded();
    }

    Duration takeoverAfter() {
        return takeoverAfter;
    }

    /** The ledger of one file: a file under {@code workDir}, or the shared store's rows. */
    ImportLedger open(CsvImportSettings settings, String ledgerId, String fileName, String sha256, String group)
            throws IOException {
        if (!shared()) {
            return ImportLedger.open(settings.workDir().resolve(ledgerId + ".ledger"), "file=" + ImportLedger.clean(fileName)
                    + "\tsha256=" + sha256 + "\tgroup=" + group + "\tcreated=" + java.time.Instant.now());
        }
        return PostgresImportLedger.open(database(), ledgerId, fileName, sha256, group);
    }

    /** The registry's flow store, or one this object opens (and closes at stop) when the application has none. */
    synchronized FlowDatabase database() {
        if (database == null) {
            database = context.getRegistry().lookupByNameAndType(FLOW_DATABASE, FlowDatabase.class);
            if (database == null) {
                database = FlowDatabase.open(storeSettings);
                ownDatabase = true;
                context.getRegistry().bind(FLOW_DATABASE, FlowDatabase.class, database);
            }
        }
        return database;
    }

    @Override
    protected void doStart() throws Exception {
        if (!shared()) {
            return; // today's read lock ("changed") uses no repository
        }
        // a claim is kept alive three times per takeover period, so two lost keep-alives in a row do not lose it
        long maxAge = takeoverAfter.toMillis();
        JdbcOrphanLockAwareIdempotentRepository repository = new JdbcOrphanLockAwareIdempotentRepository(
                database().dataSource(), PROCESSOR_NAME, context);
        repository.setLockMaxAgeMillis(maxAge);
        repository.setLockKeepAliveIntervalMillis(Math.max(1_000, maxAge / 3));
        repository.setCreateTableIfNotExists(false); // the V1 migration's table, never one made at run time
        ServiceHelper.startService(repository);
        locks = repository;
        LOG.info("CSV import: several instances may share the inbox: files are claimed in the flow store"
                + " (CAMEL_MESSAGEPROCESSED, '{}'), a dead instance's file is taken over after {}", PROCESSOR_NAME,
                ImportProgress.duration(takeoverAfter));
    }

    @Override
    protected void doStop() throws Exception {
        // the claims of files still held are removed by their exchanges' rollback; what is left ages out
        ServiceHelper.stopAndShutdownService(locks);
        locks = null;
        synchronized (this) {
            if (ownDatabase && database != null) {
                database.close();
            }
            database = null;
            ownDatabase = false;
        }
    }

    // ------------------------------------------------------------------ the read lock's repository (shared only)

    private JdbcOrphanLockAwareIdempotentRepository repository() {
        JdbcOrphanLockAwareIdempotentRepository l = locks;
        if (l == null) {
            throw new IllegalStateException("the CSV import's file claims are not started (phonebook.store.url is "
                    + (shared() ? "set" : "empty") + ")");
        }
        return l;
    }

    /**
     * The claim's key for the file camel-file names by its absolute path: a hash of the file's name. The name, because
     * instances may mount the shared inbox at different paths and a name is unique in the one folder watched; hashed,
     * because camel-sql's messageId holds 100 characters and a name may be longer.
     */
    static String claimKey(String camelFileKey) {
        String name = camelFileKey;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        if (slash >= 0) {
            name = name.substring(slash + 1);
        }
        try {
            return "sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean add(String key) {
        return claim(key);
    }

    @Override
    public boolean add(Exchange exchange, String key) {
        return claim(key);
    }

    /**
     * Claims the file. A claim camel-sql takes over from a dead instance (its row updated, not inserted) is not kept
     * alive by camel-sql 4.17 (only inserted claims join its keep-alive set), so it would age out under the new owner
     * and a third instance could take it as well: such a claim is given up at once and inserted afresh, which puts it
     * in the keep-alive set; an instance that inserts it in between wins, and this one then leaves the file to it.
     */
    private synchronized boolean claim(String camelFileKey) {
        JdbcOrphanLockAwareIdempotentRepository repository = repository();
        String key = claimKey(camelFileKey);
        int kept = repository.getProcessorNameMessageIdSet().size();
        boolean claimed = repository.add(key);
        if (claimed && repository.getProcessorNameMessageIdSet().size() == kept) {
            repository.remove(key);
            claimed = repository.add(key);
            if (claimed) {
                LOG.info("CSV import: took over {} from an instance that stopped keeping its claim alive",
                        ControlChars.escape(camelFileKey));
            }
        }
        if (claimed) {
            held.add(key);
        }
        LOG.debug("{} {}", claimed ? "Claimed" : "Held by another instance:", ControlChars.escape(camelFileKey));
        return claimed;
    }

    @Override
    public boolean contains(String key) {
        return repository().contains(claimKey(key));
    }

    /**
     * Gives up a claim this instance holds. camel-file also calls this for files it listed but did not take (its
     * "excessive in-progress files"), which would delete another instance's claim: a key this instance does not hold
     * is left alone.
     */
    @Override
    public synchronized boolean remove(String camelFileKey) {
        String key = claimKey(camelFileKey);
        if (!held.remove(key)) {
            return false;
        }
        return repository().remove(key);
    }

    @Override
    public boolean confirm(String key) {
        return repository().confirm(claimKey(key));
    }

    /** Not used by the read lock; would drop every instance's claims, so it is refused. */
    @Override
    public void clear() {
        throw new UnsupportedOperationException("the CSV import's file claims are shared by every instance");
    }
}
