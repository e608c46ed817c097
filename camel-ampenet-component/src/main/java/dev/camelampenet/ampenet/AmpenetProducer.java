package dev.camelampenet.ampenet;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.camelampenet.ampenet.api.AmpenetOperation;
import dev.camelampenet.ampenet.error.AmpenetNotFoundException;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * Runs the endpoint's operation (or the one the CamelAmpenetOperation header names) without blocking a Camel thread:
 * every call is asynchronous. One handler per resource; each reads its inputs, builds the request, calls, and maps the
 * answer, straight down.
 */
public class AmpenetProducer extends DefaultAsyncProducer {

    private final AmpenetEndpoint endpoint;
    private final ExchangeInputs inputs;
    private final GroupOperations groups;
    private final ContactOperations contacts;
    private final MessageOperations messages;
    private final SmsSender sender;
    private WritableHealthCheckRepository healthCheckRepository;
    private AmpenetProducerHealthCheck healthCheck;

    public AmpenetProducer(AmpenetEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.inputs = new ExchangeInputs(endpoint);
        SmsRequests requests = new SmsRequests(endpoint);
        GroupNames names = endpoint.groupNames();
        this.groups = new GroupOperations(endpoint, inputs, names);
        this.contacts = new ContactOperations(endpoint, inputs, names);
        this.messages = new MessageOperations(endpoint, inputs, requests, names);
        this.sender = new SmsSender(endpoint, inputs, requests);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // health checks are optional: registered only where camel-health is in use
        healthCheckRepository = HealthCheckHelper.getHealthCheckRepository(endpoint.getCamelContext(), "producers",
                WritableHealthCheckRepository.class);
        if (healthCheckRepository != null) {
            healthCheck = new AmpenetProducerHealthCheck(endpoint, endpoint.getComponent().healthCheckName(endpoint));
            healthCheck.setEnabled(endpoint.getComponent().isHealthCheckProducerEnabled());
            healthCheckRepository.addHealthCheck(healthCheck);
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (healthCheckRepository != null && healthCheck != null) {
            healthCheckRepository.removeHealthCheck(healthCheck);
            healthCheck = null;
        }
        super.doStop();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        CompletableFuture<Object> result;
        try {
            result = start(exchange);
        } catch (RuntimeException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        result.whenComplete((body, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                if (cause instanceof AmpenetNotFoundException) {
                    endpoint.groupNames().forget();
                }
                exchange.setException(cause);
            } else {
                exchange.getMessage().setBody(body);
            }
            callback.done(false);
        });
        return false;
    }

    private CompletableFuture<Object> start(Exchange exchange) {
        AmpenetOperation operation = inputs.operation(exchange);
        switch (operation.resource()) {
            case "groups":
                return groups.run(operation, exchange);
            case "contacts":
                return contacts.run(operation, exchange);
            default:
                return operation == AmpenetOperation.SMS_SEND ? sender.send(exchange) : messages.run(operation, exchange);
        }
    }

    @Override
    public AmpenetEndpoint getEndpoint() {
        return endpoint;
    }
}
