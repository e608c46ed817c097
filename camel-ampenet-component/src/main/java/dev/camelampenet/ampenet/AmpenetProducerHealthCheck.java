package dev.camelampenet.ampenet;

import dev.camelampenet.ampenet.api.AmpenetOperation;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.camelampenet.ampenet.error.AmpenetException;
import dev.camelampenet.ampenet.wire.WireMapper;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Producer health: asks for the balance (the cheapest authenticated call) and reports DOWN with the API's reason when
 * the token is refused or the API cannot be reached. Details carry the base URL and the operation, never the token.
 * <p>
 * Its id names what it watches, {@code producer:ampenet-<resource>-<operation>-<host>} (e.g.
 * {@code producer:ampenet-sms-send-sms.ampenet.com}), so it stays the same from one start to the next and an alarm
 * can be set on it; Camel's usual endpoint id ({@code ampenet-endpoint5}) is a counter that moves with the routes.
 */
public class AmpenetProducerHealthCheck extends AbstractHealthCheck {

    private final AmpenetEndpoint endpoint;

    /** @param name the check's name without the {@code producer:} prefix ({@link #nameOf}, made unique by the producer) */
    public AmpenetProducerHealthCheck(AmpenetEndpoint endpoint, String name) {
        super("camel", "producer:" + name);
        this.endpoint = endpoint;
    }

    /** {@code ampenet-sms-send-127.0.0.1}: the endpoint's resource, operation and the API's host. */
    static String nameOf(AmpenetEndpoint endpoint) {
        return "ampenet-" + endpoint.getResource() + "-" + endpoint.getOperation() + "-" + endpoint.host();
    }

    AmpenetEndpoint endpoint() {
        return endpoint;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("baseUrl", endpoint.getConfiguration().getBaseUrl());
        builder.detail("operation", endpoint.getApiOperation().uri());
        try {
            var reply = endpoint.client().call(AmpenetOperation.PROFILE_BALANCE, Map.of(), null, null)
                    .get(endpoint.getConfiguration().getRequestTimeout() + 5000, TimeUnit.MILLISECONDS);
            String balance = WireMapper.balance(reply.data()).text();
            endpoint.metrics().accountSeen(null, balance); // the dev console's last known balance
            builder.detail("balance", balance);
            builder.up();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            builder.down().message("interrupted");
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            builder.down().message(cause instanceof AmpenetException ? cause.getMessage() : "Ampenet API not reachable: "
                    + cause.getClass().getSimpleName()).error(cause);
            if (cause instanceof AmpenetException) {
                builder.detail(SERVICE_STATUS_CODE, ((AmpenetException) cause).getHttpResponseCode());
            }
        }
    }
}
