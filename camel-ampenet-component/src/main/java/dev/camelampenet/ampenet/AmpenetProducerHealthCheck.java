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
 */
public class AmpenetProducerHealthCheck extends AbstractHealthCheck {

    private final AmpenetEndpoint endpoint;

    public AmpenetProducerHealthCheck(AmpenetEndpoint endpoint, String clientId) {
        super("camel", "producer:ampenet-" + clientId);
        this.endpoint = endpoint;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("baseUrl", endpoint.getConfiguration().getBaseUrl());
        builder.detail("operation", endpoint.getApiOperation().uri());
        try {
            var reply = endpoint.client().call(AmpenetOperation.PROFILE_BALANCE, Map.of(), null, null)
                    .get(endpoint.getConfiguration().getRequestTimeout() + 5000, TimeUnit.MILLISECONDS);
            builder.detail("balance", WireMapper.balance(reply.data()).text());
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
