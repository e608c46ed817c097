package dev.camelampenet.phonebook.alerting;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Apache ActiveMQ Artemis broker: persistent (journal, bindings, paging and large messages under
 * {@code <work-dir>/broker}, each commit forced to disk), no security, reachable in-VM by the application and on
 * {@code tcp://127.0.0.1:<port>} by other processes. The queue {@code sms.alerts} redelivers a rolled-back alert
 * after a delay that doubles from {@code redelivery-delay} up to {@code max-redelivery-delay}.
 */
public final class AlertBroker extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(AlertBroker.class);
    private static final AtomicInteger SERVER_IDS = new AtomicInteger();

    private final EmbeddedActiveMQ broker;
    private final String inVmUrl;
    private final String tcpUrl;

    private AlertBroker(EmbeddedActiveMQ broker, String inVmUrl, String tcpUrl) {
        this.broker = broker;
        this.inVmUrl = inVmUrl;
        this.tcpUrl = tcpUrl;
    }

    /** Starts the broker now, so the routes find it running. */
    public static AlertBroker start(AlertingSettings settings) throws Exception {
        Path dir = settings.workDir().resolve("broker").toAbsolutePath();
        int serverId = SERVER_IDS.incrementAndGet();
        String inVm = "vm://" + serverId;
        int port = settings.brokerPort() == 0 ? freePort() : settings.brokerPort();
        String tcp = port > 0 ? "tcp://127.0.0.1:" + port : null;

        Configuration config = new ConfigurationImpl()
                .setName("phonebook-alerts")
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .setJournalType(JournalType.NIO) // no native libaio needed, any OS
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .setLargeMessagesDirectory(dir.resolve("large-messages").toString())
                .setNodeManagerLockDirectory(dir.toString())
                .setJournalFileSize(2 * 1024 * 1024)
                .setJournalMinFiles(2)
                .setPersistDeliveryCountBeforeDelivery(true) // the delivery count survives a crash
                .setMaxDiskUsage(-1)
                .setGracefulShutdownEnabled(false);
        config.addAcceptorConfiguration("in-vm", inVm);
        if (tcp != null) {
            config.addAcceptorConfiguration("tcp", tcp);
        }
        // a rolled-back alert comes back after 0.5 s, 1 s, 2 s... The flow sends it to sms.alerts.failed on its last
        // attempt itself; the dead-letter queue only catches what a bug might leave (it should stay empty).
        SimpleString dead = SimpleString.of(settings.queue() + ".dead");
        config.addAddressSetting("#", new AddressSettings().setDeadLetterAddress(dead).setExpiryAddress(dead));
        config.addAddressSetting(settings.queue(), new AddressSettings()
                .setRedeliveryDelay(settings.redeliveryDelay())
                .setRedeliveryMultiplier(settings.redeliveryMultiplier())
                .setMaxRedeliveryDelay(settings.maxRedeliveryDelay())
                .setMaxDeliveryAttempts(settings.maxDeliveryAttempts() + 5)
                .setDeadLetterAddress(dead).setExpiryAddress(dead));
        for (String queue : List.of(settings.queue(), settings.invalidQueue(), settings.failedQueue(),
                settings.uncertainQueue(), settings.queue() + ".dead")) {
            config.addQueueConfiguration(QueueConfiguration.of(queue).setAddress(queue)
                    .setRoutingType(RoutingType.ANYCAST).setDurable(true));
        }
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfiguration(config);
        broker.start();
        LOG.info("Embedded ActiveMQ Artemis broker started: journal {}, {}{}", dir, inVm, tcp != null ? ", " + tcp : "");
        return new AlertBroker(broker, inVm, tcp);
    }

    /** The application's connection factory: in-VM, no prefetch (so idle consumers share a burst). */
    public ConnectionFactory connectionFactory() {
        return connectionFactory(inVmUrl, null, null);
    }

    /** tcp://127.0.0.1:port for other processes, or null when no TCP acceptor was asked for. */
    public String tcpUrl() {
        return tcpUrl;
    }

    /**
     * A connection factory for a broker URL. Without an explicit {@code consumerWindowSize} in the URL it turns
     * prefetch off: a consumer that buffered messages while its thread waits in a batch would keep them from the
     * others, and the burst would not coalesce.
     */
    public static ConnectionFactory connectionFactory(String url, String user, String password) {
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(url, user, password);
        if (!url.contains("consumerWindowSize")) {
            cf.setConsumerWindowSize(0);
        }
        return cf;
    }

    /** Messages on a queue of the embedded broker, including those delivered and not yet committed; -1 when unknown. */
    public long messageCount(String queue) {
        var q = broker.getActiveMQServer() == null ? null : broker.getActiveMQServer().locateQueue(queue);
        return q == null ? -1 : q.getMessageCount();
    }

    /** Consumers attached to a queue of the embedded broker (every instance's), or -1 when unknown. */
    public int consumerCount(String queue) {
        var q = broker.getActiveMQServer() == null ? null : broker.getActiveMQServer().locateQueue(queue);
        return q == null ? -1 : q.getConsumerCount();
    }

    @Override
    protected void doStop() throws Exception {
        broker.stop();
        LOG.info("Embedded broker stopped");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
