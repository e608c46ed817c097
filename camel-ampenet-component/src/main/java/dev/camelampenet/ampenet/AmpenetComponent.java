package dev.camelampenet.ampenet;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;

/** The {@code ampenet:} component: SMS, contacts and contact groups through the Ampenet SMS API (v3). */
@Component("ampenet")
public class AmpenetComponent extends HealthCheckComponent {

    @Metadata(description = "Shared configuration: defaults for every endpoint of this component.")
    private AmpenetConfiguration configuration = new AmpenetConfiguration();

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

    public AmpenetConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(AmpenetConfiguration configuration) {
        this.configuration = configuration;
    }
}
