package dev.camelampenet.phonebook.springboot;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

import dev.camelampenet.phonebook.alerting.AlertingSettings;
import dev.camelampenet.phonebook.store.StoreSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * The {@code phonebook.*} keys of application.yaml: the same names and defaults as the Camel Main application's
 * {@code application.properties} (docs/alerting.md, Settings), bound by Spring Boot (relaxed names, environment
 * variables such as {@code PHONEBOOK_ALERTS_COALESCE_WINDOW}, durations such as {@code 500ms} or {@code 2s}; a plain
 * number is milliseconds) and turned into the alerting flow's {@link AlertingSettings}.
 */
@ConfigurationProperties(prefix = "phonebook")
public class PhonebookProperties {

    /**
     * ISO 3166 country of phone numbers written in local form (0712 345 678 in Tanzania).
     */
    private String defaultRegion = "TZ";

    private final Simulator simulator = new Simulator();
    private final Broker broker = new Broker();
    private final Store store = new Store();
    private final Alerts alerts = new Alerts();

    public String getDefaultRegion() {
        return defaultRegion;
    }

    public void setDefaultRegion(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    public Simulator getSimulator() {
        return simulator;
    }

    public Broker getBroker() {
        return broker;
    }

    public Store getStore() {
        return store;
    }

    public Alerts getAlerts() {
        return alerts;
    }

    /** The shared store's settings, read as the Camel Main application reads them (empty URL: the embedded default). */
    public StoreSettings toStoreSettings() {
        return StoreSettings.of(store.url, store.user, store.password);
    }

    /** The alerting flow's settings. */
    public AlertingSettings toAlertingSettings() {
        String url = blankToNull(broker.url);
        if (url != null && "embedded".equalsIgnoreCase(url)) {
            url = null;
        }
        int maxRecipients = Math.max(1, Math.min(100, alerts.coalesce.maxRecipients));
        return new AlertingSettings(alerts.enabled, alerts.queue, Path.of(alerts.workDir), url,
                blankToNull(broker.user), blankToNull(broker.password), broker.port,
                alerts.consumers == null ? maxRecipients : alerts.consumers, maxRecipients,
                alerts.coalesce.window.toMillis(), alerts.coalesce.maxWait.toMillis(), alerts.maxDeliveryAttempts,
                alerts.redeliveryDelay.toMillis(), alerts.redeliveryMultiplier, alerts.maxRedeliveryDelay.toMillis(),
                blankToNull(alerts.senderId), defaultRegion);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The Ampenet simulator, started in-process when no account is configured. */
    public static class Simulator {
        /**
         * The simulator's port on 127.0.0.1; 0 picks a free one (the URL is logged at start).
         */
        private int port = 0;
        /**
         * Requests per minute the simulator allows a token.
         */
        private int rateLimit = 1000;

        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }

        public int getRateLimit() {
            return rateLimit;
        }

        public void setRateLimit(int rateLimit) {
            this.rateLimit = rateLimit;
        }
    }

    /** The JMS broker: the embedded Artemis broker, or an external one. */
    public static class Broker {
        /**
         * An external Artemis broker, e.g. tcp://mq1:61616. Empty (or embedded): the embedded broker is started.
         */
        private String url;
        /**
         * User for the external broker.
         */
        private String user;
        /**
         * Password for the external broker.
         */
        private String password;
        /**
         * The embedded broker's TCP port on 127.0.0.1 for other processes: -1 none (in-VM only), 0 a free one.
         */
        private int port = 61616;

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public String getUser() {
            return user;
        }

        public void setUser(String user) {
            this.user = user;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }
    }

    /**
     * The PostgreSQL store several instances share (docs/operations.md): the send ledger and the API token's rate
     * limit. Empty URL: each instance keeps its own files, as one instance does.
     */
    public static class Store {
        /**
         * A PostgreSQL JDBC URL, e.g. jdbc:postgresql://db1:5432/phonebook. Empty: the embedded default (files).
         */
        private String url;
        /**
         * The database user.
         */
        private String user;
        /**
         * The database user's password: a secret, never logged, masked in actuator (set it in the environment,
         * PHONEBOOK_STORE_PASSWORD, not in the URL).
         */
        private String password;

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public String getUser() {
            return user;
        }

        public void setUser(String user) {
            this.user = user;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        /** Never the password, should anything print the bound properties. */
        @Override
        public String toString() {
            return StoreSettings.of(url, user, password).toString();
        }
    }

    /** The queue-to-SMS alerting flow. */
    public static class Alerts {
        /**
         * The flow at all.
         */
        private boolean enabled = true;
        /**
         * The queue; outcome queues are <queue>.invalid, .failed and .uncertain.
         */
        private String queue = "sms.alerts";
        /**
         * The send ledger (send.ledger) and the embedded broker's journal (broker/).
         */
        private String workDir = "target/phonebook-alerts";
        /**
         * JMS consumers (threads, one transaction each); empty: max-recipients, so one full batch can gather.
         */
        private Integer consumers;
        /**
         * Deliveries of an alert meeting retryable failures before it goes to <queue>.failed.
         */
        private int maxDeliveryAttempts = 10;
        /**
         * The embedded broker's first redelivery delay; it is multiplied by redelivery-multiplier each time.
         */
        @DurationUnit(ChronoUnit.MILLIS)
        private Duration redeliveryDelay = Duration.ofMillis(500);
        /**
         * How much the redelivery delay grows from one delivery to the next.
         */
        private double redeliveryMultiplier = 2;
        /**
         * The longest redelivery delay.
         */
        @DurationUnit(ChronoUnit.MILLIS)
        private Duration maxRedeliveryDelay = Duration.ofSeconds(30);
        /**
         * The sender id of alerts that name none (empty: the account's default).
         */
        private String senderId;
        private final Coalesce coalesce = new Coalesce();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getQueue() {
            return queue;
        }

        public void setQueue(String queue) {
            this.queue = queue;
        }

        public String getWorkDir() {
            return workDir;
        }

        public void setWorkDir(String workDir) {
            this.workDir = workDir;
        }

        public Integer getConsumers() {
            return consumers;
        }

        public void setConsumers(Integer consumers) {
            this.consumers = consumers;
        }

        public int getMaxDeliveryAttempts() {
            return maxDeliveryAttempts;
        }

        public void setMaxDeliveryAttempts(int maxDeliveryAttempts) {
            this.maxDeliveryAttempts = maxDeliveryAttempts;
        }

        public Duration getRedeliveryDelay() {
            return redeliveryDelay;
        }

        public void setRedeliveryDelay(Duration redeliveryDelay) {
            this.redeliveryDelay = redeliveryDelay;
        }

        public double getRedeliveryMultiplier() {
            return redeliveryMultiplier;
        }

        public void setRedeliveryMultiplier(double redeliveryMultiplier) {
            this.redeliveryMultiplier = redeliveryMultiplier;
        }

        public Duration getMaxRedeliveryDelay() {
            return maxRedeliveryDelay;
        }

        public void setMaxRedeliveryDelay(Duration maxRedeliveryDelay) {
            this.maxRedeliveryDelay = maxRedeliveryDelay;
        }

        public String getSenderId() {
            return senderId;
        }

        public void setSenderId(String senderId) {
            this.senderId = senderId;
        }

        public Coalesce getCoalesce() {
            return coalesce;
        }
    }

    /** Alerts with the same text, sender and schedule go out together. */
    public static class Coalesce {
        /**
         * Recipients per sms/send call (at most 100, the API's limit).
         */
        private int maxRecipients = 100;
        /**
         * A batch is sent when no alert joined it for this long; 0 turns coalescing off (one call per alert).
         */
        @DurationUnit(ChronoUnit.MILLIS)
        private Duration window = Duration.ofMillis(500);
        /**
         * And at the latest this long after its first alert.
         */
        @DurationUnit(ChronoUnit.MILLIS)
        private Duration maxWait = Duration.ofSeconds(2);

        public int getMaxRecipients() {
            return maxRecipients;
        }

        public void setMaxRecipients(int maxRecipients) {
            this.maxRecipients = maxRecipients;
        }

        public Duration getWindow() {
            return window;
        }

        public void setWindow(Duration window) {
            this.window = window;
        }

        public Duration getMaxWait() {
            return maxWait;
        }

        public void setMaxWait(Duration maxWait) {
            this.maxWait = maxWait;
        }
    }
}
