package dev.camelampenet.ampenet;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.camelampenet.ampenet.error.AmpenetValidationException;
import dev.camelampenet.ampenet.model.Contact;
import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and wrong input, table-driven: each is refused with an {@link AmpenetValidationException} that names the
 * operation and the input, and the simulator's journal shows that no request (not even /me) was made for it.
 */
class BadInputTest extends CamelTestSupport {

    private static final String TOKEN = "7|bad-input-token-secret";
    private static final String GROUP = "6b02a7f8e0c8e";
    private static final String OTHER = "6b02a7f8e0c8f";
    private static final String CONTACT = "6b02a7f8e0d11";
    private static final String ASHA = "255712345678";

    @RegisterExtension
    static AmpenetSimulatorExtension sim = AmpenetSimulatorExtension.with(b -> b.token(TOKEN));

    private static String uri(String operation) {
        return "ampenet:" + operation + "?apiToken=" + TOKEN + "&baseUrl=" + sim.baseUrl();
    }

    static Stream<Arguments> badInputs() {
        String tenMegabytes = "x".repeat(10 * 1024 * 1024);
        return Stream.of(
                row("a Map body for sms/send", "sms/send", Map.of("k", "v"), Map.of(AmpenetConstants.RECIPIENTS, ASHA),
                        "the body", "java.util"),
                row("a 10 MB text", "sms/send", tenMegabytes, Map.of(AmpenetConstants.RECIPIENTS, ASHA),
                        "the body", "more than maxSegments 10"),
                row("1,531 GSM-7 characters: 11 segments", "sms/send", "a".repeat(1531), Map.of(AmpenetConstants.RECIPIENTS, ASHA),
                        "the body", "11 segments"),
                row("a blank text", "sms/send", "   ", Map.of(AmpenetConstants.RECIPIENTS, ASHA), "the body", "blank"),
                row("recipients as bytes", "sms/send", "Hi", Map.of(AmpenetConstants.RECIPIENTS, ASHA.getBytes()),
                        AmpenetConstants.RECIPIENTS, "[B"),
                row("a recipient that is a Map", "sms/send", "Hi", Map.of(AmpenetConstants.RECIPIENTS, List.of(ASHA, Map.of())),
                        AmpenetConstants.RECIPIENTS, "item 1"),
                row("a NUL inside a number", "sms/send", "Hi", Map.of(AmpenetConstants.RECIPIENTS, "2557123\u000045678"),
                        AmpenetConstants.RECIPIENTS, "U+0000"),
                row("a NUL after a number", "sms/send", "Hi", Map.of(AmpenetConstants.RECIPIENTS, ASHA + "\u0000"),
                        AmpenetConstants.RECIPIENTS, "control character"),
                row("no recipients", "sms/send", "Hi", Map.of(AmpenetConstants.RECIPIENTS, " , "), AmpenetConstants.RECIPIENTS,
                        "no recipients"),
                row("an unknown sms type", "sms/send", "Hi", Map.of(AmpenetConstants.RECIPIENTS, ASHA,
                        AmpenetConstants.SMS_TYPE, "fax"), AmpenetConstants.SMS_TYPE, "'fax'"),
                row("a sender id of 12 letters", "sms/send", "Hi", Map.of(AmpenetConstants.RECIPIENTS, ASHA,
                        AmpenetConstants.SENDER_ID, "ABCDEFGHIJKL"), AmpenetConstants.SENDER_ID, "11 letters"),
                row("an unreadable schedule time", "sms/send", "Hi", Map.of(AmpenetConstants.RECIPIENTS, ASHA,
                        AmpenetConstants.SCHEDULE_TIME, "tomorrow"), AmpenetConstants.SCHEDULE_TIME, "Y-m-d H:i"),
                row("a schedule time of the wrong type", "sms/send", "Hi", Map.of(AmpenetConstants.RECIPIENTS, ASHA,
                        AmpenetConstants.SCHEDULE_TIME, 42L), AmpenetConstants.SCHEDULE_TIME, "java.lang.Long"),
                row("a campaign text as a list", "sms/campaign", List.of("Hi"), Map.of(AmpenetConstants.GROUP_ID, GROUP),
                        "the body", "must be text"),
                row("contact id '..' on contacts/delete", "contacts/delete", null, Map.of(AmpenetConstants.GROUP_ID, GROUP,
                        AmpenetConstants.CONTACT_ID, ".."), AmpenetConstants.CONTACT_ID, "dot segment"),
                row("contact id '.' on contacts/delete", "contacts/delete", null, Map.of(AmpenetConstants.GROUP_ID, GROUP,
                        AmpenetConstants.CONTACT_ID, "."), AmpenetConstants.CONTACT_ID, "dot segment"),
                row("contact id with a slash", "contacts/get", null, Map.of(AmpenetConstants.GROUP_ID, GROUP,
                        AmpenetConstants.CONTACT_ID, "a/../b"), AmpenetConstants.CONTACT_ID, "slash"),
                row("contact id with a backslash", "contacts/update", Map.of("phone", ASHA), Map.of(AmpenetConstants.GROUP_ID, GROUP,
                        AmpenetConstants.CONTACT_ID, "a\\b"), AmpenetConstants.CONTACT_ID, "slash"),
                row("an empty contact id", "contacts/delete", null, Map.of(AmpenetConstants.GROUP_ID, GROUP,
                        AmpenetConstants.CONTACT_ID, " "), AmpenetConstants.CONTACT_ID, "needs the contact uid"),
                row("group id '..' on groups/delete", "groups/delete", null, Map.of(AmpenetConstants.GROUP_ID, ".."),
                        AmpenetConstants.GROUP_ID, "dot segment"),
                row("group id with a control character", "groups/get", null, Map.of(AmpenetConstants.GROUP_ID, "6b02\u0007"),
                        AmpenetConstants.GROUP_ID, "control character"),
                row("two group ids on contacts/list", "contacts/list", null, Map.of(AmpenetConstants.GROUP_ID, GROUP + "," + GROUP),
                        AmpenetConstants.GROUP_ID, "one group"),
                row("two group names on contacts/list", "contacts/list", null, Map.of(AmpenetConstants.GROUP_NAME,
                        "Customers,VIP"), AmpenetConstants.GROUP_NAME, "one group"),
                row("a group twice on contacts/store", "contacts/store", ASHA, Map.of(AmpenetConstants.GROUP_ID,
                        GROUP + "," + OTHER + "," + GROUP), AmpenetConstants.GROUP_ID, "names a group twice"),
                row("a move without a target", "contacts/move", null, Map.of(AmpenetConstants.GROUP_ID, GROUP,
                        AmpenetConstants.CONTACT_ID, CONTACT), AmpenetConstants.TARGET_GROUP_ID, "needs the group uid"),
                row("a move to a blank target", "contacts/move", null, Map.of(AmpenetConstants.GROUP_ID, GROUP,
                        AmpenetConstants.CONTACT_ID, CONTACT, AmpenetConstants.TARGET_GROUP_ID, "  "),
                        AmpenetConstants.TARGET_GROUP_ID, "is blank"),
                row("a move onto its own group", "contacts/move", null, Map.of(AmpenetConstants.GROUP_ID, GROUP,
                        AmpenetConstants.CONTACT_ID, CONTACT, AmpenetConstants.TARGET_GROUP_ID, GROUP),
                        AmpenetConstants.TARGET_GROUP_ID, "source group itself"),
                row("a move to two groups", "contacts/move", null, Map.of(AmpenetConstants.GROUP_ID, GROUP,
                        AmpenetConstants.CONTACT_ID, CONTACT, AmpenetConstants.TARGET_GROUP_ID, List.of(OTHER, "6b02a7f8e0c90")),
                        AmpenetConstants.TARGET_GROUP_ID, "takes one group uid, got 2"),
                row("a move target with a slash", "contacts/move", null, Map.of(AmpenetConstants.GROUP_ID, GROUP,
                        AmpenetConstants.CONTACT_ID, CONTACT, AmpenetConstants.TARGET_GROUP_ID, "../" + OTHER),
                        AmpenetConstants.TARGET_GROUP_ID, "slash"),
                row("a move to a group name", "contacts/move", null, Map.of(AmpenetConstants.GROUP_ID, GROUP,
                        AmpenetConstants.CONTACT_ID, CONTACT, AmpenetConstants.TARGET_GROUP_ID, "Customers"),
                        AmpenetConstants.TARGET_GROUP_ID, "not a group uid"),
                row("groups/delete to a target of 12 characters", "groups/delete", null, Map.of(AmpenetConstants.GROUP_ID, GROUP,
                        AmpenetConstants.TARGET_GROUP_ID, "6b02a7f8e0c8"), AmpenetConstants.TARGET_GROUP_ID, "not a group uid"),
                row("a move from two groups", "contacts/move", null, Map.of(AmpenetConstants.GROUP_ID, GROUP + "," + OTHER,
                        AmpenetConstants.CONTACT_ID, CONTACT, AmpenetConstants.TARGET_GROUP_ID, OTHER),
                        AmpenetConstants.GROUP_ID, "one group"),
                row("a move without a contact id", "contacts/move", null, Map.of(AmpenetConstants.GROUP_ID, GROUP,
                        AmpenetConstants.TARGET_GROUP_ID, OTHER), AmpenetConstants.CONTACT_ID, "needs the contact uid"),
                row("groups/delete to a blank target", "groups/delete", null, Map.of(AmpenetConstants.GROUP_ID, GROUP,
                        AmpenetConstants.TARGET_GROUP_ID, ""), AmpenetConstants.TARGET_GROUP_ID, "is blank"),
                row("groups/delete moving onto itself", "groups/delete", null, Map.of(AmpenetConstants.GROUP_ID, GROUP,
                        AmpenetConstants.TARGET_GROUP_ID, GROUP), AmpenetConstants.TARGET_GROUP_ID, "source group itself"),
                row("groups/delete to a target with a control character", "groups/delete", null, Map.of(AmpenetConstants.GROUP_ID,
                        GROUP, AmpenetConstants.TARGET_GROUP_ID, OTHER + "\u0000"), AmpenetConstants.TARGET_GROUP_ID, "control character"),
                row("message id '..' on sms/get", "sms/get", null, Map.of(AmpenetConstants.MESSAGE_ID, ".."),
                        AmpenetConstants.MESSAGE_ID, "dot segment"),
                row("a contact without a phone", "contacts/store", Map.of("firstName", "Asha"), Map.of(AmpenetConstants.GROUP_ID, GROUP),
                        "the body", "phone number"),
                row("a contact phone with a NUL", "contacts/store", Map.of("phone", ASHA + "\u0000"),
                        Map.of(AmpenetConstants.GROUP_ID, GROUP), "the body", "control character"),
                row("a contact as broken JSON", "contacts/store", "{\"phone\": ", Map.of(AmpenetConstants.GROUP_ID, GROUP),
                        "the body", "not valid JSON"),
                row("a contact as a number", "contacts/store", 255712345678L, Map.of(AmpenetConstants.GROUP_ID, GROUP),
                        "the body", "java.lang.Long"),
                row("a page of 0", "sms/list", null, Map.of(AmpenetConstants.PAGE, 0), AmpenetConstants.PAGE, "from 1"),
                row("an operation of another resource", "groups/list", null, Map.of(AmpenetConstants.OPERATION, "send"),
                        AmpenetConstants.OPERATION, "not an operation of groups"));
    }

    private static Arguments row(String what, String operation, Object body, Map<String, Object> headers, String input,
                                 String says) {
        return Arguments.of(what, operation, body, headers, input, says);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void isRefusedBeforeAnyCall(String what, String operation, Object body, Map<String, Object> headers, String input,
                                String says) {
        Exchange result = template.request(uri(operation), e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeaders(new HashMap<>(headers));
        });

        assertThat(result.getException()).as(what).isInstanceOf(AmpenetValidationException.class);
        AmpenetValidationException e = (AmpenetValidationException) result.getException();
        String expectedOperation = headers.containsKey(AmpenetConstants.OPERATION) ? "groups/list" : operation;
        assertThat(e.getOperation()).isEqualTo(expectedOperation);
        assertThat(e.getMessage()).as(what).contains("Ampenet " + expectedOperation).contains(input + ": ").contains(says);
        assertThat(e.getMessage().length()).as("the message stays short, whatever the input").isLessThan(600);
        assertThat(sim.simulator().journal()).as(what + ": no request at all").isEmpty();
    }

    @Test
    void aScheduleTimeInThePastIsRefusedWithoutSending() {
        for (Object past : List.of(Instant.now().minus(2, ChronoUnit.HOURS), "2020-01-01 09:00",
                LocalDateTime.now().minusDays(2))) {
            Exchange result = template.request(uri("sms/send"), e -> {
                e.getMessage().setBody("Hi");
                e.getMessage().setHeader(AmpenetConstants.RECIPIENTS, ASHA);
                e.getMessage().setHeader(AmpenetConstants.SCHEDULE_TIME, past);
            });
            assertThat(result.getException()).as(past.toString()).isInstanceOf(AmpenetValidationException.class)
                    .hasMessageContaining(AmpenetConstants.SCHEDULE_TIME).hasMessageContaining("in the past");
        }
        // the account's clock comes from /me (once per endpoint); no SMS was asked for
        assertThat(sim.simulator().journal()).allSatisfy(j -> assertThat(j.path()).endsWith("/me"));
        assertThat(sim.simulator().outbox()).isEmpty();
    }

    @Test
    void aLongTextGoesWhenMaxSegmentsIsRaisedExplicitly() {
        Exchange result = template.request(uri("sms/send") + "&maxSegments=20", e -> {
            e.getMessage().setBody("a".repeat(1531));
            e.getMessage().setHeader(AmpenetConstants.RECIPIENTS, ASHA);
        });
        assertThat(result.getException()).isNull();
        assertThat(sim.simulator().outbox()).singleElement().satisfies(m -> assertThat(m.segments()).isEqualTo(11));
    }

    @Test
    void aContactAsAJsonStringOrAMapIsConvertedNotTakenAsAPhoneNumber() {
        String group = template.requestBody(uri("groups/create"), "Customers", dev.camelampenet.ampenet.model.ContactGroup.class).uid();
        Contact fromJson = template.requestBodyAndHeader(uri("contacts/store"),
                "{\"phone\":\"+255 712 345 678\",\"firstName\":\"Asha\"}", AmpenetConstants.GROUP_ID, group, Contact.class);
        Contact fromMap = template.requestBodyAndHeader(uri("contacts/store"), Map.of("mobile", "255754000111", "first_name", "Juma"),
                AmpenetConstants.GROUP_ID, group, Contact.class);

        assertThat(fromJson.getPhone()).isEqualTo(ASHA);
        assertThat(fromJson.getFirstName()).isEqualTo("Asha");
        assertThat(fromMap.getFirstName()).isEqualTo("Juma");
        assertThat(sim.simulator().group(TOKEN, "Customers").contacts()).hasSize(2);
    }
}
