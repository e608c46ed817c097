package dev.camelampenet.phonebook.alerting;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import dev.camelampenet.ampenet.AmpenetConstants;
import dev.camelampenet.ampenet.error.AmpenetException;
import dev.camelampenet.ampenet.error.AmpenetUnknownOutcomeException;
import dev.camelampenet.ampenet.error.AmpenetPartialSendException;
import dev.camelampenet.ampenet.model.Campaign;
import dev.camelampenet.ampenet.model.SendResult;
import dev.camelampenet.ampenet.model.SmsMessage;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decisions of the route {@code sms-alert-campaign}, around its {@code ampenet:sms/campaign}: {@link #prepare}
 * records the call in the send ledger and sets its text and group (a 13-hex uid as {@code CamelAmpenetGroupId}, a
 * name as {@code CamelAmpenetGroupName}, which the component resolves); {@link #account} turns the answer into the
 * alert's result. A campaign is all or nothing: it is created or it is not.
 * <p>
 * {@link #send} is the hand-over from {@code sms-alerts}: the alert goes through {@code sms-alert-campaign} in an
 * exchange of its own while the consumer thread waits. The component answers on its own threads, and the rest of
 * {@code sms-alerts} (the copy to an outcome queue, inside the alert's JMS transaction) must run on the consumer
 * thread, which holds that transaction.
 */
public final class AlertCampaigns {

    private static final Logger LOG = LoggerFactory.getLogger(AlertCampaigns.class);
    /** Exchange variable: the campaign call's id in the send ledger. */
    static final String CAMPAIGN_ID = "alertCampaignId";
    private static final Pattern UID = Pattern.compile("[0-9a-f]{13}");

    private final SendLedger ledger;
    private final AlertStats stats;
    private final AtomicLong campaigns = new AtomicLong();
    private volatile ProducerTemplate template;

    public AlertCampaigns(SendLedger ledger, AlertStats stats) {
        this.ledger = ledger;
        this.stats = stats;
    }

    /** The flow's template, once Camel has started (before any alert arrives). */
    void use(ProducerTemplate producerTemplate) {
        this.template = producerTemplate;
    }

    /** The step of sms-alerts: the alert (variable {@code alert}) through sms-alert-campaign; answers its result. */
    public AlertResult send(Exchange exchange) {
        Alert alert = exchange.getVariable(AlertIntake.ALERT, Alert.class);
        try {
            return template.requestBody(AlertingRoutes.CAMPAIGN, alert, AlertResult.class);
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof AlertRetryException retry) {
                throw retry; // before the call: roll back, nothing was sent
            }
            // after the call, whatever it did: its S record stands, so this is uncertain now and after a crash
            AlertResult r = AlertResult.of(AlertOutcome.UNCERTAIN, "the campaign ended with an unexpected error: " + e.getCause());
            LOG.error("Alert {}: {}", alert.id(), r.error(), e);
            return r;
        }
    }

    /** Before the call: the S record, then the call's inputs. Body: the alert. */
    public void prepare(Exchange exchange) {
        Alert alert = exchange.getMessage().getBody(Alert.class);
        exchange.setVariable(AlertIntake.ALERT, alert);
        String batchId = "c" + Long.toString(System.currentTimeMillis(), 36) + "-" + campaigns.incrementAndGet();
        boolean claimed;
        try {
            claimed = ledger.sending(batchId, List.of(alert.id())).contains(alert.id());
        } catch (IOException e) {
            throw new AlertRetryException("the send ledger cannot be written (" + e.getMessage() + "); nothing was sent");
        }
        if (!claimed) {
            // another instance holds the alert's campaign call (a copy of the same alert id) or settled it since the
            // intake looked: roll back, and the next delivery reads its record (settled, or uncertain if it never ends)
            throw new AlertRetryException("the campaign of alert " + alert.id() + " is being sent by another call; nothing was sent");
        }
        Message m = exchange.getMessage();
        m.setBody(alert.text());
        m.setHeader(UID.matcher(alert.group()).matches() ? AmpenetConstants.GROUP_ID : AmpenetConstants.GROUP_NAME, alert.group());
        if (alert.senderId() != null) {
            m.setHeader(AmpenetConstants.SENDER_ID, alert.senderId());
        }
        if (alert.scheduleAt() != null) {
            m.setHeader(AmpenetConstants.SCHEDULE_TIME, alert.scheduleAt());
        }
        exchange.setVariable(CAMPAIGN_ID, batchId);
        stats.campaignCall();
    }

    /**
     * After the call, whatever it did: the alert's result, recorded (a rollback included, so it is not taken for a
     * crash), as the body.
     */
    public AlertResult account(Exchange exchange) {
        Alert alert = exchange.getVariable(AlertIntake.ALERT, Alert.class);
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        AlertResult result;
        Object answer = exchange.getMessage().getBody();
        if (failure == null && answer instanceof SendResult merged) {
            // several groups (a comma list): the component sent one SMS per distinct number instead of a campaign
            result = AlertResult.sent(merged.messages().stream().map(SmsMessage::uid).toList());
        } else if (failure == null) {
            Campaign campaign = exchange.getMessage().getBody(Campaign.class);
            result = AlertResult.sent(campaign != null && campaign.uid() != null ? List.of(campaign.uid()) : List.of());
        } else {
            AmpenetException error = SendAccount.ampenetCause(failure);
            if (error instanceof AmpenetPartialSendException partial) {
                // a merged send to several groups cut part-way: some numbers got the SMS. The alert is settled as
                // uncertain (its S record stands, so no redelivery sends the groups again); the message says how far
                result = AlertResult.of(AlertOutcome.UNCERTAIN, partial.getMessage());
            } else if (error == null) {
                result = AlertResult.of(AlertOutcome.UNCERTAIN, "unexpected error during the call: " + failure);
            } else if (error.isSafeToRetry()) {
                result = AlertResult.of(AlertOutcome.RETRY, error.getApiMessage());
            } else if (error instanceof AmpenetUnknownOutcomeException) {
                result = AlertResult.of(AlertOutcome.UNCERTAIN, error.getApiMessage());
            } else {
                result = AlertResult.of(AlertOutcome.FAILED, error.getApiMessage()); // unknown group, token, balance...
            }
        }
        try {
            ledger.results(Map.of(alert.id(), result));
        } catch (IOException e) {
            // the S record stands: a redelivery takes the alert as uncertain, never sends it again
            LOG.error("Cannot write the outcome of alert {} to the send ledger {}", alert.id(), ledger.location(), e);
        }
        LOG.info("sms/campaign {} to group '{}': {}{}", exchange.getVariable(CAMPAIGN_ID, String.class), alert.group(),
                result.outcome().label(), result.error() == null ? "" : " (" + result.error() + ")");
        exchange.getMessage().removeHeaders("CamelAmpenet*");
        return result;
    }
}
