package dev.camelampenet.ampenet;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.camelampenet.ampenet.client.RequestPacer;
import org.apache.camel.Endpoint;
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

    public AmpenetComponent() {
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        String[] parts = remaining.split("/", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("An Ampenet URI is ampenet:<resource>/<operation>, e.g. ampenet:sms/send; got ampenet:"
                    + remaining);
        }
        AmpenetOperation operation = AmpenetOperation.of(parts[0], parts[1]);
        AmpenetEndpoint endpoint = new AmpenetEndpoint(uri, this, operation, configuration.copy());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    ObjectMapper objectMapper() {
        return objectMapper;
    }

    HttpClient httpClient(long connectTimeoutMillis) {
        return httpClients.computeIfAbsent(connectTimeoutMillis, t -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // the API runs behind Apache/PHP: no HTTP/2 upgrade dance
                .connectTimeout(Duration.ofMillis(t))
                .followRedirects(HttpClient.Redirect.NEVER) // a redirect would turn a POST into a GET
                .build());
    }

    RequestPacer pacer(String apiToken, int requestsPerMinute) {
        RequestPacer pacer = pacers.computeIfAbsent(apiToken, t -> new RequestPacer(requestsPerMinute));
        pacer.limitTo(requestsPerMinute);
        return pacer;
    }

    public AmpenetConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(AmpenetConfiguration configuration) {
        this.configuration = configuration;
    }
}
