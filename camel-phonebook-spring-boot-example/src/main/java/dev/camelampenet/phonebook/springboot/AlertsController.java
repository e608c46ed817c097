package dev.camelampenet.phonebook.springboot;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.camelampenet.phonebook.alerting.AlertOutcome;
import dev.camelampenet.phonebook.alerting.AlertQueues;
import dev.camelampenet.phonebook.alerting.AlertStats;
import dev.camelampenet.phonebook.alerting.AlertingSettings;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A way in for trying the example without a JMS client: {@code POST /alerts} puts the JSON body on the alert queue as
 * it is (the flow checks it, exactly as for any publisher), and {@code GET /alerts} shows where alerts ended.
 */
@RestController
@RequestMapping("/alerts")
@ConditionalOnProperty(name = "phonebook.alerts.enabled", havingValue = "true", matchIfMissing = true)
public class AlertsController {

    private final JmsTemplate jms;
    private final ConnectionFactory connectionFactory;
    private final AlertingSettings settings;
    private final AlertStats stats;

    public AlertsController(JmsTemplate jms, ConnectionFactory connectionFactory, AlertingSettings settings, AlertStats stats) {
        this.jms = jms;
        this.connectionFactory = connectionFactory;
        this.settings = settings;
        this.stats = stats;
    }

    /** Publishes one alert (JSON, docs/alerting.md#publishing-an-alert); 202 with the queue and the JMS message id. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, String>> publish(@RequestBody String alert) throws JMSException {
        AtomicReference<Message> sent = new AtomicReference<>();
        jms.send(settings.queue(), session -> {
            Message m = session.createTextMessage(alert);
            sent.set(m);
            return m;
        });
        return ResponseEntity.accepted().body(Map.of("queue", settings.queue(), "messageId", sent.get().getJMSMessageID()));
    }

    /** The flow's counters since start, and how many alerts sit on each queue. */
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> status() throws JMSException {
        Map<String, Object> counts = new LinkedHashMap<>();
        for (AlertOutcome outcome : new AlertOutcome[] {AlertOutcome.SENT, AlertOutcome.INVALID, AlertOutcome.FAILED, AlertOutcome.UNCERTAIN}) {
            counts.put(outcome.label(), stats.count(outcome));
        }
        counts.put("sentAlready", stats.alreadySentCount());
        counts.put("rollbacks", stats.rollbacks());
        counts.put("smsSendCalls", stats.sendCalls());
        counts.put("smsCampaignCalls", stats.campaignCalls());
        Map<String, Object> queues = new LinkedHashMap<>();
        for (String queue : new String[] {settings.queue(), settings.invalidQueue(), settings.failedQueue(), settings.uncertainQueue()}) {
            queues.put(queue, AlertQueues.depth(connectionFactory, queue));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("alerts", counts);
        answer.put("queues", queues);
        return answer;
    }
}
