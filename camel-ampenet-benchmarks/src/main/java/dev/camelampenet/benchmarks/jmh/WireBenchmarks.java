package dev.camelampenet.benchmarks.jmh;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.camelampenet.ampenet.api.AmpenetOperation;
import dev.camelampenet.ampenet.api.AmpenetTransport;
import dev.camelampenet.ampenet.api.HttpAnswer;
import dev.camelampenet.ampenet.api.HttpCall;
import dev.camelampenet.ampenet.client.AmpenetClient;
import dev.camelampenet.ampenet.client.CallOutcome;
import dev.camelampenet.ampenet.client.RequestPacer;
import dev.camelampenet.ampenet.model.Contact;
import dev.camelampenet.ampenet.model.Page;
import dev.camelampenet.ampenet.model.SmsMessage;
import dev.camelampenet.ampenet.sms.PhoneNumbers;
import dev.camelampenet.ampenet.sms.Recipient;
import dev.camelampenet.ampenet.sms.SmsRequest;
import dev.camelampenet.ampenet.sms.SmsText;
import dev.camelampenet.ampenet.wire.WireMapper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The per-exchange CPU cost of the connector's own code, without the network: one call through
 * {@link AmpenetClient} on a transport that answers at once with canned bytes (the seam users bring their own
 * transport through), so the figure is building the request (JSON body, URI), pacing, reading the envelope and the
 * model, exactly as a real call does; plus the normalisation of one recipient. Run by the suite with
 * {@code -prof gc} for the bytes allocated per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WireBenchmarks {

    private AmpenetClient sendClient;
    private AmpenetClient contactClient;
    private AmpenetClient listClient;
    private SmsRequest request;
    private Contact contact;
    private PhoneNumbers numbers;
    private int n;

    @Setup
    public void setUp() {
        // the component's own mapper settings (AmpenetComponent)
        ObjectMapper json = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
        byte[] sendAnswer = sendAnswer().getBytes(StandardCharsets.UTF_8);
        sendClient = client(json, sendAnswer);
        contactClient = client(json, contactAnswer().getBytes(StandardCharsets.UTF_8));
        listClient = client(json, listPage(25).getBytes(StandardCharsets.UTF_8));
        // what SmsSender builds once per exchange; each call adds the recipients
        request = new SmsRequest(SmsText.of("Habari! Your order 4711 is ready for pickup."), "plain", "AMPENET", null);
        contact = new Contact();
        contact.setPhone("255712345678");
        contact.setFirstName("Asha");
        contact.setLastName("Mushi");
        contact.withCustomField("EMAIL", "asha@example.com");
        numbers = new PhoneNumbers("TZ");
    }

    /** A client whose transport answers every call at once with the same bytes; no pacing in the way. */
    private static AmpenetClient client(ObjectMapper json, byte[] answer) {
        HttpAnswer canned = new HttpAnswer(200, "application/json", answer);
        AmpenetTransport transport = (HttpCall call) -> CompletableFuture.completedFuture(canned);
        return new AmpenetClient(transport, json, "https://sms.ampenet.com/api/v3", "7|benchmark-token",
                new RequestPacer(Integer.MAX_VALUE / 2), Duration.ofSeconds(30), 3, 1000);
    }

    /** The answer to a contacts/store on a v3.8 server. */
    static String contactAnswer() {
        return "{\"status\":\"success\",\"message\":\"Contact was successfully created\",\"data\":{\"uid\":\"6b02a7fab2fb0\","
                + "\"phone\":255712345678,\"custom_fields\":{\"FIRST_NAME\":\"Asha\",\"LAST_NAME\":\"Mushi\"}}}";
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

    /** sms/send to one recipient: the body, the call through the client, the envelope and the message read. */
    @Benchmark
    public SmsMessage sendCall() {
        List<String> to = List.of((n++ & 1) == 0 ? "255712345678" : "255754000111");
        CallOutcome outcome = sendClient.outcome(AmpenetOperation.SMS_SEND, Map.of(), WireMapper.sendBody(request, to), null).join();
        return WireMapper.message(outcome.orThrow().data());
    }

    /** contacts/store: the contact's fields in both spellings (contactFieldStyle AUTO), the call, the contact read. */
    @Benchmark
    public Contact contactCall() {
        CallOutcome outcome = contactClient.outcome(AmpenetOperation.CONTACTS_STORE, Map.of("gid", "6b02a7f8e0c8e"),
                WireMapper.contactBody(contact, true, true), null).join();
        return WireMapper.contact(outcome.orThrow().data());
    }

    /** A page of 25 messages of sms/list: the call, envelope checked, paginator and rows read. */
    @Benchmark
    public Page<SmsMessage> listPageCall() {
        CallOutcome outcome = listClient.outcome(AmpenetOperation.SMS_LIST, Map.of(), null, 1).join();
        return WireMapper.page(outcome.orThrow().data(), WireMapper::message);
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
