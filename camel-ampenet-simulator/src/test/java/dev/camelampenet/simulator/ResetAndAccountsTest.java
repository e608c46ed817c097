package dev.camelampenet.simulator;

import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import dev.camelampenet.simulator.support.RawApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** Reset restarts row ids (uids keep growing), inbound SMS reach the account's number, tokens are unique. */
class ResetAndAccountsTest {

    @RegisterExtension
    static AmpenetSimulatorExtension sim = AmpenetSimulatorExtension.with(b -> b.token("T1|reset-secret"));

    @Test
    void resetStartsRowIdsAgainButNeverReusesAUid() {
        AmpenetSimulator s = sim.simulator();
        s.addAccount("T2|other", BigDecimal.TEN);
        RawApi api = new RawApi(s.baseUrl(), s.token());
        String firstUid = api.post("/sms/send", RawApi.body("recipient", "255712345678", "message", "a")).data().path("uid").asText();

        s.reset();

        assertThat(s.accounts()).singleElement().satisfies(a -> assertThat(a.id()).isEqualTo(1));
        assertThat(api.get("/me").data().path("email").asText()).isEqualTo("customer1@example.com");
        String secondUid = api.post("/sms/send", RawApi.body("recipient", "255712345678", "message", "b")).data().path("uid").asText();
        assertThat(secondUid).isNotEqualTo(firstUid).isGreaterThan(firstUid);
    }

    @Test
    void inboundMessagesArriveAtTheAccountsNumber() {
        OutboxMessage in = sim.simulator().receive(sim.token(), "255712345678", "STOP");
        assertThat(in.to()).isEqualTo("255700000001");
        assertThat(in.direction()).isEqualTo("incoming");
        assertThat(in.cost()).isEqualTo("0");
    }

    @Test
    void addingAnAccountWithAnExistingTokenIsAConflict() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(sim.simulator().controlUrl() + "/accounts"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"token\":\"T1|reset-secret\",\"balance\":5}")).build();
        var response = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body()).contains("exists already").doesNotContain("reset-secret");
        assertThat(sim.simulator().balance()).isEqualByComparingTo(AmpenetSimulator.DEFAULT_BALANCE);
    }
}
