package dev.camelampenet.phonebook.alerting;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last decision of {@code sms-alerts}: where the alert ends, from where each of its recipients stands in the send
 * ledger and what its call said ({@link CallReport}), or from the result decided earlier. Recipients not sent yet
 * whose call may be repeated roll the alert's transaction back ({@link AlertRetryException}): the broker delivers it
 * again and only they are sent. Otherwise the alert is settled: the variable {@link #QUEUE} names its outcome queue
 * (none when sent), and headers name each recipient's place.
 * <p>
 * Precedence, per alert: any recipient uncertain makes the alert {@code uncertain} (a person must look); else any
 * refused, or not sent after the last attempt, makes it {@code failed}; else it is sent.
 */
public final class AlertVerdict {

    private static final Logger LOG = LoggerFactory.getLogger(AlertVerdict.class);
    /** Exchange variable: the queue the route sends the alert's copy to (absent: consumed). */
    public static final String QUEUE = "alertQueue";
    /** Exchange variable: what the call said about this alert (after a send). */
    public static final String CALL = "alertCall";

    private final AlertingSettings settings;
    private final SendLedger ledger;
    private final AlertStats stats;

    public AlertVerdict(AlertingSettings settings, SendLedger ledger, AlertStats stats) {
        this.settings = settings;
        this.ledger = ledger;
        this.stats = stats;
    }

    public void decide(Exchange exchange) {
        if (AlertIntake.SENT_ALREADY.equals(exchange.getVariable(AlertIntake.STEP, String.class))) {
            return; // consumed, nothing to route
        }
        Message in = exchange.getMessage();
        String alertId = in.getHeader(AlertHeaders.ID, String.class);
        int attempts = in.getHeader(AlertHeaders.ATTEMPTS, 1, Integer.class);
        AlertResult result = exchange.getVariable(AlertIntake.RESULT, AlertResult.class);
        if (result == null) {
            result = summarise(exchange.getVariable(AlertIntake.ALERT, Alert.class), ledger.lookup(alertId),
                    exchange.getVariable(CALL, CallReport.class));
        }
        if (result.outcome() == AlertOutcome.RETRY) {
            if (attempts < settings.maxDeliveryAttempts()) {
                LOG.info("Alert {}: {}; the broker delivers it again to send {} (attempt {} of {})", alertId, progress(result),
                        result.unsent().isEmpty() ? "it" : "those", attempts, settings.maxDeliveryAttempts());
                stats.rolledBack();
                throw new AlertRetryException(result.error());
            }
            result = result.with(result.uncertain().isEmpty() ? AlertOutcome.FAILED : AlertOutcome.UNCERTAIN,
                    "gave up after " + attempts + " attempts: " + result.error());
        }
        SendLedger.Entry known = alertId == null ? null : ledger.lookup(alertId);
        if (result.outcome() != AlertOutcome.INVALID && (known == null || known.outcome() != result.outcome())) {
            try {
                ledger.results(Map.of(alertId, result));
            } catch (IOException e) {
                // the recipients' records stand: a redelivery settles the alert the same way from them
                LOG.error("Cannot write the outcome of alert {} to the send ledger {}", alertId, ledger.location(), e);
            }
        }
        if (result.outcome() != AlertOutcome.SENT && result.outcome() != AlertOutcome.INVALID) {
            LOG.info("Alert {} is {}: {}", alertId, result.outcome().label(), progress(result));
        }
        settle(exchange, alertId, result);
    }

    /**
     * Where the alert stands from its recipients' records: RETRY while some are unsent and their call may be
     * repeated, else its outcome.
     */
    static AlertResult summarise(Alert alert, SendLedger.Entry entry, CallReport call) {
        List<String> messageIds = new ArrayList<>();
        List<String> sent = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        List<String> uncertain = new ArrayList<>();
        List<String> unsent = new ArrayList<>();
        String uncertainReason = null;
        String rejectedReason = null;
        for (String n : alert.numbers()) {
            SendLedger.Recipient r = entry == null ? null : entry.recipient(n);
            if (r == null) {
                unsent.add(n);
            } else if (r.standing() == SendLedger.Standing.SENT) {
                sent.add(r.detail() == null ? n : n + ":" + r.detail());
                if (r.detail() != null) {
                    messageIds.add(r.detail());
                }
            } else if (r.standing() == SendLedger.Standing.REJECTED) {
                rejected.add(n + ": " + r.detail());
                rejectedReason = rejectedReason == null ? r.detail() : rejectedReason;
            } else {
                // UNCERTAIN, or SENDING: the call's end could not be recorded, so it may have gone out
                uncertain.add(n);
                String why = r.standing() == SendLedger.Standing.UNCERTAIN ? r.detail()
                        : call != null && call.error() != null ? call.error() : "the outcome of its call was not recorded";
                uncertainReason = uncertainReason == null ? why : uncertainReason;
            }
        }
        int total = alert.numbers().size();
        AlertOutcome outcome;
        String error;
        if (!unsent.isEmpty() && (call == null || call.retryUnsent())) {
            outcome = AlertOutcome.RETRY;
            error = call != null && call.error() != null ? call.error() : "not sent yet";
        } else if (!uncertain.isEmpty()) {
            outcome = AlertOutcome.UNCERTAIN;
            error = total == 1 ? uncertainReason : uncertain.size() + " of " + total + " recipient(s) may have been sent: " + uncertainReason;
        } else if (!unsent.isEmpty()) {
            outcome = AlertOutcome.FAILED; // refused for good before they went out: token, permission, balance...
            error = call.error();
        } else if (!rejected.isEmpty()) {
            outcome = AlertOutcome.FAILED;
            error = rejected.size() + " of " + total + " recipient(s) refused: " + rejectedReason;
        } else {
            outcome = AlertOutcome.SENT;
            error = null;
        }
        return new AlertResult(outcome, error, messageIds, rejected, sent, uncertain, unsent);
    }

    /** "100 of 300 recipient(s) sent, 100 uncertain (never resent), 100 not sent yet (Too Many Attempts.)": always the truth. */
    static String progress(AlertResult r) {
        int total = r.sent().size() + r.rejected().size() + r.uncertain().size() + r.unsent().size();
        if (total == 0) {
            return r.error(); // a campaign: no recipients of its own
        }
        StringBuilder s = new StringBuilder().append(r.sent().size()).append(" of ").append(total).append(" recipient(s) sent");
        if (!r.rejected().isEmpty()) {
            s.append(", ").append(r.rejected().size()).append(" refused");
        }
        if (!r.uncertain().isEmpty()) {
            s.append(", ").append(r.uncertain().size()).append(" uncertain (never resent)");
        }
        if (!r.unsent().isEmpty()) {
            s.append(", ").append(r.unsent().size()).append(r.outcome() == AlertOutcome.RETRY ? " not sent yet" : " not sent");
        }
        return r.error() == null ? s.toString() : s.append(" (").append(r.error()).append(')').toString();
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
        if (!result.sent().isEmpty()) {
            in.setHeader(AlertHeaders.SENT, String.join(",", result.sent()));
        }
        if (!result.uncertain().isEmpty()) {
            in.setHeader(AlertHeaders.UNCERTAIN, String.join(",", result.uncertain()));
        }
        if (!result.unsent().isEmpty()) {
            in.setHeader(AlertHeaders.UNSENT, String.join(",", result.unsent()));
        }
        countWhenDone(exchange, result.outcome());
    }

    /** Counts the alert when its exchange completes (just before the listener container commits its transaction). */
    private void countWhenDone(Exchange exchange, AlertOutcome outcome) {
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onComplete(Exchange done) {
                stats.settled(outcome);
            }
        });
    }
}
