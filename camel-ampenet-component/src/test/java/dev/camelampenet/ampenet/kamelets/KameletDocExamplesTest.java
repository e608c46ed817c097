package dev.camelampenet.ampenet.kamelets;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.camelampenet.ampenet.AmpenetConstants;
import dev.camelampenet.ampenet.model.ContactGroup;
import dev.camelampenet.simulator.OutboxMessage;
import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the YAML DSL examples of docs/kamelets.md (each block after an {@code <!-- example: name -->} marker) against
 * the simulator, so the documentation shows routes that work. The token and base URL come from the properties the
 * examples name.
 */
class KameletDocExamplesTest extends CamelTestSupport {

    private static final String TOKEN = "7|kamelet-docs-token";
    private static final Path DOC = Path.of("..", "docs", "kamelets.md");
    private static final Pattern EXAMPLE = Pattern.compile("<!-- example: (\\S+) -->\\s*```yaml\\n(.*?)```", Pattern.DOTALL);

    @RegisterExtension
    static AmpenetSimulatorExtension sim = AmpenetSimulatorExtension.with(b -> b.token(TOKEN));

    static Map<String, String> examples() throws Exception {
        Map<String, String> examples = new LinkedHashMap<>();
        Matcher m = EXAMPLE.matcher(Files.readString(DOC, StandardCharsets.UTF_8));
        while (m.find()) {
            examples.put(m.group(1), m.group(2));
        }
        return examples;
    }

    private void run(String example) throws Exception {
        run(example, examples().get(example));
    }

    private void run(String name, String yaml) throws Exception {
        assertThat(yaml).as("example " + name + " in " + DOC).isNotNull();
        context.getPropertiesComponent().addOverrideProperty("ampenet.token", TOKEN);
        context.getPropertiesComponent().addOverrideProperty("ampenet.base-url", sim.baseUrl());
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString(name + ".camel.yaml", yaml));
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(end);
            Thread.sleep(50);
        }
    }

    @Test
    void theDocumentHasTheExamplesThisTestRuns() throws Exception {
        assertThat(examples()).containsOnlyKeys("sms-alert", "contact-signup", "sms-events");
    }

    @Test
    void smsAlert() throws Exception {
        run("sms-alert");

        waitUntil(() -> sim.simulator().outbox(TOKEN).size() == 2);
        assertThat(sim.simulator().outbox(TOKEN)).extracting(OutboxMessage::to)
                .containsExactlyInAnyOrder("255712345678", "255713000111");
        assertThat(sim.simulator().outbox(TOKEN)).allSatisfy(m -> {
            assertThat(m.text()).isEqualTo("Disk almost full on db-1");
            assertThat(m.from()).isEqualTo("OPS");
        });
    }

    @Test
    void contactSignup() throws Exception {
        String group = template.requestBody("ampenet:groups/create?apiToken=RAW(" + TOKEN + ")&baseUrl=" + sim.baseUrl(),
                "Customers", ContactGroup.class).uid();
        context.getPropertiesComponent().addOverrideProperty("ampenet.group-id", group);

        run("contact-signup");

        waitUntil(() -> sim.simulator().group(TOKEN, "Customers").size() == 1);
        assertThat(sim.simulator().group(TOKEN, "Customers").contacts()).singleElement()
                .satisfies(c -> assertThat(c.phone()).isEqualTo("255712345678"));
    }

    @Test
    void smsEvents() throws Exception {
        // the example as written, but polling every 200 ms instead of 30 s and ending in a mock instead of the log
        String yaml = examples().get("sms-events");
        assertThat(yaml).contains("delay: 30000").contains("to: log:sms-delivery-problems");
        MockEndpoint problems = getMockEndpoint("mock:sms-delivery-problems");
        Exchange sent = template.request("ampenet:sms/send?apiToken=RAW(" + TOKEN + ")&baseUrl=" + sim.baseUrl(), e -> {
            e.getMessage().setBody("Habari");
            e.getMessage().setHeader(AmpenetConstants.RECIPIENTS, "255712345678");
        });
        assertThat(sent.getException()).isNull();
        String uid = sim.simulator().outbox(TOKEN).get(0).uid();

        run("sms-events", yaml.replace("delay: 30000", "delay: 200")
                .replace("to: log:sms-delivery-problems", "to: mock:sms-delivery-problems"));
        // the first poll has answered, with the message still Delivered: its NEW event is filtered out
        waitUntil(() -> sim.simulator().journal().stream().anyMatch(j -> j.path().endsWith("/sms") && j.method().equals("GET")));
        problems.expectedMessageCount(1);
        problems.expectedHeaderReceived("message-id", uid);
        problems.expectedHeaderReceived("status", "Undelivered");
        sim.simulator().deliveryReport(uid, "Undelivered");

        problems.assertIsSatisfied(TimeUnit.SECONDS.toMillis(10));
    }
}
