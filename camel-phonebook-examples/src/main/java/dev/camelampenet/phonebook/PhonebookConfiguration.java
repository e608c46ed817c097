package dev.camelampenet.phonebook;

import java.nio.file.Path;
import java.time.Duration;

import dev.camelampenet.ampenet.AmpenetComponent;
import dev.camelampenet.phonebook.csvimport.CsvImport;
import dev.camelampenet.phonebook.csvimport.CsvImportRoutes;
import dev.camelampenet.phonebook.csvimport.CsvImportSettings;
import dev.camelampenet.phonebook.csvimport.ImportMetrics;
import dev.camelampenet.phonebook.store.FlowDatabase;
import dev.camelampenet.phonebook.store.SharedStore;
import dev.camelampenet.phonebook.store.StoreSettings;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Processor;
import org.apache.camel.processor.aggregate.UseOriginalAggregationStrategy;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.MicrometerUtils;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyConfiguration;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the application before Camel configures its components: the Ampenet account (or the simulator), the shared
 * store when {@code phonebook.store.url} is set, the import bean, its thread pool, the metrics registry, and the routes in the DSL chosen by {@code phonebook.routes}.
 */
public class PhonebookConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(PhonebookConfiguration.class);
    /** The registry name of the store's rate limiter, when there is a store. */
    public static final String SHARED_RATE_LIMITER = SharedStore.RATE_LIMITER_BEAN;

    @Override
    public void configure(CamelContext context) throws Exception {
        dev.camelampenet.phonebook.demo.PhonebookDemo.configure(context); // ./demo: samples, progress, summary
        PropertiesComponent pc = context.getPropertiesComponent();
        if (property(pc, "ampenet.api-token", "").isBlank()) {
            LocalSimulator.start(context, Integer.parseInt(property(pc, "phonebook.simulator.port", "0")),
                    Integer.parseInt(property(pc, "phonebook.simulator.rate-limit", "1000")));
        } else {
            LOG.info("Using the Ampenet account at {}", property(pc, "ampenet.base-url", "https://sms.ampenet.com/api/v3"));
        }

        openStore(context, pc);

        CsvImportSettings settings = new CsvImportSettings(
                Path.of(property(pc, "phonebook.inbox", "data/inbox")),
                blankToNull(property(pc, "phonebook.work-dir", "")),
                property(pc, "phonebook.default-region", "TZ"),
                Integer.parseInt(property(pc, "phonebook.concurrency", "8")),
                Duration.ofMillis(Long.parseLong(property(pc, "phonebook.pause-delay", "30000"))),
                Duration.ofMillis(Long.parseLong(property(pc, "phonebook.drain-timeout", "60000"))));

        // One more thread than rows in flight: the one that reads the file and hands out rows. The import's window
        // lets at most `concurrency` rows be in flight, so the bounded queue never fills (and CallerRuns, Camel's
        // default for a full queue, which would nest the split's work on one stack, never happens).
        int threads = settings.concurrency() + 1;
        context.getExecutorServiceManager().registerThreadPoolProfile(new ThreadPoolProfileBuilder("csvImportPool")
                .poolSize(threads).maxPoolSize(threads).maxQueueSize(2 * threads).build());

        MeterRegistry meters = MicrometerUtils.getOrCreateMeterRegistry(context.getRegistry(),
                MicrometerConstants.METRICS_REGISTRY_NAME);
        if (context.getRegistry().lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class) == null) {
            // bound under camel-micrometer's name, so the ampenet component publishes its meters (ampenet.sms.sent,
            // ampenet.calls...) to the same registry as the import's and the routes'
            context.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class, meters);
        }
        context.addRoutePolicyFactory(routeMetrics());

        CsvImport csvImport = new CsvImport(settings, context, new ImportMetrics(meters));
        context.getRegistry().bind("csvImport", csvImport);
        context.getRegistry().bind("csvImportRedelivery", Processor.class, (Processor) csvImport::redelivering);
        // the split's result is the file's exchange as it was; a failed row is reported by CsvImport#finish
        context.getRegistry().bind("csvImportKeepFile", AggregationStrategy.class, new UseOriginalAggregationStrategy(false));

        String dsl = property(pc, "phonebook.routes", "java").trim();
        if ("yaml".equalsIgnoreCase(dsl)) {
            Resource yaml = ResourceHelper.resolveMandatoryResource(context, "classpath:routes/csv-import.camel.yaml");
            PluginHelper.getRoutesLoader(context).loadRoutes(yaml);
        } else if ("java".equalsIgnoreCase(dsl)) {
            context.addRoutes(new CsvImportRoutes());
        } else {
            throw new IllegalArgumentException("phonebook.routes must be java or yaml, not '" + dsl + "'");
        }
        LOG.info("CSV import ({} DSL): drop files into {} (region {}, {} calls at a time)", dsl.toLowerCase(),
                settings.inbox(), settings.defaultRegion(), settings.concurrency());

        dev.camelampenet.phonebook.alerting.Alerting.configure(context); // queue-to-SMS alerting (docs/alerting.md)
    }

    /**
     * With {@code phonebook.store.url} set, several instances share one PostgreSQL store (docs/operations.md): it is
     * opened (and migrated) once here, bound as {@value FlowDatabase#BEAN} for the alerting's send ledger, and closed
     * when Camel stops, after the flows (services stop in the reverse order they were added). The {@code ampenet}
     * component then books every request in the token's shared bucket, at the account's {@code ampenet.rate-limit}.
     * Empty: nothing is opened, and everything stays as one instance keeps it, in files.
     */
    private static void openStore(CamelContext context, PropertiesComponent pc) throws Exception {
        StoreSettings settings = StoreSettings.from(pc);
        if (settings.embedded()) {
            return;
        }
        // the token as the component will use it: the simulator's when none is configured (set as an override above)
        SharedStore store = SharedStore.open(settings, property(pc, "ampenet.api-token", ""),
                Integer.parseInt(property(pc, "ampenet.rate-limit", "1000").trim()));
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                store.close();
            }
        }, true, true);
        context.getRegistry().bind(FlowDatabase.BEAN, store.database());
        context.getRegistry().bind(SHARED_RATE_LIMITER, store.rateLimiter());
        // set on the component itself: Camel Main configures the same instance later from camel.component.ampenet.*,
        // which names no rate limiter, so this stays
        store.applyTo(context.getComponent("ampenet", AmpenetComponent.class).getConfiguration());
    }

    private static String property(PropertiesComponent pc, String key, String defaultValue) {
        return pc.resolveProperty(key).orElse(defaultValue);
    }

    private static Path blankToNull(String value) {
        return value == null || value.isBlank() ? null : Path.of(value);
    }

    /**
     * Camel's route meters (a timer per route, per exchange), except for the routes a CSV import runs once per row:
     * a million-row file would time a million exchanges in each, for figures the import already has in cheaper form
     * (the component's {@code ampenet.calls} timer per call, {@code phonebook.import.rows} per outcome).
     */
    static MicrometerRoutePolicyFactory routeMetrics() {
        MicrometerRoutePolicyConfiguration routes = new MicrometerRoutePolicyConfiguration();
        routes.setExcludePattern(String.join(",", CsvImportRoutes.PER_ROW_ROUTES));
        MicrometerRoutePolicyFactory factory = new MicrometerRoutePolicyFactory();
        factory.setPolicyConfiguration(routes);
        return factory;
    }
}
