package dev.camelampenet.phonebook.springboot;

import dev.camelampenet.ampenet.AmpenetComponent;
import dev.camelampenet.ampenet.AmpenetConfiguration;
import dev.camelampenet.ampenet.api.AmpenetRateLimiter;
import dev.camelampenet.ampenet.springboot.AmpenetComponentConfiguration;
import dev.camelampenet.phonebook.store.FlowDatabase;
import dev.camelampenet.phonebook.store.SharedStore;
import dev.camelampenet.simulator.AmpenetSimulator;
import org.apache.camel.Ordered;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Several instances on one PostgreSQL store, as the Camel Main application does it (docs/operations.md): only when
 * {@code phonebook.store.url} is set. The library's {@link SharedStore} opens the store (Flyway migrates it) and makes
 * the API token's shared bucket; this class only turns its parts into beans:
 * <ul>
 * <li>{@code sharedStore}: closed by Spring, which destroys beans after Camel has stopped, so the alerts in flight
 * write their last ledger rows first;</li>
 * <li>{@code flowDatabase} ({@value FlowDatabase#BEAN}): the alerting's send ledger finds it by that name in Camel's
 * registry (Spring's beans here) and keeps its rows in the store instead of {@code <work-dir>/send.ledger};</li>
 * <li>{@code sharedRateLimiter}, and a component customizer that sets it as the {@code ampenet} component's
 * {@code rateLimiter}: every instance on the token books its requests in one row, so together they keep the
 * account's {@code camel.component.ampenet.rate-limit}.</li>
 * </ul>
 * Spring Boot's own DataSource and Flyway auto-configuration stay excluded (application.yaml): the store is not an
 * application DataSource but the flows' private pool, opened, migrated and masked the same way in both applications.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(SharedStoreConfiguration.StoreUrlSet.class)
public class SharedStoreConfiguration {

    static final String URL_PROPERTY = "phonebook.store.url";

    /**
     * The token is the one the component will use: the simulator's when the application started one (no account
     * configured), else {@code camel.component.ampenet.api-token}. A store that cannot be opened stops the start, as a
     * missing broker does: flows that cannot keep their guards must not run.
     */
    @Bean(destroyMethod = "close")
    SharedStore sharedStore(PhonebookProperties properties, AmpenetComponentConfiguration ampenet,
                            ObjectProvider<AmpenetSimulator> localSimulator) {
        AmpenetSimulator simulator = localSimulator.getIfAvailable();
        String token = simulator != null ? simulator.token() : ampenet.getApiToken();
        int limit = ampenet.getRateLimit() != null ? ampenet.getRateLimit() : new AmpenetConfiguration().getRateLimit();
        return SharedStore.open(properties.toStoreSettings(), token, limit);
    }

    /** Closed with {@code sharedStore}, not on its own. */
    @Bean(name = FlowDatabase.BEAN, destroyMethod = "")
    FlowDatabase flowDatabase(SharedStore store) {
        return store.database();
    }

    @Bean(name = SharedStore.RATE_LIMITER_BEAN, destroyMethod = "")
    AmpenetRateLimiter sharedRateLimiter(SharedStore store) {
        return store.rateLimiter();
    }

    /**
     * Runs last, after the starter's customizer has applied {@code camel.component.ampenet.*}: a
     * {@code configuration=#bean:...} there replaces the whole configuration, and the limiter must be on the one the
     * component keeps. Camel runs customizers when it creates the component, before any endpoint copies the
     * configuration.
     */
    @Bean
    ComponentCustomizer sharedRateLimiterCustomizer(SharedStore store) {
        return ComponentCustomizer.builder(AmpenetComponent.class)
                .withOrder(Ordered.LOWEST)
                .build(component -> store.applyTo(component.getConfiguration()));
    }

    /** True when {@code phonebook.store.url} is set to something other than blanks (in any spelling Spring binds). */
    static final class StoreUrlSet implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Binder.get(context.getEnvironment()).bind(URL_PROPERTY, String.class)
                    .map(url -> !url.isBlank()).orElse(false);
        }
    }
}
