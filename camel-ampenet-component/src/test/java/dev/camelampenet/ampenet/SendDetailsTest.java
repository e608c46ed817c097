package dev.camelampenet.ampenet;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.camelampenet.ampenet.error.AmpenetRecipientRejectedException;
import dev.camelampenet.ampenet.error.AmpenetValidationException;
import dev.camelampenet.ampenet.model.RejectedRecipient;
import dev.camelampenet.ampenet.model.SendResult;
import dev.camelampenet.simulator.JournalEntry;
import dev.camelampenet.simulator.OutboxMessage;
import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue item 5: what sms/send works out before and after the call, checked against the simulator's outbox and journal. */
class SendDetailsTest extends CamelTestSupport {

    private static final String TOKEN = "7|send-details-token-secret";
    private static final String ASHA = "255712345678";
    private static final String JUMA = "255754000111";
    private static final String KENYA = "254712345678";

    @RegisterExtension
    static AmpenetSimulatorExtension sim = AmpenetSimulatorExtension.with(b -> b.token(TOKEN));

    private static String uri(String options) {
        return "ampenet:sms/send?apiToken=" + TOKEN + "&baseUrl=" + sim.baseUrl() + options;
    }

    private Exchange send(String options, String text, Object recipients, Map<String, Object> headers) {
        return template.request(uri(options), e -> {
            e.getMessage().setBody(text);
            e.getMessage().setHeader(AmpenetConstants.RECIPIENTS, recipients);
            headers.forEach(e.getMessage()::setHeader);
        });
    }

    private Exchange send(String text, Object recipients) {
        return send("", text, recipients, Map.of());
    }

    private static List<JournalEntry> sends() {
        return sim.simulator().journal().stream().filter(j -> j.path().endsWith("/sms/send")).collect(Collectors.toList());
    }

    @SuppressWarnings("unchecked")
    private static List<RejectedRecipient> rejected(Exchange result) {
        return result.getMessage().getHeader(AmpenetConstants.REJECTED_RECIPIENTS, List.class);
    }

    // ---- encoding and segments ------------------------------------------------------------------------------

    @Test
    void gsm7TextsReportEncodingAndSegmentsAsTheServerCountsThem() {
        Object[][] cases = {{"Habari", 1}, {"a".repeat(160), 1}, {"a".repeat(161), 2}, {"€".repeat(80), 1}, {"€".repeat(81), 2},
            {"a".repeat(307), 3}};
        for (Object[] c : cases) {
            sim.simulator().reset();
            Exchange result = send((String) c[0], ASHA);

            assertThat(result.getException()).isNull();
            assertThat(result.getMessage().getHeader(AmpenetConstants.ENCODING)).isEqualTo("GSM_7");
            assertThat(result.getMessage().getHeader(AmpenetConstants.SEGMENTS)).as(c[0].toString()).isEqualTo(c[1]);
            OutboxMessage sent = sim.simulator().outbox().get(0);
            assertThat(sent.encoding()).isEqualTo("GSM_7");
            assertThat(sent.type()).isEqualTo("plain");
            assertThat(sent.segments()).isEqualTo(c[1]);
        }
    }

    @Test
    void ucs2TextsGoOutAsUnicode() {
        Object[][] cases = {{"Asante 😊", 1}, {"Ж".repeat(70), 1}, {"Ж".repeat(71), 2}, {"Ж".repeat(135), 3}};
        for (Object[] c : cases) {
            sim.simulator().reset();
            Exchange result = send((String) c[0], ASHA);

            assertThat(result.getException()).isNull();
            assertThat(result.getMessage().getHeader(AmpenetConstants.ENCODING)).isEqualTo("UCS_2");
            assertThat(result.getMessage().getHeader(AmpenetConstants.SEGMENTS)).isEqualTo(c[1]);
            assertThat(sends().get(0).body()).contains("\"type\":\"unicode\"");
            OutboxMessage sent = sim.simulator().outbox().get(0);
            assertThat(sent.type()).isEqualTo("unicode");
            assertThat(sent.encoding()).isEqualTo("UCS_2");
            assertThat(sent.segments()).isEqualTo(c[1]);
        }
    }

    @Test
    void maxSegmentsRefusesALongTextBeforeAnyCall() {
        Exchange result = send("&maxSegments=1", "a".repeat(161), ASHA, Map.of());

        assertThat(result.getException()).isInstanceOf(AmpenetValidationException.class)
                .hasMessageContaining("2 segments").hasMessageContaining("maxSegments 1");
        assertThat(sim.simulator().journal()).isEmpty();

        assertThat(send("&maxSegments=1", "a".repeat(160), ASHA, Map.of()).getException()).isNull();
        assertThat(sim.simulator().outbox()).hasSize(1);
    }

    @Test
    void senderIdOverElevenCharactersIsRefusedBeforeSending() {
        Exchange option = send("&senderId=AMPENETSMSCO", "Hi", ASHA, Map.of());
        Exchange header = send("", "Hi", ASHA, Map.of(AmpenetConstants.SENDER_ID, "TWELVECHARSX"));

        assertThat(option.getException()).isInstanceOf(AmpenetValidationException.class).hasMessageContaining("AMPENETSMSCO");
        assertThat(header.getException()).isInstanceOf(AmpenetValidationException.class).hasMessageContaining("TWELVECHARSX");
        assertThat(sim.simulator().journal()).isEmpty();

        // eleven is fine, and the header wins over the option
        assertThat(send("&senderId=AMPENET", "Hi", ASHA, Map.of(AmpenetConstants.SENDER_ID, "ELEVENCHARS")).getException()).isNull();
        assertThat(sim.simulator().outbox()).extracting(OutboxMessage::from).containsExactly("ELEVENCHARS");
    }

    // ---- schedule time --------------------------------------------------------------------------------------

    static Stream<Arguments> scheduleTimes() {
        // 09:00 in Dar es Salaam (UTC+3, the simulator account's timezone) is 06:00 UTC
        return Stream.of(
                Arguments.of("2030-01-01 09:00"),
                Arguments.of(LocalDateTime.of(2030, 1, 1, 9, 0)),
                Arguments.of(ZonedDateTime.of(2030, 1, 1, 7, 0, 0, 0, ZoneId.of("Europe/Berlin"))),
                Arguments.of(ZonedDateTime.of(2030, 1, 1, 9, 0, 0, 0, ZoneId.of("Africa/Dar_es_Salaam"))),
                Arguments.of(OffsetDateTime.of(2030, 1, 1, 1, 0, 0, 0, ZoneOffset.ofHours(-5))),
                Arguments.of(Instant.parse("2030-01-01T06:00:00Z")),
                Arguments.of(Date.from(Instant.parse("2030-01-01T06:00:00Z"))));
    }

    @ParameterizedTest
    @MethodSource("scheduleTimes")
    void scheduleTimeReachesTheApiInTheAccountsTimezone(Object when) {
        Exchange result = send("", "Kikao kesho", ASHA + "," + JUMA, Map.of(AmpenetConstants.SCHEDULE_TIME, when));

        assertThat(result.getException()).isNull();
        assertThat(sends()).hasSize(1);
        assertThat(sends().get(0).body()).contains("\"schedule_time\":\"2030-01-01 09:00\"");
        // the account's timezone comes from /me: an absolute time is converted to it, and every time is checked
        // against the account's clock (not in the past), so it is asked once per endpoint
        assertThat(sim.simulator().journal().stream().filter(j -> j.path().endsWith("/me"))).hasSize(1);
        assertThat(sim.simulator().outbox()).hasSize(2).allSatisfy(m -> {
            assertThat(m.status()).isEqualTo("Scheduled");
            assertThat(m.scheduledFor()).isEqualTo("2030-01-01T06:00:00Z");
        });
        // a scheduled bulk send returns no uids (docs/ampenet-api.md §6.5, Q9)
        assertThat(result.getMessage().getHeader(AmpenetConstants.MESSAGE_IDS, List.class)).isEmpty();
        assertThat(result.getMessage().getBody(SendResult.class).accepted()).isEqualTo(2);
    }

    @Test
    void unreadableScheduleTimeIsRefusedBeforeSending() {
        Exchange result = send("", "Hi", ASHA + "," + JUMA, Map.of(AmpenetConstants.SCHEDULE_TIME, "tomorrow"));

        assertThat(result.getException()).isInstanceOf(dev.camelampenet.ampenet.error.AmpenetValidationException.class).hasMessageContaining("Y-m-d H:i");
        assertThat(sim.simulator().journal()).isEmpty();
    }

    // ---- recipients -----------------------------------------------------------------------------------------

    @Test
    void recipientsAsCommaSeparatedStringOrCollection() {
        assertThat(send("Hi", ASHA + "," + JUMA).getException()).isNull();
        assertThat(sim.simulator().outbox()).extracting(OutboxMessage::to).containsExactlyInAnyOrder(ASHA, JUMA);

        sim.simulator().reset();
        assertThat(send("Hi", List.of("+" + ASHA, JUMA)).getException()).isNull();
        assertThat(sim.simulator().outbox()).extracting(OutboxMessage::to).containsExactlyInAnyOrder(ASHA, JUMA);

        sim.simulator().reset();
        assertThat(send("&defaultRegion=TZ", "Hi", new LinkedHashSet<>(List.of("0712 345 678", "0754-000-111")), Map.of())
                .getException()).isNull();
        assertThat(sim.simulator().outbox()).extracting(OutboxMessage::to).containsExactlyInAnyOrder(ASHA, JUMA);
    }

    @Test
    void failOnRejectedRecipientsSendsNothingWhenANumberIsInvalid() {
        Exchange result = send("&failOnRejectedRecipients=true", "Hi", List.of(ASHA, "12345", JUMA), Map.of());

        assertThat(result.getException()).isInstanceOf(AmpenetRecipientRejectedException.class)
                .hasMessageContaining("nothing sent").hasMessageContaining("12345");
        assertThat(sim.simulator().journal()).isEmpty();
        assertThat(rejected(result)).extracting(RejectedRecipient::recipient).containsExactly("12345");
    }

    @Test
    void withoutFailOnRejectedTheInvalidNumberIsReportedAndTheOthersSent() {
        Exchange result = send("Hi", List.of(ASHA, "12345", JUMA));

        assertThat(result.getException()).isNull();
        assertThat(sim.simulator().outbox()).extracting(OutboxMessage::to).containsExactlyInAnyOrder(ASHA, JUMA);
        assertThat(rejected(result)).extracting(RejectedRecipient::recipient).containsExactly("12345");
    }

    @Test
    void partialRefusalIsReportedWithTheApisReason() {
        sim.simulator().blacklist(List.of(JUMA));

        Exchange result = send("Hi", ASHA + "," + JUMA + ",255765000333");

        assertThat(result.getException()).isNull();
        assertThat(rejected(result)).hasSize(1);
        assertThat(rejected(result).get(0).recipient()).isEqualTo(JUMA);
        assertThat(rejected(result).get(0).reason()).isEqualTo("Number contains in the blacklist");
        assertThat(result.getMessage().getHeader(AmpenetConstants.MESSAGE_IDS, List.class)).hasSize(2)
                .containsExactlyInAnyOrderElementsOf(sim.simulator().outbox().stream().map(OutboxMessage::uid).collect(Collectors.toList()));
        assertThat(sim.simulator().outbox()).extracting(OutboxMessage::to).containsExactlyInAnyOrder(ASHA, "255765000333");
        SendResult body = result.getMessage().getBody(SendResult.class);
        assertThat(body.accepted()).isEqualTo(2);
    }

    @Test
    void eachRefusedNumberGetsItsOwnReason() {
        sim.simulator().blacklist(List.of(JUMA));
        sim.simulator().setCoverage(TOKEN, Map.of(255, BigDecimal.ONE), null); // Tanzania only

        Exchange result = send("Hi", List.of(KENYA, ASHA, JUMA));

        assertThat(result.getException()).isNull();
        Map<String, String> reasons = rejected(result).stream()
                .collect(Collectors.toMap(RejectedRecipient::recipient, RejectedRecipient::reason));
        assertThat(reasons).containsOnly(
                Map.entry(KENYA, "Permission to send an SMS has not been enabled for the region indicated by the 'To' number: " + KENYA),
                Map.entry(JUMA, "Number contains in the blacklist"));
        assertThat(sim.simulator().outbox()).extracting(OutboxMessage::to).containsExactly(ASHA);
    }

    @Test
    void failOnRejectedRecipientsFailsWhenTheServerRefusesOne() {
        sim.simulator().blacklist(List.of(JUMA));

        Exchange result = send("&failOnRejectedRecipients=true", "Hi", ASHA + "," + JUMA, Map.of());

        // the server refused one number in a call it carried out for the other: that one went out
        assertThat(result.getException()).isInstanceOf(AmpenetRecipientRejectedException.class)
                .hasMessageContaining(JUMA).hasMessageContaining("Number contains in the blacklist");
        assertThat(sim.simulator().outbox()).extracting(OutboxMessage::to).containsExactly(ASHA);
        assertThat(result.getMessage().getHeader(AmpenetConstants.MESSAGE_IDS, List.class)).hasSize(1);
        assertThat(rejected(result)).extracting(RejectedRecipient::recipient).containsExactly(JUMA);
    }

    @Test
    void balanceRunningOutMidWayIsReportedPerRecipient() {
        sim.simulator().setBalance(new BigDecimal("150"));
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            numbers.add(String.format("255712%06d", i));
        }

        Exchange result = send("Hi", numbers);

        assertThat(result.getException()).isNull();
        assertThat(sends()).hasSize(3); // 100 sent; 50 sent and 50 refused; 50 refused
        assertThat(sim.simulator().outbox()).hasSize(150);
        assertThat(sim.simulator().balance()).isEqualByComparingTo(BigDecimal.ZERO);
        List<RejectedRecipient> rejected = rejected(result);
        assertThat(rejected).hasSize(100);
        assertThat(rejected).extracting(RejectedRecipient::recipient).containsExactlyElementsOf(numbers.subList(150, 250));
        // each number carries one refusal, not the server's 50 refusals joined together
        assertThat(rejected.subList(0, 50)).extracting(RejectedRecipient::reason)
                .containsOnly("There is not enough balance available to send this message.You have 0 of the 1");
        assertThat(rejected.subList(50, 100)).extracting(RejectedRecipient::reason).containsOnly("You have exceeded your sending limit.");
        SendResult body = result.getMessage().getBody(SendResult.class);
        assertThat(body.accepted()).isEqualTo(150);
        assertThat(body.calls()).isEqualTo(3);
        assertThat(result.getMessage().getHeader(AmpenetConstants.MESSAGE_IDS, List.class)).hasSize(150);
    }

    @Test
    void aScheduledBulkSendWithRefusalsAccountsForEveryRecipient() {
        // only Tanzania is covered, so the Kenyan number is refused by name; the blacklisted one is refused anonymously
        sim.simulator().setCoverage(TOKEN, Map.of(255, java.math.BigDecimal.ONE), null);
        sim.simulator().blacklist(List.of(JUMA));

        Exchange result = send("", "Kikao kesho", List.of(ASHA, JUMA, KENYA),
                Map.of(AmpenetConstants.SCHEDULE_TIME, "2030-01-01 09:00"));

        // the answer names the Kenyan refusal but not which of the other two was blacklisted: one of them went out,
        // and the component cannot say which, so both are uncertain and the exchange says so instead of guessing
        assertThat(result.getException()).isInstanceOf(dev.camelampenet.ampenet.error.AmpenetUnknownOutcomeException.class)
                .hasMessageContaining("Number contains in the blacklist");
        dev.camelampenet.ampenet.model.SendResult body = ((dev.camelampenet.ampenet.error.AmpenetException) result.getException()).getSendResult();
        assertThat(body.scheduled()).isTrue();
        assertThat(body.messages()).isEmpty(); // a scheduled send returns no uids
        assertThat(body.rejected()).singleElement().satisfies(r -> {
            assertThat(r.number()).isEqualTo(KENYA);
            assertThat(r.reason()).contains("'To' number: " + KENYA);
        });
        assertThat(body.uncertain()).containsExactlyInAnyOrder(ASHA, JUMA);
        assertThat(body.unsent()).isEmpty();
        assertThat(result.getMessage().getHeader(AmpenetConstants.UNCERTAIN_RECIPIENTS, List.class)).containsExactlyInAnyOrder(ASHA, JUMA);
        assertThat(sim.simulator().outbox()).extracting(o -> o.to()).containsExactly(ASHA);
    }

    @Test
    void anApiErrorCarriesTheStatusCodeAndItsReasonPhrase() {
        sim.simulator().blacklist(List.of(ASHA));

        Exchange result = send("Hi", ASHA);

        assertThat(result.getException()).isInstanceOf(dev.camelampenet.ampenet.error.AmpenetRecipientRejectedException.class);
        org.apache.camel.spi.HttpResponseAware aware = (org.apache.camel.spi.HttpResponseAware) result.getException();
        assertThat(aware.getHttpResponseCode()).isEqualTo(403);
        assertThat(aware.getHttpResponseStatus()).isEqualTo("Forbidden");
    }
}
