package dev.camelampenet.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import dev.camelampenet.simulator.support.RawApi;
import dev.camelampenet.simulator.support.RawApi.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import static dev.camelampenet.simulator.support.RawApi.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The faults where the server acts and then spoils its answer (PHP warnings as HTML, an unknown error envelope, a
 * cut body), and the path-scoped throttle burst. Each test proves the act happened and shows what the client got.
 */
@Timeout(30)
class SpoiledAnswerFaultsTest {

    private static final String TOKEN = "4|spoiled-answers-secret-0123456789";
    private static final String PHONE = "255747991498";
    private static final ObjectMapper JSON = new ObjectMapper();

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

    private Reply send(String text) {
        return api.post("/sms/send", body("recipient", PHONE, "message", text));
    }

    private String createGroup(String name) {
        return api.post("/contacts", body("name", name)).data().path("uid").asText();
    }

    private JournalEntry lastJournalEntry() {
        List<JournalEntry> journal = sim.journal();
        return journal.get(journal.size() - 1);
    }

    private void assertCharged(int messages) {
        assertThat(sim.balance(TOKEN)).isEqualByComparingTo(AmpenetSimulator.DEFAULT_BALANCE.subtract(BigDecimal.valueOf(messages)));
    }

    // ---- html-after ----------------------------------------------------------------------------------------

    @Test
    void htmlAfterSendsTheSmsThenAnswers200HtmlWithPhpWarningsBeforeTheJson() throws IOException {
        sim.nextFault(Fault.HTML_AFTER, 1, "/sms/send");

        Reply reply = send("it went out");

        assertThat(reply.status).isEqualTo(200);
        assertThat(reply.contentType).startsWith("text/html");
        assertThat(reply.body).startsWith("<br />\n<b>Warning</b>:  Undefined array key ").contains(" on line <b>");
        assertThat(reply.header("X-RateLimit-Limit")).as("headers are fixed once PHP printed something").isNull();
        JsonNode meant = JSON.readTree(reply.body.substring(reply.body.indexOf("{\"status\"")));
        assertThat(meant.path("status").asText()).isEqualTo("success");

        assertThat(sim.outbox()).singleElement().satisfies(m -> {
            assertThat(m.text()).isEqualTo("it went out");
            assertThat(m.uid()).isEqualTo(meant.path("data").path("uid").asText());
        });
        assertCharged(1);
        JournalEntry entry = lastJournalEntry();
        assertThat(entry.fault()).isEqualTo("html-after");
        assertThat(entry.status()).isEqualTo(200);
        assertThat(entry.responseBody()).startsWith("<br />");
        assertThat(entry.isError()).isTrue();
        assertThat(sim.outbox().get(0).requestId()).isEqualTo(entry.id());
    }

    @Test
    void htmlAfterQueuedOverHttpStoresTheContact() {
        String group = createGroup("Customers");
        Reply queued = control.post("/faults/next", body("fault", "html-after", "path", "/contacts/" + group + "/store"));
        assertThat(queued.status).isEqualTo(200);

        Reply reply = api.post("/contacts/" + group + "/store", body("PHONE", PHONE, "FIRST_NAME", "Asha"));

        assertThat(reply.status).isEqualTo(200);
        assertThat(reply.isHtml()).isTrue();
        assertThat(reply.body).contains("<b>Warning</b>").contains("\"message\":\"Contact was successfully added\"");
        assertThat(sim.group(TOKEN, "Customers").hasPhone(PHONE)).isTrue();
        assertThat(lastJournalEntry().fault()).isEqualTo("html-after");
        assertThat(api.post("/contacts/" + group + "/store", body("PHONE", "255754000111")).outcome())
                .as("one request only").isEqualTo("success");
    }

    // ---- error-after ---------------------------------------------------------------------------------------

    @Test
    void errorAfterSendsTheSmsThenAnswers200WithAnUnknownErrorEnvelope() {
        sim.nextFault(Fault.ERROR_AFTER, 1, "/sms/send");

        Reply reply = send("it went out");

        assertThat(reply.status).isEqualTo(200);
        assertThat(reply.contentType).startsWith("application/json");
        assertThat(reply.outcome()).isEqualTo("error");
        assertThat(reply.message()).startsWith("SQLSTATE[40001]: Serialization failure: 1213 Deadlock found when trying to get lock");
        assertThat(reply.json().has("data")).isFalse();
        assertThat(sim.outbox()).singleElement().satisfies(m -> assertThat(m.text()).isEqualTo("it went out"));
        assertCharged(1);
        JournalEntry entry = lastJournalEntry();
        assertThat(entry.fault()).isEqualTo("error-after");
        assertThat(entry.responseBody()).contains("Deadlock found");
        assertThat(entry.isError()).isTrue();
    }

    @Test
    void errorAfterAsARandomRateOverHttpStoresTheContact() {
        String group = createGroup("Customers");
        Reply set = control.post("/faults", body("errorAfterRate", 1, "path", "/contacts/" + group + "/store"));
        assertThat(set.json().path("errorAfterRate").asDouble()).isEqualTo(1.0);
        assertThat(sim.faults().errorAfterRate()).isEqualTo(1.0);

        Reply reply = api.post("/contacts/" + group + "/store", body("PHONE", PHONE));

        assertThat(reply.outcome()).isEqualTo("error");
        assertThat(reply.message()).contains("Deadlock found");
        assertThat(sim.group(TOKEN, "Customers").contacts()).singleElement()
                .satisfies(c -> assertThat(c.phone()).isEqualTo(PHONE));
        assertThat(api.get("/balance").outcome()).as("only under the path").isEqualTo("success");
    }

    // ---- truncated-after -----------------------------------------------------------------------------------

    @Test
    void truncatedAfterSendsTheSmsThenCutsTheBodyAndTheJdkClientFails() {
        sim.nextFault(Fault.TRUNCATED_AFTER, 1, "/sms/send");

        assertThatThrownBy(() -> send("it went out")).isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(IOException.class);

        assertThat(sim.outbox()).singleElement().satisfies(m -> assertThat(m.text()).isEqualTo("it went out"));
        assertCharged(1);
        JournalEntry entry = lastJournalEntry();
        assertThat(entry.fault()).isEqualTo("truncated-after");
        assertThat(entry.status()).isEqualTo(200);
        assertThat(entry.responseBody()).startsWith("{\"status\":\"success\"").doesNotEndWith("}");
        assertThat(entry.isError()).isTrue();
        assertThat(send("next one").outcome()).isEqualTo("success");
    }

    /** On the wire: the headers promise more bytes than arrive before the server closes the connection. */
    @Test
    void truncatedAfterSendsHalfOfTheAnnouncedBodyThenClosesTheConnection() throws IOException {
        control.post("/faults", body("truncatedAfterRate", 1));

        URI base = URI.create(sim.baseUrl());
        byte[] raw;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
            socket.setSoTimeout(10_000); // a bound, not a synchronisation: the server closes at once
            String json = "{\"recipient\":\"" + PHONE + "\",\"message\":\"raw\"}";
            String request = "POST /api/v3/sms/send HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n"
                    + "Authorization: Bearer " + TOKEN + "\r\nAccept: application/json\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + json.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + json;
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            raw = readToEnd(socket.getInputStream());
        }

        String text = new String(raw, StandardCharsets.UTF_8);
        int split = text.indexOf("\r\n\r\n");
        String head = text.substring(0, split).toLowerCase(Locale.ROOT);
        String received = text.substring(split + 4);
        assertThat(head).startsWith("http/1.1 200");
        int announced = Integer.parseInt(head.replaceAll("(?s).*content-length: *(\\d+).*", "$1"));
        assertThat(received.getBytes(StandardCharsets.UTF_8).length).isPositive().isLessThan(announced);
        assertThat(received).startsWith("{\"status\":\"success\"");
        assertThat(sim.outbox()).singleElement().satisfies(m -> assertThat(m.text()).isEqualTo("raw"));
    }

    private static byte[] readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        for (int n; (n = in.read(chunk)) >= 0; ) {
            buffer.write(chunk, 0, n);
        }
        return buffer.toByteArray();
    }

    // ---- random rates and the console's view -----------------------------------------------------------------

    @Test
    void theAfterRatesAreRandomSettingsAndShowInTheSummary() {
        sim.setFaults(FaultSettings.NONE.withAfterRates(1, 0, 0).withPath("/sms/send"));

        assertThat(send("one").isHtml()).isTrue();
        assertThat(api.get("/balance").outcome()).isEqualTo("success");
        JsonNode faults = control.get("/summary").json().path("faults");
        assertThat(faults.path("htmlAfterRate").asDouble()).isEqualTo(1.0);
        assertThat(faults.path("errorAfterRate").asDouble()).isZero();
        assertThat(faults.path("truncatedAfterRate").asDouble()).isZero();

        sim.clearFaults();
        assertThat(sim.faults()).isEqualTo(FaultSettings.NONE);
        assertThat(send("two").outcome()).isEqualTo("success");
    }

    @Test
    void allRatesTogetherMustNotExceedOne() {
        Reply refused = control.post("/faults", body("dropAfterRate", 0.6, "htmlAfterRate", 0.6));

        assertThat(refused.status).isEqualTo(400);
        assertThat(refused.json().path("error").asText()).contains("must not exceed 1");
    }

    @Test
    void theSevenArgumentSettingsStillMeanNoSpoiledAnswers() {
        FaultSettings legacy = new FaultSettings(0, 0, 0, 0.1, 0.1, "/sms/send", 7);

        assertThat(legacy.htmlAfterRate()).isZero();
        assertThat(legacy.errorAfterRate()).isZero();
        assertThat(legacy.truncatedAfterRate()).isZero();
        assertThat(legacy.withSeed(8).dropAfterRate()).isEqualTo(0.1);
    }

    // ---- throttle burst ------------------------------------------------------------------------------------

    @Test
    void aThrottleBurstCanBeLimitedToAPath() {
        sim.nextFault(Fault.THROTTLE, 2, "/sms/send");

        assertThat(sim.pendingFaults().queued()).containsExactly(new dev.camelampenet.simulator.control.Faults.Queued("throttle", "/sms/send", 2));
        assertThat(api.get("/balance").outcome()).isEqualTo("success");
        assertThat(send("first").message()).isEqualTo("Too Many Attempts.");
        assertThat(send("second").message()).isEqualTo("Too Many Attempts.");
        assertThat(send("third").outcome()).isEqualTo("success");
        assertThat(sim.outbox()).extracting(OutboxMessage::text).containsExactly("third");
    }

    @Test
    void aThrottleBurstForAPathCanBeArmedOverHttp() {
        Reply armed = control.post("/throttle", body("requests", 1, "path", "/sms/send"));
        assertThat(armed.status).isEqualTo(200);

        assertThat(api.get("/me").outcome()).isEqualTo("success");
        assertThat(send("refused").message()).isEqualTo("Too Many Attempts.");
        assertThat(send("accepted").outcome()).isEqualTo("success");

        control.post("/faults/next", body("fault", "throttle", "count", 1));
        assertThat(api.get("/me").message()).as("without a path: any request").isEqualTo("Too Many Attempts.");
    }
}
