package dev.camelampenet.phonebook.springboot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camelampenet.phonebook.alerting.AlertOutcome;
import dev.camelampenet.phonebook.alerting.AlertQueues;
import dev.camelampenet.phonebook.alerting.AlertStats;
import dev.camelampenet.phonebook.alerting.AlertingSettings;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A way in for trying the example without a JMS client: {@code POST /alerts} puts the JSON body on the alert queue as
 * it is (the flow checks it, exactly as for any publisher), and {@code GET /alerts} shows where alerts ended. A body
 * that is meant as JSON but is not well-formed is answered 400 at once, with where it broke.
 */
@RestController
@RequestMapping("/alerts")
@ConditionalOnProperty(name = "phonebook.alerts.enabled", havingValue = "true", matchIfMissing = true)
public class AlertsController {

    private static final ObjectMapper JSON = new ObjectMapper();

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

    /**
     * Publishes one alert (JSON, docs/alerting.md#publishing-an-alert); 202 with the queue and the JMS message id, or
     * 400 (application/problem+json) when the body is malformed JSON.
     */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> publish(@RequestBody String alert) throws JMSException {
        Optional<ProblemDetail> malformed = malformedJson(alert);
        if (malformed.isPresent()) {
            // Queued, it would only end on the invalid queue with a reason the caller never sees; the caller is here
            // now, so it hears where its JSON broke.
            return ResponseEntity.badRequest().body(malformed.get());
        }
        AtomicReference<Message> sent = new AtomicReference<>();
        jms.send(settings.queue(), session -> {
            Message m = session.createTextMessage(alert);
            sent.set(m);
            return m;
        });
        return ResponseEntity.accepted().body(Map.of("queue", settings.queue(), "messageId", sent.get().getJMSMessageID()));
    }

    /**
     * A body meant as JSON (it starts with an object or an array, after any white space) that does not parse: a
     * problem saying so, with Jackson's reason and where it stopped (line and column from 1, character offset from 0).
     * Any other body is a plain-text alert and goes on the queue as before.
     */
    static Optional<ProblemDetail> malformedJson(String body) {
        String start = body.stripLeading();
        if (!start.startsWith("{") && !start.startsWith("[")) {
            return Optional.empty();
        }
        try (JsonParser parser = JSON.createParser(body)) {
            JSON.readTree(parser);
            // a second value after the first ({...} {...}) is malformed too, though the flow's parser would stop at
            // the first and send it
            if (parser.nextToken() == null) {
                return Optional.empty();
            }
            return Optional.of(malformed(parser.currentTokenLocation(), "more after the end of the JSON value"));
        } catch (JsonProcessingException e) {
            return Optional.of(malformed(e.getLocation(), e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not from a String
        }
    }

    private static ProblemDetail malformed(JsonLocation at, String reason) {
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()
                + " (character " + at.getCharOffset() + ")";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "malformed JSON" + where + ": " + reason);
        problem.setTitle("Malformed JSON");
        if (at != null) {
            problem.setProperty("line", at.getLineNr());
            problem.setProperty("column", at.getColumnNr());
            problem.setProperty("offset", at.getCharOffset());
        }
        return problem;
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
