package dev.camelampenet.ampenet;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.camelampenet.ampenet.api.AmpenetOperation;
import dev.camelampenet.ampenet.api.AmpenetTransport;
import dev.camelampenet.ampenet.client.ApacheHttpTransport;
import dev.camelampenet.ampenet.client.RequestPacer;
import dev.camelampenet.ampenet.client.TransportSettings;
import dev.camelampenet.ampenet.metrics.MeterSink;
import org.apache.camel.Endpoint;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.SSLContextParametersAware;
import org.apache.camel.spi.EndpointUriFactory;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.support.jsse.SSLContextParameters;

/** The {@code ampenet:} component: SMS, contacts and contact groups through the Ampenet SMS API (v3). */
@Component("ampenet")
public class AmpenetComponent extends HealthCheckComponent implements SSLContextParametersAware {

    @Metadata(description = "Shared configuration: defaults for every endpoint of this component.")
    private AmpenetConfiguration configuration = new AmpenetConfiguration();

    @Metadata(label = "security", defaultValue = "false", description = "Use the CamelContext's global"
            + " SSLContextParameters for the API connection when no sslContextParameters is set.")
    private boolean useGlobalSslContextParameters;

    /** One JSON mapper for the component; BigDecimal for fractions so costs and balances stay exact. */
    private final ObjectMapper objectMapper = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    /**
     * The Apache HttpClient transports by connection settings: endpoints with the same settings share one connection
     * pool. Closed when the component stops. The keys hold the proxy password and are never printed.
     */
    private final Map<TransportSettings, ApacheHttpTransport> transports = new ConcurrentHashMap<>();
    /** One SSLContext per SSLContextParameters: making one reads key and trust stores. */
    private final Map<SSLContextParameters, SSLContext> sslContexts = new ConcurrentHashMap<>();
    /** Where calls continue after a pacing or retry wait (the default transport blocks its thread); made on first use. */
    private volatile ExecutorService workers;
    /** One pacer per API token, so every endpoint of a token shares its rate limit. Keys never leave this map. */
    private final Map<String, RequestPacer> pacers = new ConcurrentHashMap<>();
    /** Moves on with every groups/update and groups/delete, so endpoints drop the group names they resolved. */
    private final AtomicLong groupsGeneration = new AtomicLong();
    /** Where the endpoints' meters go: found in the registry on first use (a MeterRegistry bean), else nowhere. */
    private volatile MeterSink meterSink;
    /** Health check names given out, by endpoint (weakly: endpoints a route no longer uses go away). */
    private final Map<AmpenetEndpoint, String> healthCheckNames = new WeakHashMap<>();

    public AmpenetComponent() {
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        AmpenetOperation operation = AmpenetOperation.fromPath(remaining);
        AmpenetEndpoint endpoint = new AmpenetEndpoint(uri, this, operation, configuration.copy());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /**
     * Camel's own check prints the unknown options with their values: a misspelt token option ({@code api_token}, as
     * the API itself names it, or {@code apiKey}) would put the token into the exception and every log that shows it.
     * This one names the unknown options only, and the option each was probably meant to be.
     */
    @Override
    protected void validateParameters(String uri, Map<String, Object> parameters, String optionPrefix) {
        if (parameters == null || parameters.isEmpty() || optionPrefix != null) {
            super.validateParameters(uri, parameters, optionPrefix);
            return;
        }
        String unknown = parameters.keySet().stream().map(name -> name + meant(name)).collect(Collectors.joining(", "));
        throw new ResolveEndpointFailedException(uri, "There are " + parameters.size() + " parameters that couldn't be set on"
                + " the endpoint. Check the uri if the parameters are spelt correctly and that they are properties of the"
                + " endpoint. Unknown parameters=[" + unknown + "] (values not shown, as one may be the API token)");
    }

    /** " (did you mean apiToken?)" for api_token, API-TOKEN, apitoken...; empty when nothing is close. */
    private String meant(String name) {
        EndpointUriFactory options = getCamelContext().getCamelContextExtension().getEndpointUriFactory("ampenet");
        String key = name.replaceAll("[_\\-.]", "").toLowerCase(Locale.ROOT);
        return options == null ? "" : options.propertyNames().stream()
                .filter(option -> option.toLowerCase(Locale.ROOT).equals(key))
                .findFirst().map(option -> " (did you mean " + option + "?)").orElse("");
    }

    ObjectMapper objectMapper() {
        return objectMapper;
    }

    /** The shared Apache HttpClient transport for an endpoint's connection settings. */
    AmpenetTransport transport(AmpenetConfiguration config) {
        SSLContextParameters tls = config.getSslContextParameters() != null ? config.getSslContextParameters()
                : retrieveGlobalSslContextParameters();
        TransportSettings settings = new TransportSettings(config.getConnectTimeout(), config.getMaxConnections(),
                config.getProxyHost(), config.getProxyPort() == null ? -1 : config.getProxyPort(), config.getProxyUsername(),
                config.getProxyPassword(), tls == null ? null : sslContext(tls));
        return transports.computeIfAbsent(settings, ApacheHttpTransport::new);
    }

    private SSLContext sslContext(SSLContextParameters parameters) {
        return sslContexts.computeIfAbsent(parameters, p -> {
            try {
                return p.createSSLContext(getCamelContext());
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalArgumentException("Cannot make a TLS context from sslContextParameters: " + e.getMessage(), e);
            }
        });
    }

    Executor workers() {
        ExecutorService w = workers;
        if (w == null) {
            synchronized (this) {
                w = workers;
                if (w == null) {
                    w = workers = getCamelContext().getExecutorServiceManager().newCachedThreadPool(this, "AmpenetCalls");
                }
            }
        }
        return w;
    }

    @Override
    protected void doStop() throws Exception {
        transports.values().forEach(ApacheHttpTransport::close);
        transports.clear();
        sslContexts.clear();
        ExecutorService w = workers;
        workers = null;
        if (w != null) {
            getCamelContext().getExecutorServiceManager().shutdown(w);
        }
        super.doStop();
    }

    long groupsGeneration() {
        return groupsGeneration.get();
    }

    void groupsChanged() {
        groupsGeneration.incrementAndGet();
    }

    RequestPacer pacer(String apiToken, int requestsPerMinute) {
        RequestPacer pacer = pacers.computeIfAbsent(apiToken, t -> new RequestPacer(requestsPerMinute));
        pacer.limitTo(requestsPerMinute);
        return pacer;
    }

    /**
     * The name of an endpoint's producer health check, after what it watches ({@link AmpenetProducerHealthCheck#nameOf}).
     * Two endpoints of one operation on one host (two tokens, say) would share it: the later one gets "-2", "-3"...
     * An endpoint keeps its name while the component lives, so a restart of its routes does not move it.
     */
    synchronized String healthCheckName(AmpenetEndpoint endpoint) {
        return healthCheckNames.computeIfAbsent(endpoint, e -> {
            String base = AmpenetProducerHealthCheck.nameOf(e);
            String name = base;
            for (int n = 2; healthCheckNames.containsValue(name); n++) {
                name = base + "-" + n;
            }
            return name;
        });
    }

    MeterSink meterSink() {
        MeterSink sink = meterSink;
        if (sink == null) {
            sink = meterSink = MeterSink.lookup(getCamelContext().getRegistry());
        }
        return sink;
    }

    public AmpenetConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(AmpenetConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public boolean isUseGlobalSslContextParameters() {
        return useGlobalSslContextParameters;
    }

    @Override
    public void setUseGlobalSslContextParameters(boolean useGlobalSslContextParameters) {
        this.useGlobalSslContextParameters = useGlobalSslContextParameters;
    }
}
