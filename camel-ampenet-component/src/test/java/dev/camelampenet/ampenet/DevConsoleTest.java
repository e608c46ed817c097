package dev.camelampenet.ampenet;

import java.util.List;
import java.util.Map;

import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 item 3: the {@code ampenet} dev console, resolved the way Camel resolves consoles (the context's
 * DevConsoleResolver reading the generated service file): the account's name and balance as the API answered them,
 * the pacer, the counts and the last error, in text and JSON, and the token masked to its public id.
 */
class DevConsoleTest extends CamelTestSupport {

    private static final String TOKEN = "7|console-token-secret";
    private static final String BLACKLISTED = "255754000111";

    @RegisterExtension
    static AmpenetSimulatorExtension sim = AmpenetSimulatorExtension.with(b -> b.token(TOKEN));

    private static String uri() {
        return "ampenet:sms/send?apiToken=" + TOKEN + "&baseUrl=" + sim.baseUrl() + "&rateLimit=600";
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

    private DevConsole console() {
        DevConsole console = PluginHelper.getDevConsoleResolver(context).resolveDevConsole("ampenet");
        assertThat(console).as("the ampenet console resolves through Camel's resolver").isNotNull()
                .isInstanceOf(AmpenetDevConsole.class);
        return console;
    }

    private void sendOneAndOneRefused() {
        sim.simulator().blacklist(List.of(BLACKLISTED));
        template.request("direct:send", e -> {
            e.getMessage().setBody("Habari");
            e.getMessage().setHeader(AmpenetConstants.RECIPIENTS, "255712000001");
        });
        template.request("direct:send", e -> {
            e.getMessage().setBody("Habari");
            e.getMessage().setHeader(AmpenetConstants.RECIPIENTS, BLACKLISTED);
        });
    }

    @Test
    void textShowsTheAccountThePacerAndTheLastErrorButNotTheToken() {
        sendOneAndOneRefused();
        sim.simulator().setBalance(new java.math.BigDecimal("4321"));

        String text = (String) console().call(DevConsole.MediaType.TEXT, Map.of());

        assertThat(text).contains("Account 7|**** at " + sim.baseUrl())
                .contains("Name: Jhon")
                .contains("Balance: $4,321")
                .contains("Pacer: 600 requests/minute")
                // the console's own two calls count among the endpoint's calls, as the journal has them
                .contains("sms/send: 1 SMS sent (1 parts), 1 recipients refused, " + sim.simulator().journal().size() + " calls (1 failed")
                .contains("Number contains in the blacklist")
                .doesNotContain("console-token-secret");
        // the console asked the API itself: profile/me and profile/balance after the two sends
        assertThat(sim.simulator().journal()).hasSize(4);
        assertThat(sim.simulator().outbox()).hasSize(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonHasTheSameFactsAndTheLastKnownBalanceWhenTheApiRefuses() throws Exception {
        sendOneAndOneRefused();
        console().call(DevConsole.MediaType.JSON, Map.of()); // a first look, while the API answers
        sim.simulator().setApiAccess(TOKEN, false);

        JsonObject json = (JsonObject) console().call(DevConsole.MediaType.JSON, Map.of());

        String printed = Jsoner.serialize(json);
        assertThat(printed).doesNotContain("console-token-secret");
        List<JsonObject> accounts = (List<JsonObject>) json.get("accounts");
        assertThat(accounts).hasSize(1);
        JsonObject account = accounts.get(0);
        assertThat(account.getString("token")).isEqualTo("7|****");
        assertThat(account.getString("host")).isEqualTo("127.0.0.1");
        assertThat(account.getString("balance")).isEqualTo("$9,999"); // last known: the first look, after one SMS of one unit
        assertThat(account.getString("balanceAt")).isNotNull();
        assertThat(account.getString("error")).isNotBlank();
        JsonObject endpoint = ((List<JsonObject>) account.get("endpoints")).get(0);
        assertThat(endpoint.getString("operation")).isEqualTo("sms/send");
        assertThat(endpoint.getLong("smsSent")).isEqualTo(sim.simulator().outbox().size()).isEqualTo(1);
        assertThat(endpoint.getLong("recipientsRefused")).isEqualTo(1);
    }

    @Test
    void aTokenWithoutAnIdIsMaskedWhole() {
        assertThat(AmpenetDevConsole.masked("plain-secret-token")).isEqualTo("****");
        assertThat(AmpenetDevConsole.masked("12|abc")).isEqualTo("12|****");
        assertThat(AmpenetDevConsole.masked(null)).isEqualTo("****");
    }
}
