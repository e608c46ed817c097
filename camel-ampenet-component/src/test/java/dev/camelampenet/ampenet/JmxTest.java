package dev.camelampenet.ampenet;

import java.util.List;
import java.util.Set;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 item 3: the endpoint's managed attributes, read as a JMX console reads them (through the MBeanServer, JMX
 * on in the CamelContext): where it talks to, its pacer, what it sent as the simulator counted, the last error, and
 * never the token, in no attribute and not in the object name.
 */
class JmxTest extends CamelTestSupport {

    private static final String TOKEN = "7|jmx-token-secret";
    private static final String BLACKLISTED = "255754000111";

    @RegisterExtension
    static AmpenetSimulatorExtension sim = AmpenetSimulatorExtension.with(b -> b.token(TOKEN));

    private static String uri() {
        return "ampenet:sms/send?apiToken=" + TOKEN + "&baseUrl=" + sim.baseUrl() + "&senderId=AMPENET&rateLimit=600";
    }

    @Override
    public void configureTest(TestExecutionConfiguration testConfiguration) {
        super.configureTest(testConfiguration);
        testConfiguration.withEnableJMX();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").routeId("send").to(uri());
            }
        };
    }

    private MBeanServer mbeans() {
        return context.getManagementStrategy().getManagementAgent().getMBeanServer();
    }

    private ObjectName ampenetEndpoint() throws Exception {
        Set<ObjectName> names = mbeans().queryNames(new ObjectName("org.apache.camel:type=endpoints,*"), null);
        for (ObjectName name : names) {
            if (name.getKeyProperty("name").contains("ampenet")) {
                return name;
            }
        }
        throw new AssertionError("no ampenet endpoint among " + names);
    }

    private Object attribute(String name) throws Exception {
        return mbeans().getAttribute(ampenetEndpoint(), name);
    }

    private Exchange send(String recipients) {
        return template.request("direct:send", e -> {
            e.getMessage().setBody("Habari");
            e.getMessage().setHeader(AmpenetConstants.RECIPIENTS, recipients);
        });
    }

    @Test
    void theEndpointShowsWhereItTalksToAndItsPacer() throws Exception {
        assertThat(attribute("BaseUrl")).isEqualTo(sim.baseUrl());
        assertThat(attribute("Host")).isEqualTo("127.0.0.1");
        assertThat(attribute("SenderId")).isEqualTo("AMPENET");
        assertThat(attribute("ApiOperationName")).isEqualTo("sms/send");
        assertThat(attribute("PacerRequestsPerMinute")).isEqualTo(600);
        assertThat((String) attribute("PacerState")).startsWith("600 requests/minute");
    }

    @Test
    void theCountsAreWhatTheSimulatorReceived() throws Exception {
        assertThat(send("255712000001,255712000002").getException()).isNull();
        Exchange refused = send(BLACKLISTED);
        sim.simulator().blacklist(List.of(BLACKLISTED));
        refused = send(BLACKLISTED);

        assertThat(refused.getException()).isNotNull();
        assertThat(attribute("SmsSent")).isEqualTo((long) sim.simulator().outbox().size()).isEqualTo(3L);
        assertThat(attribute("Calls")).isEqualTo((long) sim.simulator().journal().size()).isEqualTo(3L);
        assertThat(attribute("FailedCalls")).isEqualTo(sim.simulator().journal().stream().filter(j -> j.isError()).count())
                .isEqualTo(1L);
        assertThat(attribute("RecipientsRefused")).isEqualTo(1L);
        assertThat((String) attribute("LastError")).startsWith("refused: ").contains("Number contains in the blacklist");
        assertThat(attribute("LastErrorTime")).isNotNull();
    }

    @Test
    void noAttributeAndNotTheObjectNameShowsTheToken() throws Exception {
        send("255712000001");
        sim.simulator().setApiAccess(TOKEN, false); // an error whose text the last-error attribute keeps
        send("255712000001");

        ObjectName name = ampenetEndpoint();
        assertThat(name.toString()).doesNotContain("secret");
        for (MBeanAttributeInfo info : mbeans().getMBeanInfo(name).getAttributes()) {
            Object value;
            try {
                value = mbeans().getAttribute(name, info.getName());
            } catch (Exception e) {
                continue; // an attribute this endpoint does not support (e.g. a consumer's)
            }
            assertThat(String.valueOf(value)).as(info.getName()).doesNotContain("jmx-token-secret");
        }
        assertThat(attribute("LastError")).isNotNull();
    }
}
