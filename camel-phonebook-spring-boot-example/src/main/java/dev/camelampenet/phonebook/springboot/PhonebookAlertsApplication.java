package dev.camelampenet.phonebook.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The phonebook's queue-to-SMS alerting as a Spring Boot application: alerts put on the JMS queue {@code sms.alerts}
 * (or POSTed to {@code /alerts}) become SMS through the {@code ampenet:} component, configured by the
 * {@code camel.component.ampenet.*} properties of camel-ampenet-starter in application.yaml.
 * <p>
 * With no {@code AMPENET_API_TOKEN} it starts the Ampenet simulator in-process and uses it
 * ({@link LocalSimulatorConfiguration}); with a token (and {@code AMPENET_BASE_URL} for another reseller) it uses
 * that account. The embedded ActiveMQ Artemis broker keeps its journal and the send ledger under
 * {@code phonebook.alerts.work-dir}. {@code /actuator/health} includes the Ampenet producer check.
 */
@SpringBootApplication
@EnableConfigurationProperties(PhonebookProperties.class)
public class PhonebookAlertsApplication {

    /** The JDK's HttpClient completes every sendAsync on the CompletableFuture default pool. */
    static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    public static void main(String[] args) {
        // As in the Camel Main application: with one or two CPUs the common pool has parallelism 1, and
        // CompletableFuture then starts a thread per async task (one per API answer). Two workers make it a pool.
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null && Runtime.getRuntime().availableProcessors() <= 2) {
            System.setProperty(COMMON_POOL_PARALLELISM, "2");
        }
        SpringApplication.run(PhonebookAlertsApplication.class, args);
    }
}
