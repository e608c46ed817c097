package dev.camelampenet.phonebook.alerting;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first step of {@code sms-alerts}: reads the alert ({@link AlertParser}) and asks the {@link SendLedger} what
 * became of it before, then says what the route does next in the variable {@link #STEP}:
 * <ul>
 * <li>{@link #SEND}: the recipients not yet sent (variable {@link #TO_SEND}) go to the coalescer;</li>
 * <li>{@link #CAMPAIGN}: a group alert, one sms/campaign;</li>
 * <li>{@link #DECIDED}: nothing to send; {@link AlertVerdict} settles it from the ledger or from {@link #RESULT}
 * (invalid, or an outcome decided before whose commit was lost);</li>
 * <li>{@link #SENT_ALREADY}: sent in full before (a redelivery after a crash, or the same id published again):
 * consumed without sending.</li>
 * </ul>
 * Recipients caught in a call when the process died (an {@code S} record with no outcome) become uncertain here, so
 * they are never resent; the others of the same alert are still sent.
 */
public final class AlertIntake {

    private static final Logger LOG = LoggerFactory.getLogger(AlertIntake.class);

    /** Exchange variable: what the route does next (one of the constants below). */
    public static final String STEP = "alertStep";
    /** Exchange variable: the alert as read, every recipient. */
    public static final String ALERT = "alert";
    /** Exchange variable: the alert restricted to the recipients still to send. */
    public static final String TO_SEND = "alertToSend";
    /** Exchange variable: an outcome decided without a call, or by the campaign. */
    public static final String RESULT = "alertResult";

    public static final String SEND = "send";
    public static final String CAMPAIGN = "campaign";
    public static final String DECIDED = "decided";
    public static final String SENT_ALREADY = "sentAlready";

    private final AlertParser parser;
    private final SendLedger ledger;
    private final AlertStats stats;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    public AlertIntake(AlertParser parser, SendLedger ledger, AlertStats stats) {
        this.parser = parser;
        this.ledger = ledger;
        this.stats = stats;
    }

    public void read(Exchange exchange) throws IOException {
        Message in = exchange.getMessage();
        String messageId = in.getHeader("JMSMessageID", String.class);
        in.setHeader(AlertHeaders.ATTEMPTS, attempts(in));
        Alert alert;
        try {
            alert = parser.parse(in.getBody(), in.getHeaders(), messageId);
        } catch (InvalidAlertException e) {
            String id = e.alertId() != null ? e.alertId() : in.getHeader(AlertHeaders.ID, messageId, String.class);
            in.setHeader(AlertHeaders.ID, id);
            in.setHeader(AlertHeaders.INVALID_REASON, e.getMessage());
            LOG.info("Alert {} is invalid: {}", id, e.getMessage());
            decided(exchange, AlertResult.of(AlertOutcome.INVALID, null));
            return;
        }
        in.setHeader(AlertHeaders.ID, alert.id());
        exchange.setVariable(ALERT, alert);
        SendLedger.Entry known = ledger.lookup(alert.id());
        if (known != null && known.outcome() == AlertOutcome.SENT) {
            LOG.info("Alert {} was sent already ({}); not sending it again", alert.id(), String.join(",", known.result().messageIds()));
            stats.alreadySent();
            exchange.setVariable(STEP, SENT_ALREADY);
            return;
        }
        if (known != null && known.settled()) {
            decided(exchange, known.result()); // the outcome was decided; only its commit was lost
            return;
        }
        // two copies of one alert id at once (published twice): the second waits for the first's outcome, or its
        // open S record would read as a crash below
        if (!inFlight.add(alert.id())) {
            throw new AlertRetryException("another message with the alert id " + alert.id() + " is being sent now");
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                inFlight.remove(alert.id());
            }
        });
        if (alert.group() != null) {
            if (known != null && known.sending()) {
                AlertResult r = AlertResult.of(AlertOutcome.UNCERTAIN, crashed(known.batchId()));
                LOG.warn("Alert {}: {}", alert.id(), r.error());
                decided(exchange, r);
            } else {
                exchange.setVariable(STEP, CAMPAIGN);
            }
            return;
        }
        List<String> remaining = new ArrayList<>();
        List<String> caught = new ArrayList<>();
        String caughtIn = null;
        for (String n : alert.numbers()) {
            SendLedger.Recipient r = known == null ? null : known.recipient(n);
            if (r != null && r.standing() == SendLedger.Standing.SENDING) {
                caught.add(n);
                caughtIn = r.detail();
            } else if (r == null && known != null && known.wholeAlertSending()) {
                caught.add(n); // a record of the earlier format: the whole alert was in the call
                caughtIn = known.batchId();
            } else if (r == null) {
                remaining.add(n);
            }
        }
        if (!caught.isEmpty()) {
            String reason = crashed(caughtIn);
            ledger.called(caughtIn, Map.of(alert.id(), SendLedger.CallRecord.uncertain(caught, reason)));
            LOG.warn("Alert {}: {} of its {} recipient(s) were in a call when the application stopped (batch {}): uncertain,"
                    + " never resent", alert.id(), caught.size(), alert.numbers().size(), caughtIn);
        }
        if (remaining.isEmpty()) {
            exchange.setVariable(STEP, DECIDED);
        } else {
            if (remaining.size() < alert.numbers().size()) {
                LOG.info("Alert {}: {} of its {} recipient(s) are in the send ledger already; sending the other {}", alert.id(),
                        alert.numbers().size() - remaining.size(), alert.numbers().size(), remaining.size());
            }
            exchange.setVariable(TO_SEND, alert.withNumbers(remaining));
            exchange.setVariable(STEP, SEND);
        }
    }

    private static String crashed(String batchId) {
        return "the application stopped while the call sending this alert was under way (batch " + batchId
                + "): it may have been sent";
    }

    private static void decided(Exchange exchange, AlertResult result) {
        exchange.setVariable(RESULT, result);
        exchange.setVariable(STEP, DECIDED);
    }

    /** How many times the broker delivered the message, this time included. */
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
}
