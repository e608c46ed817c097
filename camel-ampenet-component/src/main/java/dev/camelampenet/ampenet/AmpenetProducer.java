package dev.camelampenet.ampenet;

import java.util.concurrent.CancellationException;
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
        ContactTransfer transfer = new ContactTransfer(endpoint);
        this.groups = new GroupOperations(endpoint, inputs, names, new GroupEvacuation(endpoint, transfer));
        this.contacts = new ContactOperations(endpoint, inputs, names, new MultiGroupStore(endpoint, names),
                new ContactMover(endpoint, inputs, names, transfer));
        this.sender = new SmsSender(endpoint, inputs, requests);
        this.messages = new MessageOperations(endpoint, inputs, requests, names, new MergedCampaign(endpoint, inputs, sender));
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

    /**
     * Asynchronous when the call is (a JdkHttpTransport, a paced or retried call); with the default transport the
     * calls run on this thread and the future is already complete here, so the exchange continues synchronously on
     * the same thread, as Camel's own HTTP producer does, without a hand-off.
     */
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
        if (result.isDone()) {
            complete(exchange, result);
            callback.done(true);
            return true;
        }
        result.whenComplete((body, failure) -> {
            complete(exchange, result);
            callback.done(false);
        });
        return false;
    }

    private void complete(Exchange exchange, CompletableFuture<Object> result) {
        try {
            exchange.getMessage().setBody(result.join());
        } catch (CompletionException | CancellationException failure) {
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof AmpenetNotFoundException) {
                endpoint.groupNames().forget();
            }
            exchange.setException(cause);
        }
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
