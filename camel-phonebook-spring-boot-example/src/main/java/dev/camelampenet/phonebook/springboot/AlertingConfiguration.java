package dev.camelampenet.phonebook.springboot;

import java.nio.file.Files;

import dev.camelampenet.phonebook.alerting.AlertBroker;
import dev.camelampenet.phonebook.alerting.Alerting;
import dev.camelampenet.phonebook.alerting.AlertingRoutes;
import dev.camelampenet.phonebook.alerting.AlertingSettings;
import dev.camelampenet.phonebook.alerting.AlertStats;
import dev.camelampenet.phonebook.alerting.SmsAlerts;
import dev.camelampenet.phonebook.store.FlowDatabase;
import jakarta.jms.ConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The queue-to-SMS alerting flow of camel-phonebook-examples as Spring beans (docs/alerting.md for the flow itself):
 * <ul>
 * <li>{@code alertingSettings}: the flow's settings, from the {@code phonebook.*} keys of application.yaml;</li>
 * <li>{@code alertBroker}: the embedded Artemis broker (no {@code phonebook.broker.url}), started when the bean is
 * made and stopped when Spring destroys it, which is after Camel has stopped, so the alerts in flight commit
 * first;</li>
 * <li>{@code alertsConnectionFactory}: the one JMS {@link ConnectionFactory} of the application. camel-jms-starter's
 * {@code jms} component takes it by autowiring, and Spring Boot's JMS auto-configuration makes a {@code JmsTemplate}
 * on it;</li>
 * <li>{@code smsAlerts}: the flow's parts (reader, coalescer, send ledger, the decisions around the calls), added
 * to Camel as a service so it stops after the routes; the send ledger is {@code <work-dir>/send.ledger}, or the
 * shared store's tables with {@code phonebook.store.url} set;</li>
 * <li>{@code alertingRoutes}: the routes {@code sms-alerts}, {@code sms-alert-batch} and {@code sms-alert-campaign},
 * a {@link RouteBuilder} bean that Camel Spring Boot picks up.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "phonebook.alerts.enabled", havingValue = "true", matchIfMissing = true)
public class AlertingConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(AlertingConfiguration.class);

    @Bean
    AlertingSettings alertingSettings(PhonebookProperties properties) {
        return properties.toAlertingSettings();
    }

    @Bean(destroyMethod = "stop")
    @Conditional(EmbeddedBroker.class)
    AlertBroker alertBroker(AlertingSettings settings) throws Exception {
        Files.createDirectories(settings.workDir());
        return AlertBroker.start(settings);
    }

    @Bean
    ConnectionFactory alertsConnectionFactory(AlertingSettings settings, ObjectProvider<AlertBroker> embedded) {
        AlertBroker broker = embedded.getIfAvailable();
        ConnectionFactory cf = broker != null ? broker.connectionFactory()
                : AlertBroker.connectionFactory(settings.brokerUrl(), settings.brokerUser(), settings.brokerPassword());
        LOG.info("{}", Alerting.summary(settings, broker != null ? Alerting.where(broker) : Alerting.where(settings)));
        return cf;
    }

    @Bean
    AlertStats alertStats() {
        return new AlertStats();
    }

    /**
     * Stopped by Camel (after the routes), not by Spring: hence no destroy method. Its send ledger is the shared
     * store's when there is one ({@code phonebook.store.url}, {@link SharedStoreConfiguration}): the library looks for
     * the bean {@value FlowDatabase#BEAN} in Camel's registry, so it is asked for here first, which also tells Spring
     * that this bean uses it.
     */
    @Bean(destroyMethod = "")
    SmsAlerts smsAlerts(CamelContext camel, AlertingSettings settings, AlertStats stats,
                        ObjectProvider<FlowDatabase> store) throws Exception {
        store.getIfAvailable();
        SmsAlerts alerts = Alerting.smsAlerts(camel, settings, stats);
        camel.addService(alerts, true, true);
        return alerts;
    }

    /**
     * The routes take their steps from {@code smsAlerts}. Their {@code ampenet:sms/send} and {@code sms/campaign}
     * producers start with the routes, so the component's producer health check is in {@code /actuator/health} from
     * the start, not only after the first alert.
     */
    @Bean
    RouteBuilder alertingRoutes(AlertingSettings settings, SmsAlerts alerts) {
        return new AlertingRoutes(settings, alerts);
    }

    /** No {@code phonebook.broker.url} (or {@code embedded}): the embedded broker. */
    static final class EmbeddedBroker implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = Binder.get(context.getEnvironment()).bind("phonebook.broker.url", String.class).orElse("").trim();
            return url.isEmpty() || "embedded".equalsIgnoreCase(url);
        }
    }
}
