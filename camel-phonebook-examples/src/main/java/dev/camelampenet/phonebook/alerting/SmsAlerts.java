package dev.camelampenet.phonebook.alerting;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import dev.camelampenet.ampenet.AmpenetConstants;
import dev.camelampenet.ampenet.error.AmpenetException;
import dev.camelampenet.ampenet.error.AmpenetUnknownOutcomeException;
import dev.camelampenet.ampenet.model.Campaign;
import dev.camelampenet.ampenet.model.ContactGroup;
import dev.camelampenet.ampenet.model.Page;
import dev.camelampenet.ampenet.model.RejectedRecipient;
import dev.camelampenet.ampenet.model.SendResult;
import dev.camelampenet.ampenet.model.SmsMessage;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerting flow's steps, the bean {@code smsAlerts} of the route {@code sms-alerts}. One call per JMS message, on
 * the consumer's thread and inside its transaction:
 * <ol>
 * <li>read and check the alert ({@link AlertParser}); a bad one is marked for {@code sms.alerts.invalid};</li>
 * <li>look it up in the {@link SendLedger}: sent already (a redelivery after a crash) is consumed without sending;
 * caught in a call when the process died goes to {@code sms.alerts.uncertain}; an outcome whose commit was lost is
 * routed again;</li>
 * <li>send it, coalesced with others ({@link AlertCoalescer}) or as a campaign for a group;</li>
 * <li>mark it for its queue, or throw {@link AlertRetryException} to roll back when nothing was sent and the API
 * may be asked again, until the last delivery attempt, which goes to {@code sms.alerts.failed}.</li>
 * </ol>
 */
public final class SmsAlerts extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(SmsAlerts.class);
    /** Exchange variable: the queue the route sends the alert's copy to (absent: consumed). */
    public static final String QUEUE = "alertQueue";
    private static final long OUTCOME_TIMEOUT_MILLIS = 15 * 60_000L;

    private final AlertingSettings settings;
    private final CamelContext context;
    private final AlertParser parser;
    private final SendLedger ledger;
    private final AlertStats stats;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, String> groupUids = new ConcurrentHashMap<>();
    private final AtomicLong batches = new AtomicLong();
    private ProducerTemplate template;
    private AlertCoalescer coalescer;

    public SmsAlerts(AlertingSettings settings, CamelContext context, AlertParser parser, SendLedger ledger, AlertStats stats) {
        this.settings = settings;
        this.context = context;
        this.parser = parser;
        this.ledger = ledger;
        this.stats = stats;
    }

    @Override
    protected void doStart() {
        template = context.createProducerTemplate();
        coalescer = new AlertCoalescer(settings.maxRecipients(), settings.windowMillis(), settings.maxWaitMillis(),
                settings.consumers(), this::sendBatch);
    }

    @Override
    protected void doStop() throws Exception {
        if (coalescer != null) {
            coalescer.close();
        }
        if (template != null) {
            template.stop();
        }
        ledger.close();
    }

    public AlertStats stats() {
        return stats;
    }

    public SendLedger ledger() {
        return ledger;
    }

    // ------------------------------------------------------------------------------------ one JMS message

    /** The route's step: decides where the alert goes (the {@link #QUEUE} variable), or throws to roll back. */
    public void handle(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        String messageId = in.getHeader("JMSMessageID", String.class);
        int attempts = attempts(in);
        in.setHeader(AlertHeaders.ATTEMPTS, attempts);
        Alert alert;
        try {
            alert = parser.parse(in.getBody(), in.getHeaders(), messageId);
        } catch (InvalidAlertException e) {
            String id = e.alertId() != null ? e.alertId() : in.getHeader(AlertHeaders.ID, messageId, String.class);
            in.setHeader(AlertHeaders.INVALID_REASON, e.getMessage());
            LOG.info("Alert {} is invalid: {}", id, e.getMessage());
            settle(exchange, id, AlertResult.of(AlertOutcome.INVALID, null));
            return;
        }
        SendLedger.Entry known = ledger.lookup(alert.id());
        if (known != null && known.sending()) {
            AlertResult r = AlertResult.of(AlertOutcome.UNCERTAIN, "the application stopped while the call sending this alert"
                    + " was under way (batch " + known.batchId() + "): it may have been sent");
            ledger.results(Map.of(alert.id(), r));
            LOG.warn("Alert {}: {}", alert.id(), r.error());
            settle(exchange, alert.id(), r);
            return;
        }
        if (known != null && known.outcome() == AlertOutcome.SENT) {
            LOG.info("Alert {} was sent already ({}); not sending it again", alert.id(), String.join(",", known.result().messageIds()));
            stats.alreadySent();
            in.setHeader(AlertHeaders.ID, alert.id());
            return;
        }
        if (known != null && known.outcome() != AlertOutcome.RETRY) {
            settle(exchange, alert.id(), known.result()); // the outcome was decided; its commit was lost
            return;
        }
        if (!inFlight.add(alert.id())) {
            throw new AlertRetryException("another message with the alert id " + alert.id() + " is being sent now");
        }
        try {
            AlertResult result = alert.group() != null ? sendCampaign(alert) : coalescer.submit(alert, OUTCOME_TIMEOUT_MILLIS);
            if (result.outcome() == AlertOutcome.RETRY) {
                if (attempts >= settings.maxDeliveryAttempts()) {
                    result = new AlertResult(AlertOutcome.FAILED, "gave up after " + attempts + " attempts: " + result.error(),
                            result.messageIds(), result.rejected());
                    ledger.results(Map.of(alert.id(), result));
                } else {
                    LOG.info("Alert {}: nothing was sent ({}); the broker delivers it again (attempt {} of {})", alert.id(),
                            result.error(), attempts, settings.maxDeliveryAttempts());
                    stats.rolledBack();
                    throw new AlertRetryException(result.error());
                }
            }
            settle(exchange, alert.id(), result);
        } finally {
            inFlight.remove(alert.id());
        }
    }

    private static int attempts(Message in) {
        Object count = in.getHeader("JMSXDeliveryCount");
        if (count != null) {
            try {
                return Math.max(1, Integer.parseInt(count.toString()));
            } catch (NumberFormatException ignored) {
                // fall through
            }
        }
        return Boolean.TRUE.equals(in.getHeader("JMSRedelivered", Boolean.class)) ? 2 : 1;
    }

    /** Sets the outcome headers, the queue to route to, and counts the alert once its transaction completes. */
    private void settle(Exchange exchange, String alertId, AlertResult result) {
        Message in = exchange.getMessage();
        in.setHeader(AlertHeaders.ID, alertId);
        String queue = result.outcome().queue(settings.queue());
        if (queue != null) {
            in.setHeader(AlertHeaders.OUTCOME, result.outcome().label());
            exchange.setVariable(QUEUE, queue);
        }
        if (result.error() != null) {
            in.setHeader(AlertHeaders.ERROR, result.error());
        }
        if (!result.rejected().isEmpty()) {
            in.setHeader(AlertHeaders.REJECTED, String.join("; ", result.rejected()));
        }
        if (!result.messageIds().isEmpty()) {
            in.setHeader(AlertHeaders.MESSAGE_IDS, String.join(",", result.messageIds()));
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onComplete(Exchange done) {
                stats.settled(result.outcome());
            }
        });
    }

    // ------------------------------------------------------------------------------------ sms/send, coalesced

    /** One sms/send call for alerts sharing text, sender and schedule; one result per alert id. Never throws. */
    Map<String, AlertResult> sendBatch(List<Alert> alerts) {
        String batchId = "b" + Long.toString(System.currentTimeMillis(), 36) + "-" + batches.incrementAndGet();
        List<String> ids = alerts.stream().map(Alert::id).collect(Collectors.toList());
        List<String> numbers = alerts.stream().flatMap(a -> a.numbers().stream()).collect(Collectors.toList());
        try {
            ledger.sending(batchId, ids);
        } catch (IOException e) {
            return all(alerts, AlertResult.of(AlertOutcome.RETRY, "the send ledger cannot be written (" + e.getMessage()
                    + "); nothing was sent"));
        }
        Alert first = alerts.get(0);
        stats.sendCall();
        Exchange call = template.send("ampenet:sms/send", e -> {
            e.getMessage().setBody(first.text());
            e.getMessage().setHeader(AmpenetConstants.RECIPIENTS, numbers);
            if (first.senderId() != null) {
                e.getMessage().setHeader(AmpenetConstants.SENDER_ID, first.senderId());
            }
            if (first.scheduleAt() != null) {
                e.getMessage().setHeader(AmpenetConstants.SCHEDULE_TIME, first.scheduleAt());
            }
        });
        Map<String, AlertResult> results = call.getException() == null
                ? accepted(alerts, call.getMessage().getBody(SendResult.class))
                : refused(alerts, numbers, call);
        record(results);
        Map<AlertOutcome, Long> counts = results.values().stream()
                .collect(Collectors.groupingBy(AlertResult::outcome, () -> new java.util.EnumMap<>(AlertOutcome.class), Collectors.counting()));
        LOG.info("sms/send {}: {} alert(s), {} recipient(s) in one call: {}", batchId, alerts.size(), numbers.size(),
                counts.entrySet().stream().map(c -> c.getValue() + " " + c.getKey().label()).collect(Collectors.joining(", ")));
        return results;
    }

    private static Map<String, AlertResult> accepted(List<Alert> alerts, SendResult result) {
        Map<String, String> uids = new HashMap<>();
        for (SmsMessage m : result.messages()) {
            uids.put(m.to(), m.uid());
        }
        Map<String, String> reasons = new HashMap<>();
        for (RejectedRecipient r : result.rejected()) {
            reasons.put(r.number() != null ? r.number() : r.recipient(), r.reason());
        }
        Map<String, AlertResult> out = new LinkedHashMap<>();
        for (Alert a : alerts) {
            List<String> got = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            for (String n : a.numbers()) {
                if (reasons.containsKey(n)) {
                    refused.add(n + ": " + reasons.get(n));
                } else if (uids.containsKey(n)) {
                    got.add(uids.get(n));
                }
            }
            out.put(a.id(), refused.isEmpty() ? AlertResult.sent(got)
                    : new AlertResult(AlertOutcome.FAILED, refused.size() + " of " + a.numbers().size() + " recipient(s) refused: "
                            + reasons.get(refused.get(0).substring(0, refused.get(0).indexOf(':'))), got, refused));
        }
        return out;
    }

    private Map<String, AlertResult> refused(List<Alert> alerts, List<String> numbers, Exchange call) {
        AmpenetException error = ampenetCause(call.getException());
        if (error == null) {
            return all(alerts, AlertResult.of(AlertOutcome.UNCERTAIN, "unexpected error during the call: " + call.getException()));
        }
        String message = error.getApiMessage();
        if (error.isSafeToRetry()) {
            return all(alerts, AlertResult.of(AlertOutcome.RETRY, message));
        }
        @SuppressWarnings("unchecked")
        List<String> sentSoFar = call.getMessage().getHeader(AmpenetConstants.MESSAGE_IDS, List.of(), List.class);
        if (error instanceof AmpenetUnknownOutcomeException) {
            if (error.getHttpResponseCode() >= 500 && sentSoFar.isEmpty() && alerts.get(0).scheduleAt() == null
                    && noneInMessageList(numbers)) {
                return all(alerts, AlertResult.of(AlertOutcome.RETRY, message + "; none of the call's recipients is in the"
                        + " account's latest messages, so nothing was sent"));
            }
            return all(alerts, new AlertResult(AlertOutcome.UNCERTAIN, message, alerts.size() == 1 ? sentSoFar : List.of(), List.of()));
        }
        // a refusal for good: invalid numbers, balance, token, permission...
        @SuppressWarnings("unchecked")
        List<RejectedRecipient> rejected = call.getMessage().getHeader(AmpenetConstants.REJECTED_RECIPIENTS, List.of(), List.class);
        Map<String, String> reasons = new HashMap<>();
        for (RejectedRecipient r : rejected) {
            reasons.put(r.number() != null ? r.number() : r.recipient(), r.reason());
        }
        Map<String, AlertResult> out = new LinkedHashMap<>();
        for (Alert a : alerts) {
            List<String> refused = a.numbers().stream().map(n -> n + ": " + reasons.getOrDefault(n, message)).collect(Collectors.toList());
            out.put(a.id(), new AlertResult(AlertOutcome.FAILED, message, alerts.size() == 1 ? sentSoFar : List.of(), refused));
        }
        return out;
    }

    /**
     * After an HTTP 5xx the call is over, so whatever the server did is in its message list: if none of the
     * recipients is among the latest messages, it did nothing and the alerts may be sent again.
     */
    private boolean noneInMessageList(List<String> numbers) {
        if (settings.reconcilePages() <= 0) {
            return false;
        }
        Set<String> wanted = Set.copyOf(numbers);
        for (int page = 1; page <= settings.reconcilePages(); page++) {
            int p = page;
            Exchange list = template.send("ampenet:sms/list", e -> e.getMessage().setHeader(AmpenetConstants.PAGE, p));
            if (list.getException() != null) {
                LOG.warn("Cannot read the message list to check a 5xx answer: {}", list.getException().getMessage());
                return false;
            }
            @SuppressWarnings("unchecked")
            Page<SmsMessage> messages = list.getMessage().getBody(Page.class);
            if (messages == null) {
                return false;
            }
            for (SmsMessage m : messages.items()) {
                if (wanted.contains(m.to())) {
                    return false;
                }
            }
            if (!messages.hasNext()) {
                return true;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------------------------ sms/campaign

    AlertResult sendCampaign(Alert alert) throws IOException {
        String uid;
        try {
            uid = groupUid(alert.group());
        } catch (AmpenetException e) {
            return AlertResult.of(e.isSafeToRetry() ? AlertOutcome.RETRY : AlertOutcome.FAILED,
                    "cannot look up the contact groups: " + e.getApiMessage());
        }
        if (uid == null) {
            AlertResult r = AlertResult.of(AlertOutcome.FAILED, "there is no contact group '" + alert.group() + "'");
            ledger.results(Map.of(alert.id(), r));
            return r;
        }
        String batchId = "c" + Long.toString(System.currentTimeMillis(), 36) + "-" + batches.incrementAndGet();
        ledger.sending(batchId, List.of(alert.id()));
        stats.campaignCall();
        Exchange call = template.send("ampenet:sms/campaign", e -> {
            e.getMessage().setBody(alert.text());
            e.getMessage().setHeader(AmpenetConstants.GROUP_ID, uid);
            if (alert.senderId() != null) {
                e.getMessage().setHeader(AmpenetConstants.SENDER_ID, alert.senderId());
            }
            if (alert.scheduleAt() != null) {
                e.getMessage().setHeader(AmpenetConstants.SCHEDULE_TIME, alert.scheduleAt());
            }
        });
        AlertResult result;
        if (call.getException() == null) {
            Campaign campaign = call.getMessage().getBody(Campaign.class);
            result = AlertResult.sent(campaign != null && campaign.uid() != null ? List.of(campaign.uid()) : List.of());
        } else {
            AmpenetException error = ampenetCause(call.getException());
            if (error == null) {
                result = AlertResult.of(AlertOutcome.UNCERTAIN, "unexpected error during the call: " + call.getException());
            } else if (error.isSafeToRetry()) {
                result = AlertResult.of(AlertOutcome.RETRY, error.getApiMessage());
            } else if (error instanceof AmpenetUnknownOutcomeException) {
                result = AlertResult.of(AlertOutcome.UNCERTAIN, error.getApiMessage());
            } else {
                result = AlertResult.of(AlertOutcome.FAILED, error.getApiMessage());
            }
        }
        record(Map.of(alert.id(), result));
        LOG.info("sms/campaign {} to group '{}' ({}): {}", batchId, alert.group(), uid, result.outcome().label());
        return result;
    }

    /** A 13-hex uid is used as it is; a name is looked up once (exact, then ignoring case). */
    private String groupUid(String group) {
        if (group.matches("[0-9a-f]{13}")) {
            return group;
        }
        String known = groupUids.get(group);
        if (known != null) {
            return known;
        }
        Exchange list = template.send("ampenet:groups/list", e -> { });
        if (list.getException() != null) {
            AmpenetException error = ampenetCause(list.getException());
            throw error != null ? error : new AmpenetException("groups/list", 0, String.valueOf(list.getException().getMessage()));
        }
        @SuppressWarnings("unchecked")
        List<ContactGroup> groups = list.getMessage().getBody(List.class);
        String uid = groups.stream().filter(g -> group.equals(g.name())).map(ContactGroup::uid).findFirst()
                .orElseGet(() -> groups.stream().filter(g -> g.name() != null && g.name().toLowerCase(Locale.ROOT)
                        .equals(group.toLowerCase(Locale.ROOT))).map(ContactGroup::uid).findFirst().orElse(null));
        if (uid != null) {
            groupUids.put(group, uid);
        }
        return uid;
    }

    // ------------------------------------------------------------------------------------ helpers

    private void record(Map<String, AlertResult> results) {
        try {
            ledger.results(results);
        } catch (IOException e) {
            // the S record stands: after a crash these alerts count as uncertain, never as unsent
            LOG.error("Cannot write the outcome of {} alert(s) to the send ledger {}", results.size(), ledger.path(), e);
        }
    }

    private static Map<String, AlertResult> all(List<Alert> alerts, AlertResult result) {
        Map<String, AlertResult> out = new LinkedHashMap<>();
        for (Alert a : alerts) {
            out.put(a.id(), result);
        }
        return out;
    }

    private static AmpenetException ampenetCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof AmpenetException) {
                return (AmpenetException) c;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }
}
