package dev.camelampenet.phonebook.alerting;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The alerting flow's parts, the bean {@code smsAlerts} that {@link AlertingRoutes} takes its steps from, and their
 * life cycle: the {@link SendLedger} and the {@link AlertCoalescer} close when Camel stops, after the routes.
 * <ul>
 * <li>{@link AlertIntake}: read the alert, ask the ledger what became of it;</li>
 * <li>{@link AlertCoalescer}: the rendezvous that gathers alerts into batches and hands each to the route
 * {@code sms-alert-batch} ({@value AlertingRoutes#BATCH}); {@link AlertCampaigns#send} hands a group alert to
 * {@code sms-alert-campaign} the same way. Both wait for the call on the consumer thread, which holds the alert's
 * JMS transaction;</li>
 * <li>{@link AlertBatches} and {@link AlertCampaigns}: the decisions around the {@code ampenet:} calls;</li>
 * <li>{@link AlertVerdict}: roll back for the recipients still to send, or settle.</li>
 * </ul>
 * No part calls {@code ampenet:} itself: the calls are steps of the routes.
 */
public final class SmsAlerts extends ServiceSupport {

    private final CamelContext context;
    private final SendLedger ledger;
    private final AlertStats stats;
    private final AlertIntake intake;
    private final AlertBatches batches;
    private final AlertCampaigns campaigns;
    private final AlertVerdict verdict;
    private final AlertCoalescer coalescer;
    private volatile ProducerTemplate template;

    public SmsAlerts(AlertingSettings settings, CamelContext context, AlertParser parser, SendLedger ledger, AlertStats stats) {
        this.context = context;
        this.ledger = ledger;
        this.stats = stats;
        this.intake = new AlertIntake(parser, ledger, stats);
        this.batches = new AlertBatches(ledger, stats);
        this.campaigns = new AlertCampaigns(ledger, stats);
        this.verdict = new AlertVerdict(settings, ledger, stats);
        this.coalescer = new AlertCoalescer(settings.maxRecipients(), settings.windowMillis(), settings.maxWaitMillis(),
                settings.consumers(), this::sendBatch);
    }

    /** The coalescer's hand-over: one batch through the route sms-alert-batch, on the coalescer's sender thread. */
    private Map<String, CallReport> sendBatch(List<Alert> alerts) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, CallReport> reports = template.requestBody(AlertingRoutes.BATCH, alerts, Map.class);
            return reports;
        } catch (CamelExecutionException e) {
            // the route failed outside its call: before it (the ledger refused the S record, so nothing went out and
            // the recipients are still unsent) or after it (its records stand, read as uncertain)
            boolean before = e.getCause() instanceof AlertRetryException;
            CallReport report = new CallReport(before ? e.getCause().getMessage()
                    : "the batch ended with an unexpected error: " + e.getCause(), before);
            return alerts.stream().collect(Collectors.toMap(Alert::id, a -> report));
        }
    }

    @Override
    protected void doStart() {
        template = context.createProducerTemplate();
        campaigns.use(template);
    }

    @Override
    protected void doStop() throws Exception {
        coalescer.close(); // sends what is open: nothing waits forever
        if (template != null) {
            template.stop();
        }
        ledger.close();
    }

    public AlertIntake intake() {
        return intake;
    }

    public AlertCoalescer coalescer() {
        return coalescer;
    }

    public AlertBatches batches() {
        return batches;
    }

    public AlertCampaigns campaigns() {
        return campaigns;
    }

    public AlertVerdict verdict() {
        return verdict;
    }

    public AlertStats stats() {
        return stats;
    }

    public SendLedger ledger() {
        return ledger;
    }
}
