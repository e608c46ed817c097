package dev.camelampenet.phonebook.store;

import dev.camelampenet.ampenet.AmpenetConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared store as an application wires it when {@code phonebook.store.url} is set (docs/operations.md): the
 * {@link FlowDatabase} (opened and migrated once), and on it the API token's {@link PostgresRateLimiter}, the one
 * bucket every instance on the token books its requests in. Both applications make it here, so they cannot drift
 * apart: the Camel Main application ({@code PhonebookConfiguration}) binds the parts in Camel's registry and closes it
 * when Camel stops; the Spring Boot example makes them beans and Spring closes it after Camel has stopped.
 * <p>
 * What the application still does itself, because only it knows its lifecycle: publish {@link #database()} under
 * {@value FlowDatabase#BEAN} (the alerting's send ledger looks for it there), and call {@link #applyTo} on the
 * {@code ampenet} component's configuration before the component makes its first endpoint.
 */
public final class SharedStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SharedStore.class);

    /** The registry name of the rate limiter, in both applications. */
    public static final String RATE_LIMITER_BEAN = "sharedRateLimiter";

    private final FlowDatabase database;
    private final PostgresRateLimiter rateLimiter;
    private final int requestsPerMinute;

    private SharedStore(FlowDatabase database, PostgresRateLimiter rateLimiter, int requestsPerMinute) {
        this.database = database;
        this.rateLimiter = rateLimiter;
        this.requestsPerMinute = requestsPerMinute;
    }

    /**
     * Opens the store and the token's bucket on it. Fails like {@link FlowDatabase#open(StoreSettings)} (unreachable,
     * refused, unknown schema: a {@link StoreException} with the password masked), and with the pool closed again when
     * the limiter cannot be made.
     *
     * @param settings a store URL must be set ({@link StoreSettings#embedded()} is false)
     * @param apiToken the token as the component will use it (the simulator's when the application started one); only
     *                 a hash of it reaches the database
     * @param requestsPerMinute the account's limit, for all instances together (not divided among them)
     */
    public static SharedStore open(StoreSettings settings, String apiToken, int requestsPerMinute) {
        FlowDatabase database = FlowDatabase.open(settings);
        try {
            return new SharedStore(database, new PostgresRateLimiter(database.dataSource(), apiToken, requestsPerMinute),
                    requestsPerMinute);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * Makes the component book every request of its token in the shared bucket ({@code rateLimiter} option) instead of
     * pacing this JVM alone. Call it before the component makes its endpoints: each endpoint copies the configuration.
     */
    public void applyTo(AmpenetConfiguration component) {
        component.setRateLimiter(rateLimiter);
        LOG.info("Several instances: the flows share the store at {}; the ampenet component books its requests in the"
                + " token's shared bucket ({} a minute)", database.settings().url(), requestsPerMinute);
    }

    public FlowDatabase database() {
        return database;
    }

    public PostgresRateLimiter rateLimiter() {
        return rateLimiter;
    }

    /** Closes the pool (the limiter holds nothing of its own). Calling it again does nothing. */
    @Override
    public void close() {
        database.close();
    }

    @Override
    public String toString() {
        return "SharedStore[" + database + ", " + requestsPerMinute + " requests a minute]";
    }
}
