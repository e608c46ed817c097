package dev.camelampenet.phonebook.alerting;

import java.nio.file.Path;

import org.apache.camel.spi.PropertiesComponent;

/**
 * The alerting flow's settings ({@code phonebook.alerts.*} and {@code phonebook.broker.*} in
 * application.properties; docs/alerting.md explains each).
 *
 * @param brokerUrl an external broker, or null for the embedded one
 * @param brokerPort the embedded broker's TCP port on 127.0.0.1 for other processes: -1 none, 0 a free one
 * @param consumers JMS consumers (threads), each with its own transaction
 * @param maxRecipients recipients per sms/send call (the API takes at most 100)
 * @param windowMillis a batch is sent when no alert joined it for this long; 0 turns coalescing off
 * @param maxWaitMillis and at the latest this long after its first alert
 * @param maxDeliveryAttempts deliveries of an alert that kept meeting retryable failures before it goes to failed
 */
public record AlertingSettings(boolean enabled, String queue, Path workDir, String brokerUrl, String brokerUser,
                               String brokerPassword, int brokerPort, int consumers, int maxRecipients,
                               long windowMillis, long maxWaitMillis, int maxDeliveryAttempts, long redeliveryDelay,
                               double redeliveryMultiplier, long maxRedeliveryDelay, String defaultSenderId,
                               String defaultRegion) {

    public static AlertingSettings from(PropertiesComponent pc) {
        String url = get(pc, "phonebook.broker.url", "");
        if (url.isBlank()) {
            url = System.getenv().getOrDefault("BROKER_URL", "");
        }
        if ("embedded".equalsIgnoreCase(url.trim())) {
            url = ""; // the demo's way to ignore BROKER_URL
        }
        int maxRecipients = Math.max(1, Math.min(100, Integer.parseInt(get(pc, "phonebook.alerts.coalesce.max-recipients", "100"))));
        String consumers = get(pc, "phonebook.alerts.consumers", "");
        return new AlertingSettings(
                Boolean.parseBoolean(get(pc, "phonebook.alerts.enabled", "true")),
                get(pc, "phonebook.alerts.queue", "sms.alerts"),
                Path.of(get(pc, "phonebook.alerts.work-dir", "data/alerts")),
                url.isBlank() ? null : url.trim(),
                blankToNull(get(pc, "phonebook.broker.user", "")),
                blankToNull(get(pc, "phonebook.broker.password", "")),
                Integer.parseInt(get(pc, "phonebook.broker.port", "61616")),
                consumers.isBlank() ? maxRecipients : Integer.parseInt(consumers),
                maxRecipients,
                Long.parseLong(get(pc, "phonebook.alerts.coalesce.window", "500")),
                Long.parseLong(get(pc, "phonebook.alerts.coalesce.max-wait", "2000")),
                Integer.parseInt(get(pc, "phonebook.alerts.max-delivery-attempts", "10")),
                Long.parseLong(get(pc, "phonebook.alerts.redelivery-delay", "500")),
                Double.parseDouble(get(pc, "phonebook.alerts.redelivery-multiplier", "2")),
                Long.parseLong(get(pc, "phonebook.alerts.max-redelivery-delay", "30000")),
                blankToNull(get(pc, "phonebook.alerts.sender-id", "")),
                get(pc, "phonebook.default-region", "TZ"));
    }

    public String invalidQueue() {
        return AlertOutcome.INVALID.queue(queue);
    }

    public String failedQueue() {
        return AlertOutcome.FAILED.queue(queue);
    }

    public String uncertainQueue() {
        return AlertOutcome.UNCERTAIN.queue(queue);
    }

    private static String get(PropertiesComponent pc, String key, String defaultValue) {
        return pc.resolveProperty(key).map(String::trim).orElse(defaultValue);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
