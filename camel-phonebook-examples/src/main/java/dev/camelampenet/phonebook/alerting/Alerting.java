package dev.camelampenet.phonebook.alerting;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camelampenet.ampenet.sms.PhoneNumbers;
import dev.camelampenet.phonebook.store.FlowDatabase;
import jakarta.jms.ConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.component.jms.JmsComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the alerting flow into a CamelContext: the broker (embedded, or external with {@code phonebook.broker.url} /
 * {@code BROKER_URL}), the {@code jms} component on it, the send ledger, the bean {@code smsAlerts} and the routes.
 * Beans bound for others: {@code alertsConnectionFactory}, {@code alertStats}, {@code alertingSettings}.
 * <p>
 * The Camel Main application calls {@link #configure(CamelContext)}. An application with its own wiring (the Spring
 * Boot example, where the broker, the connection factory and the bean are Spring beans and the {@code jms} component
 * comes from its starter) uses the parts: {@link AlertingSettings}, {@link AlertBroker#start}, {@link #smsAlerts},
 * {@link AlertingRoutes}.
 */
public final class Alerting {

    private static final Logger LOG = LoggerFactory.getLogger(Alerting.class);

    private Alerting() {
    }

    /** The flow with the settings of the application's properties ({@code phonebook.alerts.*}, {@code phonebook.broker.*}). */
    public static void configure(CamelContext context) throws Exception {
        configure(context, AlertingSettings.from(context.getPropertiesComponent()));
    }

    /** The flow with these settings: broker, {@code jms} component, bean and route, all in the CamelContext. */
    public static void configure(CamelContext context, AlertingSettings settings) throws Exception {
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
            where = where(broker);
        } else {
            cf = AlertBroker.connectionFactory(settings.brokerUrl(), settings.brokerUser(), settings.brokerPassword());
            where = where(settings);
        }
        JmsComponent jms = new JmsComponent();
        jms.setConnectionFactory(cf);
        context.addComponent("jms", jms);
        context.getRegistry().bind("alertsConnectionFactory", ConnectionFactory.class, cf);

        AlertStats stats = new AlertStats();
        SmsAlerts alerts = smsAlerts(context, settings, stats);
        context.addService(alerts, true, true);
        context.addService(new StopOnShutdown(context), true, true);
        context.getRegistry().bind("smsAlerts", alerts);
        context.getRegistry().bind("alertStats", stats);
        context.getRegistry().bind("alertingSettings", settings);
        context.addRoutes(new AlertingRoutes(settings, alerts));
        LOG.info("{}", summary(settings, where));
    }

    /**
     * The flow's parts, {@code smsAlerts} for {@link AlertingRoutes}: its parser, its send ledger
     * ({@link #ledger}: the shared store's, or {@code <work-dir>/send.ledger}, the folder made if missing), its coalescer and the decisions around the calls.
     * Not started: the caller adds it to the
     * CamelContext as a service ({@code context.addService(alerts, true, true)}), so it stops after the routes. For an
     * application that wires the broker, the {@code jms} component and the route itself (the Spring Boot example).
     */
    public static SmsAlerts smsAlerts(CamelContext context, AlertingSettings settings, AlertStats stats) throws IOException {
        Files.createDirectories(settings.workDir());
        // the shared instance for the region: the ampenet endpoint with the same default region recognises the numbers
        // the parser wrote and does not parse them again (one normalisation per number)
        return new SmsAlerts(settings, context,
                new AlertParser(new ObjectMapper(), PhoneNumbers.forRegion(settings.defaultRegion()), settings.defaultSenderId()),
                ledger(context, settings), stats);
    }

    /**
     * The send ledger: on the shared store when the application opened one ({@link FlowDatabase#BEAN} in the
     * registry, {@code phonebook.store.url} set), so instances on one broker recognise each other's alerts; else the
     * file {@code <work-dir>/send.ledger} of this instance alone.
     */
    static SendLedger ledger(CamelContext context, AlertingSettings settings) throws IOException {
        FlowDatabase store = context.getRegistry().lookupByNameAndType(FlowDatabase.BEAN, FlowDatabase.class);
        SendLedger ledger = store != null
                ? new PostgresSendLedger(store, instanceName(context))
                : SendLedger.open(settings.workDir().resolve("send.ledger"));
        LOG.info("Alerting's send ledger: {}", ledger.location());
        return ledger;
    }

    /** "4711@host1/phonebook": the process and the CamelContext, so two contexts in one JVM are told apart too. */
    static String instanceName(CamelContext context) {
        return ManagementFactory.getRuntimeMXBean().getName() + "/" + context.getName();
    }

    /** "the embedded broker (tcp://127.0.0.1:61616 for other processes)", for the start-up line. */
    public static String where(AlertBroker broker) {
        return "the embedded broker" + (broker.tcpUrl() != null ? " (" + broker.tcpUrl() + " for other processes)" : "");
    }

    /** "the broker at tcp://mq1:61616", for the start-up line. */
    public static String where(AlertingSettings settings) {
        return "the broker at " + settings.brokerUrl();
    }

    /** The start-up line: queue, broker, consumers, coalescing, outcome queues. */
    public static String summary(AlertingSettings settings, String where) {
        return "Queue-to-SMS alerting: " + settings.queue() + " on " + where + ", " + settings.consumers() + " consumers, "
                + (settings.windowMillis() > 0
                        ? "coalescing up to " + settings.maxRecipients() + " recipients per call (window " + settings.windowMillis() + " ms)"
                        : "no coalescing")
                + "; outcomes on " + settings.invalidQueue() + ", " + settings.failedQueue() + ", " + settings.uncertainQueue();
    }
}
