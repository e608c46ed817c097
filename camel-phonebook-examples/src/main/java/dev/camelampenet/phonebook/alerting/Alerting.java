package dev.camelampenet.phonebook.alerting;

import java.nio.file.Files;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camelampenet.ampenet.sms.PhoneNumbers;
import jakarta.jms.ConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.component.jms.JmsComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the alerting flow into a CamelContext: the broker (embedded, or external with {@code phonebook.broker.url} /
 * {@code BROKER_URL}), the {@code jms} component on it, the send ledger, the bean {@code smsAlerts} and the route.
 * Beans bound for others: {@code alertsConnectionFactory}, {@code alertStats}, {@code alertingSettings}.
 */
public final class Alerting {

    private static final Logger LOG = LoggerFactory.getLogger(Alerting.class);

    private Alerting() {
    }

    public static void configure(CamelContext context) throws Exception {
        AlertingSettings settings = AlertingSettings.from(context.getPropertiesComponent());
        if (!settings.enabled()) {
            LOG.info("Queue-to-SMS alerting is off (phonebook.alerts.enabled=false)");
            return;
        }
        Files.createDirectories(settings.workDir());
        ConnectionFactory cf;
        String where;
        if (settings.brokerUrl() == null) {
            AlertBroker broker = AlertBroker.start(settings);
            context.addService(broker, true, true); // stopped after the routes, with Camel
            context.getRegistry().bind("alertBroker", broker);
            cf = broker.connectionFactory();
            where = "the embedded broker" + (broker.tcpUrl() != null ? " (" + broker.tcpUrl() + " for other processes)" : "");
        } else {
            cf = AlertBroker.connectionFactory(settings.brokerUrl(), settings.brokerUser(), settings.brokerPassword());
            where = "the broker at " + settings.brokerUrl();
        }
        JmsComponent jms = new JmsComponent();
        jms.setConnectionFactory(cf);
        context.addComponent("jms", jms);
        context.getRegistry().bind("alertsConnectionFactory", ConnectionFactory.class, cf);

        AlertStats stats = new AlertStats();
        SmsAlerts alerts = new SmsAlerts(settings, context,
                new AlertParser(new ObjectMapper(), new PhoneNumbers(settings.defaultRegion()), settings.defaultSenderId()),
                SendLedger.open(settings.workDir().resolve("send.ledger")), stats);
        context.addService(alerts, true, true);
        context.addService(new StopOnShutdown(context), true, true);
        context.getRegistry().bind("smsAlerts", alerts);
        context.getRegistry().bind("alertStats", stats);
        context.getRegistry().bind("alertingSettings", settings);
        context.addRoutes(new AlertingRoutes(settings));
        LOG.info("Queue-to-SMS alerting: {} on {}, {} consumers, {}; outcomes on {}, {}, {}", settings.queue(), where,
                settings.consumers(), settings.windowMillis() > 0
                        ? "coalescing up to " + settings.maxRecipients() + " recipients per call (window " + settings.windowMillis() + " ms)"
                        : "no coalescing",
                settings.invalidQueue(), settings.failedQueue(), settings.uncertainQueue());
    }
}
