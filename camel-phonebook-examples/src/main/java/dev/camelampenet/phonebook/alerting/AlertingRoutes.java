package dev.camelampenet.phonebook.alerting;

import org.apache.camel.ShutdownRoute;
import org.apache.camel.builder.RouteBuilder;

/**
 * Queue-to-SMS alerting, three routes (docs/alerting.md):
 * <ul>
 * <li>{@code sms-alerts} consumes {@code sms.alerts} with one local JMS transaction per message (on its consumer
 * thread), so the alert's copy to an outcome queue and the removal of the alert commit together, and a rollback
 * undoes both for the broker to deliver it again. No Camel error handler: a rollback is the retry.</li>
 * <li>{@code sms-alert-batch} is one {@code ampenet:sms/send} call for a batch of alerts the coalescer gathered
 * (on the coalescer's thread, while each alert's consumer thread waits for its report).</li>
 * <li>{@code sms-alert-campaign} is one {@code ampenet:sms/campaign} call for a group alert.</li>
 * </ul>
 * Each call route gets an exchange of its own, handed over by the coalescer or by {@link AlertCampaigns#send}, while
 * the alert's consumer thread waits: the component completes calls on its own threads, and everything
 * {@code sms-alerts} does after the call (the copy to an outcome queue) must stay on the consumer thread, in the
 * alert's JMS transaction.
 * The beans only decide: read, ledger, accounting, verdict. Every call to the API is a step here.
 */
public class AlertingRoutes extends RouteBuilder {

    /** The route that sends one coalesced batch. */
    public static final String BATCH = "direct:sms-alert-batch";
    /** The route that sends one group alert as a campaign. */
    public static final String CAMPAIGN = "direct:sms-alert-campaign";

    private final AlertingSettings settings;
    private final SmsAlerts alerts;

    public AlertingRoutes(AlertingSettings settings, SmsAlerts alerts) {
        this.settings = settings;
        this.alerts = alerts;
    }

    @Override
    public void configure() {
        // The two call routes are defined (so started) first and stopped last (Defer): alerts in flight when Camel
        // stops still wait in a batch, and their batch must still be able to go out.
        from(BATCH)
            .routeId("sms-alert-batch")
            .shutdownRoute(ShutdownRoute.Defer)
            .errorHandler(noErrorHandler())
            .bean(alerts.batches(), "prepare")          // S (the claim) in the send ledger; text, recipients, sender, schedule
            .filter(variable(AlertBatches.CLAIMED))     // no call when another call holds every recipient
                .doTry()
                    .to("ampenet:sms/send")
                .doCatch(Exception.class)               // the component's accounting is on the failure too
                .end()
            .end()
            .bean(alerts.batches(), "account");         // per recipient back to its alert; A records; reports

        from(CAMPAIGN)
            .routeId("sms-alert-campaign")
            .shutdownRoute(ShutdownRoute.Defer)
            .errorHandler(noErrorHandler())
            .bean(alerts.campaigns(), "prepare")        // S in the send ledger; text, group uid or name
            .doTry()
                .to("ampenet:sms/campaign")
            .doCatch(Exception.class)
            .end()
            .bean(alerts.campaigns(), "account");       // the alert's result, recorded

        String tx = "?transacted=true";
        from("jms:queue:" + settings.queue() + tx
                + "&cacheLevelName=CACHE_CONSUMER"
                + "&concurrentConsumers=" + settings.consumers()
                + "&maxConcurrentConsumers=" + settings.consumers()
                + "&receiveTimeout=500")
            .routeId("sms-alerts")
            .errorHandler(noErrorHandler())
            .bean(alerts.intake(), "read")              // parse; what the send ledger knows: variable alertStep
            .choice()
                .when(variable(AlertIntake.STEP).isEqualTo(AlertIntake.SEND))
                    // waits while the coalescer sends the alert's batch through sms-alert-batch
                    .setVariable(AlertVerdict.CALL, method(alerts.coalescer(), "send"))
                .when(variable(AlertIntake.STEP).isEqualTo(AlertIntake.CAMPAIGN))
                    // waits while the alert goes through sms-alert-campaign in an exchange of its own
                    .setVariable(AlertIntake.RESULT, method(alerts.campaigns(), "send"))
            .end()
            .bean(alerts.verdict(), "decide")           // roll back for the unsent, or settle: variable alertQueue
            .choice()
                .when(variable(AlertVerdict.QUEUE).isEqualTo(settings.invalidQueue()))
                    .to("jms:queue:" + settings.invalidQueue() + tx)
                .when(variable(AlertVerdict.QUEUE).isEqualTo(settings.failedQueue()))
                    .to("jms:queue:" + settings.failedQueue() + tx)
                .when(variable(AlertVerdict.QUEUE).isEqualTo(settings.uncertainQueue()))
                    .to("jms:queue:" + settings.uncertainQueue() + tx)
            .end();
    }
}
