package dev.camelampenet.simulator;

import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import dev.camelampenet.simulator.support.RawApi;
import dev.camelampenet.simulator.support.RawApi.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static dev.camelampenet.simulator.support.RawApi.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The web server in front of the app: Apache redirects a trailing slash, nginx serves the path without it. */
@Timeout(30)
class HostKindTest {

    private static final String TOKEN = "6|host-kind-secret-0123456789";

    @RegisterExtension
    static final AmpenetSimulatorExtension SIM = AmpenetSimulatorExtension.with(b -> b.token(TOKEN));

    private AmpenetSimulator sim;
    private RawApi api;
    private RawApi control;

    @BeforeEach
    void setUp() {
        sim = SIM.simulator();
        api = new RawApi(sim.baseUrl(), TOKEN);
        control = new RawApi(sim.controlUrl(), null);
    }

    @Test
    void apacheIsTheDefaultAndRedirectsATrailingSlash() {
        assertThat(sim.hostKind()).isEqualTo(HostKind.APACHE);

        Reply reply = api.post("/sms/send/", body("recipient", "255712345678", "message", "Hi"));

        assertThat(reply.status).isEqualTo(301);
        assertThat(reply.header("Location")).isEqualTo(sim.baseUrl() + "/sms/send");
        assertThat(sim.outbox()).isEmpty();
    }

    @Test
    void nginxAnswersATrailingSlashAsIfItWereNotThere() {
        sim.setHostKind(HostKind.NGINX);

        Reply balance = api.get("/balance/");
        Reply sent = api.post("/sms/send/", body("recipient", "255712345678", "message", "Hi"));
        String group = api.post("/contacts/", body("name", "Customers")).data().path("uid").asText();
        Reply listed = api.post("/contacts/" + group + "/all/?page=1", null);
        Reply unknown = api.get("/nothing/");

        assertThat(balance.status).isEqualTo(200);
        assertThat(balance.outcome()).isEqualTo("success");
        assertThat(sent.outcome()).isEqualTo("success");
        assertThat(sim.outbox()).singleElement().satisfies(m -> assertThat(m.text()).isEqualTo("Hi"));
        assertThat(listed.outcome()).isEqualTo("success");
        assertThat(listed.data().path("path").asText()).as("Laravel's URLs have no trailing slash")
                .isEqualTo(sim.baseUrl() + "/contacts/" + group + "/all");
        assertThat(unknown.message()).isEqualTo("The route api/v3/nothing could not be found.");
    }

    @Test
    void theHostKindIsAControlSettingAndAResetRestoresTheConfiguredOne() {
        Reply set = control.post("/host-kind", body("hostKind", "nginx"));

        assertThat(set.status).isEqualTo(200);
        assertThat(set.json().path("hostKind").asText()).isEqualTo("nginx");
        assertThat(control.get("/host-kind").json().path("hostKind").asText()).isEqualTo("nginx");
        assertThat(control.get("/summary").json().path("hostKind").asText()).isEqualTo("nginx");
        assertThat(api.get("/me/").status).isEqualTo(200);

        control.post("/host-kind", body("hostKind", "apache"));
        assertThat(api.get("/me/").status).isEqualTo(301);

        control.post("/host-kind", body("hostKind", "nginx"));
        sim.reset();
        assertThat(sim.hostKind()).isEqualTo(HostKind.APACHE);

        Reply refused = control.post("/host-kind", body("hostKind", "iis"));
        assertThat(refused.status).isEqualTo(400);
        assertThat(refused.json().path("error").asText()).contains("'iis'").contains("apache, nginx");
    }

    @Test
    void theBuilderAndTheCommandLineChooseTheHostKind() {
        try (AmpenetSimulator nginx = AmpenetSimulator.builder().token(TOKEN).hostKind(HostKind.NGINX).start()) {
            assertThat(new RawApi(nginx.baseUrl(), TOKEN).get("/balance/").outcome()).isEqualTo("success");
            nginx.reset();
            assertThat(nginx.hostKind()).as("a reset keeps the configured kind").isEqualTo(HostKind.NGINX);
        }

        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(SimulatorMain.parse(new String[] {"--port", "0", "--host-kind", "nginx"}, quiet).hostKind())
                .isEqualTo(HostKind.NGINX);
        assertThat(SimulatorMain.parse(new String[] {"--port=0", "--host-kind=Apache"}, quiet).hostKind())
                .isEqualTo(HostKind.APACHE);
        assertThat(SimulatorMain.parse(new String[] {"--port", "0"}, quiet).hostKind()).isEqualTo(HostKind.APACHE);
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--host-kind", "caddy"}, quiet))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apache, nginx");
    }
}
