package dev.camelampenet.phonebook.alerting;

import org.apache.camel.builder.RouteBuilder;

/**
 * Queue-to-SMS alerting. {@code sms-alerts} consumes {@code sms.alerts} with one local JMS transaction per message
 * (on its consumer thread), so the alert's copy to an outcome queue and the removal of the alert commit together,
 * and a failure rolls both back for the broker to deliver again. No Camel error handler: a rollback is the retry.
 */
public class AlertingRoutes extends RouteBuilder {

    private final AlertingSettings settings;

    public AlertingRoutes(AlertingSettings settings) {
        this.settings = settings;
    }

    @Override
    public void configure() {
        String tx = "?transacted=true";
        from("jms:queue:" + settings.queue() + tx
                + "&cacheLevelName=CACHE_CONSUMER"
                + "&concurrentConsumers=" + settings.consumers()
                + "&maxConcurrentConsumers=" + settings.consumers()
                + "&receiveTimeout=500")
            .routeId("sms-alerts")
            .errorHandler(noErrorHandler())
            .bean("smsAlerts", "handle")
            .choice()
                .when(variable(SmsAlerts.QUEUE).isEqualTo(settings.invalidQueue()))
                    .to("jms:queue:" + settings.invalidQueue() + tx)
                .when(variable(SmsAlerts.QUEUE).isEqualTo(settings.failedQueue()))
                    .to("jms:queue:" + settings.failedQueue() + tx)
                .when(variable(SmsAlerts.QUEUE).isEqualTo(settings.uncertainQueue()))
                    .to("jms:queue:" + settings.uncertainQueue() + tx)
            .end();
    }
}
