package dev.camelampenet.phonebook.springboot;

import dev.camelampenet.ampenet.AmpenetComponent;
import dev.camelampenet.simulator.AmpenetSimulator;
import org.apache.camel.Ordered;
import org.apache.camel.spi.ComponentCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The Ampenet simulator as the application's API when no account is configured
 * ({@code camel.component.ampenet.api-token} empty, i.e. no {@code AMPENET_API_TOKEN}): a bean started on 127.0.0.1
 * and stopped with the application, and a component customizer that points the {@code ampenet} component at it.
 * <p>
 * The customizer runs last ({@link Ordered#LOWEST}), after the starter's, which has applied the
 * {@code camel.component.ampenet.*} properties by then: the simulator's URL and token replace only those two, every
 * other property (default region, rate limit, ...) stays. Camel creates the component, and so runs the customizers,
 * when the routes start, before any alert is read.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(LocalSimulatorConfiguration.NoAmpenetAccount.class)
public class LocalSimulatorConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(LocalSimulatorConfiguration.class);
    static final String TOKEN_PROPERTY = "camel.component.ampenet.api-token";

    @Bean(destroyMethod = "stop")
    AmpenetSimulator ampenetSimulator(PhonebookProperties properties) {
        AmpenetSimulator simulator = AmpenetSimulator.builder().host("127.0.0.1")
                .port(properties.getSimulator().getPort())
                .rateLimit(properties.getSimulator().getRateLimit())
                .start();
        LOG.info("No Ampenet account configured (AMPENET_API_TOKEN): using the simulator at {} (console {})",
                simulator.baseUrl(), simulator.consoleUrl());
        return simulator;
    }

    @Bean
    ComponentCustomizer ampenetSimulatorCustomizer(AmpenetSimulator simulator) {
        return ComponentCustomizer.builder(AmpenetComponent.class)
                .withOrder(Ordered.LOWEST)
                .build(component -> {
                    component.getConfiguration().setBaseUrl(simulator.baseUrl());
                    component.getConfiguration().setApiToken(simulator.token());
                });
    }

    /** True when {@code camel.component.ampenet.api-token} is empty or absent (in any spelling Spring Boot binds). */
    static final class NoAmpenetAccount implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Binder.get(context.getEnvironment()).bind(TOKEN_PROPERTY, String.class)
                    .map(String::isBlank).orElse(true);
        }
    }
}
