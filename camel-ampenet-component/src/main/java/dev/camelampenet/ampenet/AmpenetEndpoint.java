package dev.camelampenet.ampenet;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.camelampenet.ampenet.api.AmpenetOperation;
import dev.camelampenet.ampenet.api.AmpenetRateLimiter;
import dev.camelampenet.ampenet.api.AmpenetTransport;
import dev.camelampenet.ampenet.client.AmpenetClient;
import dev.camelampenet.ampenet.client.JdkHttpTransport;
import dev.camelampenet.ampenet.client.RequestPacer;
import dev.camelampenet.ampenet.metrics.AmpenetMetrics;
import dev.camelampenet.ampenet.sms.PhoneNumbers;
import dev.camelampenet.ampenet.wire.WireMapper;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
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
@ManagedResource(description = "Managed AmpenetEndpoint")
public class AmpenetEndpoint extends ScheduledPollEndpoint implements EndpointServiceLocation {

    @UriPath(enums = "groups,contacts,sms,campaigns,profile", description = "The API resource: groups (contact groups),"
            + " contacts, sms, campaigns or profile.")
    @Metadata(required = true)
    private String resource;

    @UriPath(enums = "list,create,get,update,delete,store,move,send,campaign,me,balance", description = "The operation on"
            + " the resource: groups list/create/get/update/delete; contacts store/get/update/delete/list/move; sms"
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

    @UriParam(label = "consumer", defaultValue = "4", description = "How many pages (25 messages each, newest first) a"
            + " poll reads at most; it stops earlier at a page with nothing new. Status changes of older messages are"
            + " seen only within this window.")
    private int maxPagesPerPoll = 4;

    @Deprecated
    @UriParam(label = "advanced", description = "Deprecated: calls go through Apache HttpClient 5, configured with the"
            + " proxy, TLS and connection options. A JDK HttpClient given here is still used (through the JDK transport),"
            + " and then those options do not apply.")
    private HttpClient httpClient;

    @UriParam(label = "advanced", description = "Your own transport for the API's HTTP calls (an AmpenetTransport"
            + " bean, e.g. a JdkHttpTransport): moves requests and answers only; the component still decides what every"
            + " answer means. Wins over httpClient and the connection options. Apache HttpClient 5 by default.")
    private AmpenetTransport transport;

    private final AmpenetOperation apiOperation;
    private volatile AmpenetClient client;
    private volatile AmpenetMetrics metrics;
    /** The limiter the client paces on, kept for JMX and the console (the component's per-token pacer or a custom one). */
    private volatile AmpenetRateLimiter rateLimiter;
    private PhoneNumbers phoneNumbers;
    private final GroupNames groupNames = new GroupNames(this);
    private volatile CompletableFuture<ZoneId> accountZone;

    public AmpenetEndpoint(String uri, AmpenetComponent component, AmpenetOperation apiOperation, AmpenetConfiguration configuration) {
        super(uri, component);
        this.apiOperation = apiOperation;
        this.resource = apiOperation.resource();
        this.operation = apiOperation.operation();
        this.configuration = configuration;
    }

    @Override
    public AmpenetComponent getComponent() {
        return (AmpenetComponent) super.getComponent();
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        if (configuration.getApiToken() == null || configuration.getApiToken().isBlank()) {
            throw new IllegalArgumentException("The ampenet component needs an apiToken, on the endpoint or the component"
                    + " (camel.component.ampenet.api-token); get one under Developers in the Ampenet web app");
        }
        if (configuration.getBaseUrl() == null || !configuration.getBaseUrl().matches("(?i)https?://.+")) {
            throw new IllegalArgumentException("baseUrl must be an http(s) URL such as " + AmpenetConfiguration.DEFAULT_BASE_URL);
        }
        configuration.validate();
        phoneNumbers = PhoneNumbers.forRegion(configuration.getDefaultRegion());
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        client();
    }

    /**
     * Drops the client: the component closes its connection pools when it stops, so a restarted endpoint makes a new
     * client on a new pool.
     */
    @Override
    protected void doStop() throws Exception {
        client = null;
        super.doStop();
    }

    @Override
    public Producer createProducer() throws Exception {
        return new AmpenetProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (apiOperation != AmpenetOperation.SMS_LIST) {
            throw new IllegalArgumentException("The ampenet consumer polls sms/list; " + apiOperation.uri() + " is for producers");
        }
        AmpenetConsumer consumer = new AmpenetConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /**
     * The client, made on first use if the endpoint was not started yet: an endpoint first used while Camel is still
     * starting (a file already in an inbox, a ProducerTemplate during start-up) may be asked before its doStart ran.
     */
    AmpenetClient client() {
        AmpenetClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = client = newClient();
                }
            }
        }
        return c;
    }

    private AmpenetClient newClient() {
        AmpenetComponent component = getComponent();
        AmpenetTransport http = transport != null ? transport
                : httpClient != null ? new JdkHttpTransport(httpClient)
                : component.transport(configuration);
        rateLimiter = configuration.getRateLimiter() != null ? configuration.getRateLimiter()
                : component.pacer(configuration.getApiToken(), configuration.getRateLimit());
        return new AmpenetClient(http, component.objectMapper(), configuration.getBaseUrl(), configuration.getApiToken(),
                rateLimiter, Duration.ofMillis(configuration.getRequestTimeout()), configuration.getMaxRetries(),
                configuration.getRetryDelay(), component.workers(), metrics());
    }

    /** What this endpoint's calls and sends came to; published to Micrometer when the registry has a MeterRegistry. */
    AmpenetMetrics metrics() {
        AmpenetMetrics m = metrics;
        if (m == null) {
            synchronized (this) {
                m = metrics;
                if (m == null) {
                    m = metrics = new AmpenetMetrics(getComponent().meterSink());
                }
            }
        }
        return m;
    }

    PhoneNumbers phoneNumbers() {
        return phoneNumbers;
    }

    GroupNames groupNames() {
        return groupNames;
    }

    /** The account's timezone (from profile/me), asked for once and only when a schedule time needs it. */
    CompletableFuture<ZoneId> accountZone() {
        CompletableFuture<ZoneId> zone = accountZone;
        if (zone == null || zone.isCompletedExceptionally()) {
            zone = client().call(AmpenetOperation.PROFILE_ME, Map.of(), null, null)
                    .thenApply(reply -> ZoneId.of(WireMapper.profile(reply.data()).timezone()));
            accountZone = zone;
        }
        return zone;
    }

    // ---- JMX (Camel's @ManagedResource convention): read-only, and never the token --------------------------------

    @ManagedAttribute(description = "The API's base URL")
    public String getBaseUrl() {
        return configuration.getBaseUrl();
    }

    @ManagedAttribute(description = "The API's host")
    public String getHost() {
        return host();
    }

    @ManagedAttribute(description = "The default sender id (null: the account's default)")
    public String getSenderId() {
        return configuration.getSenderId();
    }

    @ManagedAttribute(description = "The endpoint's operation, as resource/operation")
    public String getApiOperationName() {
        return apiOperation.uri();
    }

    @ManagedAttribute(description = "The client-side rate limit of this endpoint's token, requests per minute (-1: a custom rateLimiter)")
    public int getPacerRequestsPerMinute() {
        AmpenetRateLimiter limiter = rateLimiter;
        return limiter instanceof RequestPacer ? ((RequestPacer) limiter).requestsPerMinute()
                : limiter == null ? configuration.getRateLimit() : -1;
    }

    @ManagedAttribute(description = "How long a call made now would wait for its slot under the rate limit, in ms (-1: a custom rateLimiter)")
    public long getPacerWaitMillis() {
        AmpenetRateLimiter limiter = rateLimiter;
        return limiter instanceof RequestPacer ? ((RequestPacer) limiter).waitMillis() : limiter == null ? 0 : -1;
    }

    @ManagedAttribute(description = "The pacer's state, in words")
    public String getPacerState() {
        AmpenetRateLimiter limiter = rateLimiter;
        if (limiter == null) {
            return "not started (" + configuration.getRateLimit() + " requests/minute)";
        }
        if (!(limiter instanceof RequestPacer)) {
            return "custom rateLimiter " + limiter.getClass().getName();
        }
        long wait = getPacerWaitMillis();
        return getPacerRequestsPerMinute() + " requests/minute, " + (wait == 0 ? "a call goes at once" : "a call waits " + wait + " ms");
    }

    @ManagedAttribute(description = "SMS the API accepted through this endpoint (one per recipient)")
    public long getSmsSent() {
        return metrics().smsSent();
    }

    @ManagedAttribute(description = "SMS parts of the accepted messages")
    public long getSegmentsSent() {
        return metrics().segments();
    }

    @ManagedAttribute(description = "Recipients refused by the server or found invalid")
    public long getRecipientsRefused() {
        return metrics().recipientsRefused();
    }

    @ManagedAttribute(description = "HTTP calls to the API, every attempt")
    public long getCalls() {
        return metrics().calls();
    }

    @ManagedAttribute(description = "HTTP calls that did not end in a success answer")
    public long getFailedCalls() {
        return metrics().failedCalls();
    }

    @ManagedAttribute(description = "Calls the client repeated")
    public long getRetries() {
        return metrics().retries();
    }

    @ManagedAttribute(description = "Calls refused as over the API's rate limit")
    public long getThrottles() {
        return metrics().throttles();
    }

    @ManagedAttribute(description = "The last failed call: outcome and the API's message (never the token)")
    public String getLastError() {
        return metrics().lastError();
    }

    @ManagedAttribute(description = "When the last call failed (ISO-8601), or null")
    public String getLastErrorTime() {
        var at = metrics().lastErrorAt();
        return at == null ? null : at.toString();
    }

    /** The base URL's host, for health check names and the console ("unknown" for a URL without one). */
    String host() {
        String host = configuration.getBaseUrl() == null ? null : URI.create(configuration.getBaseUrl()).getHost();
        return host == null ? "unknown" : host;
    }

    AmpenetRateLimiter rateLimiter() {
        return rateLimiter;
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

    public int getMaxPagesPerPoll() {
        return maxPagesPerPoll;
    }

    public void setMaxPagesPerPoll(int maxPagesPerPoll) {
        this.maxPagesPerPoll = maxPagesPerPoll;
    }

    @Deprecated
    public HttpClient getHttpClient() {
        return httpClient;
    }

    @Deprecated
    public void setHttpClient(HttpClient httpClient) {
        this.httpClient = httpClient;
    }

    public AmpenetTransport getTransport() {
        return transport;
    }

    public void setTransport(AmpenetTransport transport) {
        this.transport = transport;
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
