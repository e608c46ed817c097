package dev.camelampenet.ampenet;

import java.util.Map;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.ScheduledPollEndpoint;

/**
 * Send SMS and manage contacts and contact groups with the Ampenet SMS API.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "ampenet", title = "Ampenet SMS", syntax = "ampenet:resource/operation",
             category = { Category.CLOUD, Category.API, Category.MOBILE }, headersClass = AmpenetConstants.class)
public class AmpenetEndpoint extends ScheduledPollEndpoint implements EndpointServiceLocation {

    @UriPath(enums = "groups,contacts,sms,campaigns,profile", description = "The API resource: groups (contact groups),"
            + " contacts, sms, campaigns or profile.")
    @Metadata(required = true)
    private String resource;

    @UriPath(enums = "list,create,get,update,delete,store,send,campaign,me,balance", description = "The operation on"
            + " the resource: groups list/create/get/update/delete; contacts store/get/update/delete/list; sms"
            + " send/get/list/campaign; campaigns get; profile me/balance. The consumer polls sms/list.")
    @Metadata(required = true)
    private String operation;

    @UriParam
    private AmpenetConfiguration configuration;

    @UriParam(label = "consumer,advanced", description = "Remembers which messages and statuses the consumer already"
            + " emitted; use a persistent repository to survive restarts. In memory by default.")
    private IdempotentRepository idempotentRepository;

    @UriParam(label = "consumer", defaultValue = "true", description = "Also emit a message again when its delivery"
            + " status changes (e.g. Delivered to Undelivered).")
    private boolean emitStatusChanges = true;

    private final AmpenetOperation apiOperation;

    public AmpenetEndpoint(String uri, AmpenetComponent component, AmpenetOperation apiOperation, AmpenetConfiguration configuration) {
        super(uri, component);
        this.apiOperation = apiOperation;
        this.resource = apiOperation.resource();
        this.operation = apiOperation.operation();
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() throws Exception {
        throw new UnsupportedOperationException("The producer arrives with the client");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        throw new UnsupportedOperationException("The consumer arrives with the client");
    }

    @Override
    public String getServiceUrl() {
        return configuration.getBaseUrl();
    }

    @Override
    public String getServiceProtocol() {
        return "http";
    }

    @Override
    public Map<String, String> getServiceMetadata() {
        return Map.of("operation", apiOperation.uri());
    }

    public AmpenetOperation getApiOperation() {
        return apiOperation;
    }

    public String getResource() {
        return resource;
    }

    public void setResource(String resource) {
        this.resource = resource;
    }

    public String getOperation() {
        return operation;
    }

    public void setOperation(String operation) {
        this.operation = operation;
    }

    public AmpenetConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(AmpenetConfiguration configuration) {
        this.configuration = configuration;
    }

    public IdempotentRepository getIdempotentRepository() {
        return idempotentRepository;
    }

    public void setIdempotentRepository(IdempotentRepository idempotentRepository) {
        this.idempotentRepository = idempotentRepository;
    }

    public boolean isEmitStatusChanges() {
        return emitStatusChanges;
    }

    public void setEmitStatusChanges(boolean emitStatusChanges) {
        this.emitStatusChanges = emitStatusChanges;
    }
}
