package dev.camelampenet.ampenet;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.camelampenet.ampenet.api.AmpenetOperation;
import dev.camelampenet.ampenet.client.RequestPacer;
import dev.camelampenet.ampenet.metrics.MeterSink;
import org.apache.camel.Endpoint;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.spi.EndpointUriFactory;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;

/** The {@code ampenet:} component: SMS, contacts and contact groups through the Ampenet SMS API (v3). */
@Component("ampenet")
public class AmpenetComponent extends HealthCheckComponent {

    @Metadata(description = "Shared configuration: defaults for every endpoint of this component.")
    private AmpenetConfiguration configuration = new AmpenetConfiguration();

    /** One JSON mapper for the component; BigDecimal for fractions so costs and balances stay exact. */
    private final ObjectMapper objectMapper = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    /** HTTP clients by connect timeout: the JDK client fixes it per client, and most apps use one value. */
    private final Map<Long, HttpClient> httpClients = new ConcurrentHashMap<>();
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

    HttpClient httpClient(long connectTimeoutMillis) {
        return httpClients.computeIfAbsent(connectTimeoutMillis, t -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // the API runs behind Apache/PHP: no HTTP/2 upgrade dance
                .connectTimeout(Duration.ofMillis(t))
                .followRedirects(HttpClient.Redirect.NEVER) // a redirect would turn a POST into a GET
                // The client's own steps (read the answer into a byte[], complete its future) run on its selector
                // thread instead of being handed to a pool thread each time: one thread hand-off less per call, which
                // halved the client's CPU per call and raised sends/s by 40% in the benchmarks (docs/benchmarks.md).
                // Safe because nothing the component gives the client blocks (byte-array bodies), and sendAsync still
                // moves everything that follows to the common pool before any component or route code runs.
                .executor(Runnable::run)
                .build());
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
}
