package dev.camelampenet.phonebook;

import dev.camelampenet.simulator.AmpenetSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ampenet simulator as the application's API when no account is configured: started on 127.0.0.1 before the
 * component is configured, its URL and token handed to the component as override properties, stopped with Camel.
 */
final class LocalSimulator extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(LocalSimulator.class);

    private final AmpenetSimulator simulator;

    private LocalSimulator(AmpenetSimulator simulator) {
        this.simulator = simulator;
    }

    static AmpenetSimulator start(CamelContext context, int port, int rateLimit) throws Exception {
        AmpenetSimulator simulator = AmpenetSimulator.builder().host("127.0.0.1").port(port).rateLimit(rateLimit).start();
        PropertiesComponent pc = context.getPropertiesComponent();
        pc.addOverrideProperty("ampenet.api-token", simulator.token());
        pc.addOverrideProperty("ampenet.base-url", simulator.baseUrl());
        context.addService(new LocalSimulator(simulator), true, true);
        context.getRegistry().bind("ampenetSimulator", simulator);
        LOG.info("No Ampenet account configured (AMPENET_API_TOKEN): using the simulator at {} (console {}, control API {})",
                simulator.baseUrl(), simulator.consoleUrl(), simulator.controlUrl());
        return simulator;
    }

    @Override
    protected void doStop() {
        simulator.stop();
    }
}
