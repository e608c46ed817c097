package dev.camelampenet.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import dev.camelampenet.simulator.support.RawApi;
import dev.camelampenet.simulator.support.RawApi.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static dev.camelampenet.simulator.support.RawApi.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance: sending debits the balance by segments, only for numbers that were really sent, and an invalid number in
 * a bulk send is reported the way the v3.8 server does (docs/ampenet-api.md §6.5 and Q25: HTTP 200, the per-number
 * error as the message, rows for the numbers that went out). Each step checks the balance three ways: GET /balance, the
 * simulator's own account, and the costs in the outbox.
 */
class SendAcceptanceTest {

    @RegisterExtension
    static AmpenetSimulatorExtension sim = AmpenetSimulatorExtension.with(b -> b.token("T"));

    RawApi api;
    BigDecimal startingBalance = AmpenetSimulator.DEFAULT_BALANCE;

    @BeforeEach
    void client() {
        api = new RawApi(sim.baseUrl(), "T");
    }

    @Test
    void three_recipients_one_invalid_debits_only_the_two_valid_ones_and_reports_the_invalid_one() {
        assertBalance("10000", "$10,000");

        Reply r = api.post("/sms/send", body("recipient", "255712345678,12345,255712345679",
                "sender_id", "AMPENET", "type", "plain", "message", "Habari, mkutano ni saa nne."));

        // HTTP 200 and "success", with the refused number's reason as the message
        assertThat(r.status).isEqualTo(200);
        assertThat(r.contentType).startsWith("application/json");
        assertThat(EndpointsV38Test.keys(r.json())).containsExactly("status", "message", "data");
        assertThat(r.outcome()).isEqualTo("success");
        assertThat(r.message()).isEqualTo("12345 is a invalid phone number");
        JsonNode rows = r.data();
        assertThat(rows.isArray()).isTrue();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("to").asText()).isEqualTo("255712345678");
        assertThat(rows.get(1).get("to").asText()).isEqualTo("255712345679");
        for (JsonNode row : rows) {
            assertThat(EndpointsV38Test.keys(row))
                    .containsExactly("uid", "to", "from", "message", "customer_status", "cost", "sms_count");
            assertThat(row.get("customer_status").asText()).isEqualTo("Delivered");
            assertThat(row.get("cost").asText()).isEqualTo("1");
            assertThat(row.get("sms_count").asInt()).isEqualTo(1);
            assertThat(row.get("from").asText()).isEqualTo("AMPENET");
        }

        // exactly the 2 valid messages' segments were debited
        assertBalance("9998", "$9,998");
        List<OutboxMessage> outbox = sim.simulator().outbox();
        assertThat(outbox).extracting(OutboxMessage::to).containsExactly("255712345678", "255712345679");
        assertThat(outbox).extracting(OutboxMessage::uid)
                .containsExactly(rows.get(0).get("uid").asText(), rows.get(1).get("uid").asText());
        assertThat(outbox).extracting(OutboxMessage::cost).containsExactly("1", "1");
        assertThat(outboxTotal()).isEqualByComparingTo("2");

        // each message is visible through the API
        for (JsonNode row : rows) {
            Reply view = api.get("/sms/" + row.get("uid").asText());
            assertThat(view.data().get("customer_status").asText()).isEqualTo("Delivered");
            assertThat(view.data().get("cost").asText()).isEqualTo("1");
        }
    }

    @Test
    void two_invalid_numbers_join_their_reasons_with_a_space() {
        Reply r = api.post("/sms/send", body("recipient", "123,255712345678,4567", "message", "Habari"));

        assertThat(r.status).isEqualTo(200);
        assertThat(r.outcome()).isEqualTo("success");
        assertThat(r.message()).isEqualTo("123 is a invalid phone number 4567 is a invalid phone number");
        assertThat(r.data()).hasSize(1);
        assertBalance("9999", "$9,999");
    }

    @Test
    void all_numbers_invalid_is_a_403_and_debits_nothing() {
        Reply r = api.post("/sms/send", body("recipient", "123,4567", "message", "Habari"));

        assertThat(r.status).isEqualTo(403);
        assertThat(r.outcome()).isEqualTo("error");
        assertThat(r.message()).isEqualTo("123 is a invalid phone number 4567 is a invalid phone number");
        assertBalance("10000", "$10,000");
        assertThat(sim.simulator().outbox()).isEmpty();
    }

    @Test
    void a_two_segment_gsm_text_costs_two_units() {
        String text = "Habari! ".repeat(20) + "Karibu."; // 167 GSM-7 characters: more than 160, at most 2 x 153
        assertThat(text).hasSize(167);

        Reply r = api.post("/sms/send", body("recipient", "255712345678", "message", text));

        EndpointsV38Test.assertSuccess(r, "Your message was successfully delivered");
        assertThat(r.data().get("sms_count").asInt()).isEqualTo(2);
        assertThat(r.data().get("cost").asText()).isEqualTo("2");
        assertBalance("9998", "$9,998");
        OutboxMessage m = sim.simulator().outbox().get(0);
        assertThat(m.type()).isEqualTo("plain");
        assertThat(m.encoding()).isEqualTo("GSM_7");
        assertThat(m.segments()).isEqualTo(2);
        assertThat(m.cost()).isEqualTo("2");
    }

    @Test
    void segment_boundaries_160_and_161_gsm_characters() {
        Reply exactly160 = api.post("/sms/send", body("recipient", "255712345678", "message", "a".repeat(160)));
        Reply over = api.post("/sms/send", body("recipient", "255712345679", "message", "a".repeat(161)));
        Reply threeParts = api.post("/sms/send", body("recipient", "255712345670", "message", "a".repeat(307)));

        assertThat(exactly160.data().get("sms_count").asInt()).isEqualTo(1);
        assertThat(over.data().get("sms_count").asInt()).isEqualTo(2);
        assertThat(threeParts.data().get("sms_count").asInt()).isEqualTo(3); // 307 > 2 x 153
        assertBalance("9994", "$9,994");
        assertThat(outboxTotal()).isEqualByComparingTo("6");
    }

    @Test
    void gsm_extension_characters_count_double() {
        // 156 plain characters plus two extension characters (2 each) = 160: one segment
        Reply one = api.post("/sms/send", body("recipient", "255712345678", "message", "a".repeat(156) + "[]"));
        // 157 + 4 = 161: two segments
        Reply two = api.post("/sms/send", body("recipient", "255712345679", "message", "a".repeat(157) + "[]"));

        assertThat(one.data().get("sms_count").asInt()).isEqualTo(1);
        assertThat(two.data().get("sms_count").asInt()).isEqualTo(2);
        assertBalance("9997", "$9,997");
    }

    @Test
    void a_ucs2_text_is_forced_to_unicode_and_priced_by_70_then_67_characters() {
        String oneSegment = "Привет, как дела? 😀"; // Cyrillic and an emoji: UCS-2, the emoji counts 2
        Reply one = api.post("/sms/send", body("recipient", "255712345678", "type", "plain", "message", oneSegment));

        EndpointsV38Test.assertSuccess(one, "Your message was successfully delivered");
        assertThat(one.data().get("sms_count").asInt()).isEqualTo(1);
        assertThat(one.data().get("cost").asText()).isEqualTo("1");
        // json_encode writes non-ASCII as \\uXXXX escapes; a JSON parser reads the text back
        assertThat(one.body).contains("\\u041f\\u0440\\u0438");
        assertThat(one.data().get("message").asText()).isEqualTo(oneSegment);

        String twoSegments = "П".repeat(71);
        Reply two = api.post("/sms/send", body("recipient", "255712345679", "message", twoSegments));
        assertThat(two.data().get("sms_count").asInt()).isEqualTo(2);
        assertThat(two.data().get("cost").asText()).isEqualTo("2");

        Reply exactly70 = api.post("/sms/send", body("recipient", "255712345670", "message", "П".repeat(70)));
        assertThat(exactly70.data().get("sms_count").asInt()).isEqualTo(1);

        Reply threeSegments = api.post("/sms/send", body("recipient", "255712345671", "message", "П".repeat(135)));
        assertThat(threeSegments.data().get("sms_count").asInt()).isEqualTo(3); // 135 > 2 x 67

        assertBalance("9993", "$9,993");
        List<OutboxMessage> outbox = sim.simulator().outbox();
        assertThat(outbox).extracting(OutboxMessage::type).containsOnly("unicode");
        assertThat(outbox).extracting(OutboxMessage::encoding).containsOnly("UCS_2");
        assertThat(outbox).extracting(OutboxMessage::segments).containsExactly(1, 2, 1, 3);
        assertThat(outboxTotal()).isEqualByComparingTo("7");
    }

    @Test
    void a_bulk_send_of_a_two_segment_text_debits_segments_times_recipients() {
        String text = "x".repeat(200);

        Reply r = api.post("/sms/send", body("recipient", "255712345678,255712345679,255712345670", "message", text));

        assertThat(r.message()).isEqualTo("Message is scheduled successfully.");
        assertThat(r.data()).hasSize(3);
        r.data().forEach(row -> {
            assertThat(row.get("sms_count").asInt()).isEqualTo(2);
            assertThat(row.get("cost").asText()).isEqualTo("2");
        });
        assertBalance("9994", "$9,994");
        assertThat(outboxTotal()).isEqualByComparingTo("6");
    }

    @Test
    void the_price_per_segment_comes_from_the_plan_coverage() {
        sim.simulator().setCoverage("T", Map.of(255, new BigDecimal("3")), BigDecimal.ONE);

        Reply tz = api.post("/sms/send", body("recipient", "255712345678", "message", "y".repeat(200)));
        Reply nl = api.post("/sms/send", body("recipient", "31612345678", "message", "y".repeat(200)));

        assertThat(tz.data().get("cost").asText()).isEqualTo("6");
        assertThat(nl.data().get("cost").asText()).isEqualTo("2");
        assertBalance("9992", "$9,992");
    }

    @Test
    void a_balance_that_covers_only_the_first_number_sends_to_it_and_reports_the_rest() {
        startingBalance = new BigDecimal("2");
        sim.simulator().setBalance(startingBalance);

        Reply r = api.post("/sms/send", body("recipient", "255712345678,255712345679", "message", "z".repeat(200)));

        assertThat(r.status).isEqualTo(200);
        assertThat(r.outcome()).isEqualTo("success");
        assertThat(r.message()).isEqualTo("There is not enough balance available to send this message.You have 0 of the 2");
        assertThat(r.data()).hasSize(1);
        assertThat(r.data().get(0).get("to").asText()).isEqualTo("255712345678");
        assertBalance("0", "$0");
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /** The balance as the simulator holds it, as GET /balance shows it, and as the starting balance minus the outbox costs. */
    private void assertBalance(String units, String wire) {
        assertThat(sim.simulator().balance()).isEqualByComparingTo(units);
        assertThat(api.get("/balance").data().get("remaining_balance").asText()).isEqualTo(wire);
        assertThat(startingBalance.subtract(outboxTotal())).as("starting balance - outbox costs").isEqualByComparingTo(units);
    }

    private BigDecimal outboxTotal() {
        return sim.simulator().outbox().stream().map(m -> new BigDecimal(m.cost())).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
