package dev.camelampenet.ampenet;

import java.util.Map;

import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.console.DevConsole;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The observability examples of ampenet-component.adoc ("Meters", "Dev console"), run as written: the tagged blocks
 * below appear in the adoc as they are ({@link TransportDocExamplesTest} checks it), and what they read is compared
 * with what the simulator received.
 */
class ObservabilityDocExamplesTest extends CamelTestSupport {

    private static final String TOKEN = "7|doc-example-token-secret";

    @RegisterExtension
    static AmpenetSimulatorExtension sim = AmpenetSimulatorExtension.with(b -> b.token(TOKEN));

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camelContext = super.createCamelContext();
        // tag::meters-registry[]
        MeterRegistry registry = new SimpleMeterRegistry(); // Spring Boot: the actuator's own registry, nothing to do
        camelContext.getRegistry().bind("metricsRegistry", registry);
        // end::meters-registry[]
        return camelContext;
    }

    @Test
    void theMetersAndTheConsoleShowWhatTheSimulatorReceived() {
        template.sendBodyAndHeader("ampenet:sms/send?apiToken=" + TOKEN + "&baseUrl=" + sim.baseUrl(), "Habari",
                AmpenetConstants.RECIPIENTS, "255712000001,255712000002");
        MeterRegistry registry = context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);

        // tag::meters-read[]
        double sent = registry.get("ampenet.sms.sent").counter().count();
        double throttled = registry.find("ampenet.throttles").counters().stream().mapToDouble(c -> c.count()).sum();
        // end::meters-read[]
        // tag::console[]
        DevConsole console = PluginHelper.getDevConsoleResolver(context).resolveDevConsole("ampenet");
        String text = (String) console.call(DevConsole.MediaType.TEXT, Map.of());
        // end::console[]

        assertThat(sent).isEqualTo(sim.simulator().outbox().size()).isEqualTo(2);
        assertThat(throttled).isZero();
        assertThat(text).contains("Account 7|****").contains("2 SMS sent").doesNotContain("doc-example-token-secret");
    }
}
