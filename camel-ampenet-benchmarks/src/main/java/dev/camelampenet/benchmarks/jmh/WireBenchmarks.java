package dev.camelampenet.benchmarks.jmh;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.camelampenet.ampenet.AmpenetOperation;
import dev.camelampenet.ampenet.ContactFieldStyle;
import dev.camelampenet.ampenet.client.AmpenetClient;
import dev.camelampenet.ampenet.client.ApiReply;
import dev.camelampenet.ampenet.client.RequestPacer;
import dev.camelampenet.ampenet.model.Contact;
import dev.camelampenet.ampenet.model.Page;
import dev.camelampenet.ampenet.model.SmsMessage;
import dev.camelampenet.ampenet.sms.PhoneNumbers;
import dev.camelampenet.ampenet.sms.Recipient;
import dev.camelampenet.ampenet.wire.WireMapper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The per-exchange CPU cost of the connector's own code, without the network: building the HTTP request of a call
 * (JSON body, URI, headers) and reading an answer (envelope, then the model), exactly as {@link AmpenetClient} and
 * {@link WireMapper} do it, plus the normalisation of one recipient. Run by the suite with {@code -prof gc} for the
 * bytes allocated per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WireBenchmarks {

    private AmpenetClient client;
    private ObjectNode sendTemplate;
    private Contact contact;
    private PhoneNumbers numbers;
    private byte[] sendAnswer;
    private byte[] listPage;
    private int n;

    @Setup
    public void setUp() {
        // the component's own mapper settings (AmpenetComponent)
        ObjectMapper json = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
        client = new AmpenetClient(HttpClient.newBuilder().build(), json, "https://sms.ampenet.com/api/v3", "7|benchmark-token",
                new RequestPacer(1000), Duration.ofSeconds(30), 3, 1000);
        // what SmsSender builds once per exchange; each call copies it and adds the recipients
        sendTemplate = json.createObjectNode().put("message", "Habari! Your order 4711 is ready for pickup.").put("type", "plain")
                .put("sender_id", "AMPENET");
        contact = new Contact();
        contact.setPhone("255712345678");
        contact.setFirstName("Asha");
        contact.setLastName("Mushi");
        contact.withCustomField("EMAIL", "asha@example.com");
        numbers = new PhoneNumbers("TZ");
        sendAnswer = sendAnswer().getBytes(StandardCharsets.UTF_8);
        listPage = listPage(25).getBytes(StandardCharsets.UTF_8);
    }

    /** A single-recipient send answer of a v3.8 server (docs/simulator.md section 3). */
    static String sendAnswer() {
        return "{\"status\":\"success\",\"message\":\"Your message was successfully delivered\",\"data\":{\"uid\":\"6b02a7fab2faf\","
                + "\"to\":\"255712345678\",\"from\":\"AMPENET\",\"message\":\"Habari! Your order 4711 is ready for pickup.\","
                + "\"status\":\"Delivered\",\"cost\":\"1\",\"sms_count\":1}}";
    }

    /** A full page of GET /sms on a v3.8 server: 25 rows and Laravel's paginator. */
    static String listPage(int rows) {
        StringBuilder b = new StringBuilder("{\"status\":\"success\",\"message\":null,\"data\":{\"current_page\":1,\"data\":[");
        for (int i = 0; i < rows; i++) {
            b.append(i == 0 ? "" : ",").append("{\"uid\":\"6b02a7fab").append(String.format("%04x", i))
                    .append("\",\"to\":\"2557123456").append(String.format("%02d", i))
                    .append("\",\"from\":\"AMPENET\",\"message\":\"Habari! Your order 47").append(i)
                    .append(" is ready for pickup.\",\"customer_status\":\"Delivered\",\"cost\":\"1\"}");
        }
        String url = "http:\\/\\/127.0.0.1:18089\\/api\\/v3\\/sms";
        b.append("],\"first_page_url\":\"").append(url).append("?page=1\",\"from\":1,\"last_page\":40,\"last_page_url\":\"")
                .append(url).append("?page=40\",\"links\":[{\"url\":null,\"label\":\"&laquo; Previous\",\"active\":false},{\"url\":\"")
                .append(url).append("?page=1\",\"label\":\"1\",\"active\":true},{\"url\":\"").append(url)
                .append("?page=2\",\"label\":\"Next &raquo;\",\"active\":false}],\"next_page_url\":\"").append(url)
                .append("?page=2\",\"path\":\"").append(url).append("\",\"per_page\":25,\"prev_page_url\":null,\"to\":25,\"total\":1000}}");
        return b.toString();
    }

    /** sms/send to one recipient: the body copied from the exchange's template, written to bytes, the request built. */
    @Benchmark
    public HttpRequest buildSendRequest() {
        ObjectNode body = sendTemplate.deepCopy().put("recipient", (n++ & 1) == 0 ? "255712345678" : "255754000111");
        return client.request(AmpenetOperation.SMS_SEND, Map.of(), body, null);
    }

    /** contacts/store: the contact's fields in both spellings (contactFieldStyle AUTO), the request built. */
    @Benchmark
    public HttpRequest buildContactRequest() {
        ObjectNode body = client.newBody();
        WireMapper.contactBody(body, contact, ContactFieldStyle.AUTO);
        return client.request(AmpenetOperation.CONTACTS_STORE, Map.of("gid", "6b02a7f8e0c8e"), body, null);
    }

    /** The answer to a single-recipient send: envelope checked, the message read. */
    @Benchmark
    public SmsMessage parseSendAnswer() {
        ApiReply reply = client.reply(AmpenetOperation.SMS_SEND, 200, "application/json", sendAnswer);
        return WireMapper.message(reply.data());
    }

    /** A page of 25 messages of sms/list: envelope checked, paginator and rows read. */
    @Benchmark
    public Page<SmsMessage> parseListPage() {
        ApiReply reply = client.reply(AmpenetOperation.SMS_LIST, 200, "application/json", listPage);
        return WireMapper.page(reply.data(), WireMapper::message);
    }

    /** One recipient in the API's own form (what the overhead benchmark sends), checked and kept (libphonenumber). */
    @Benchmark
    public Recipient normaliseApiForm() {
        return numbers.normalise((n++ & 1) == 0 ? "255712345678" : "255754000111");
    }

    /** One recipient as people write it in a CSV: local form with spaces, read with defaultRegion TZ. */
    @Benchmark
    public Recipient normaliseLocalForm() {
        return numbers.normalise((n++ & 1) == 0 ? "0712 345 678" : "0754-000-111");
    }
}
