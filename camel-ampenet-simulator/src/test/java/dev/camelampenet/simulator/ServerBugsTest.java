package dev.camelampenet.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import dev.camelampenet.simulator.support.RawApi;
import dev.camelampenet.simulator.support.RawApi.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;

import static dev.camelampenet.simulator.support.RawApi.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four switchable server bugs of docs/ampenet-api.md §13 (Q9, Q11, Q12, Q13), each on and off: as the profiles have
 * them by default and switched at run time with {@link AmpenetSimulator#setBug}.
 */
class ServerBugsTest {

    static final String SENT = "Your message was successfully delivered";
    static final String SCHEDULED = "Message is scheduled successfully.";

    @RegisterExtension
    static AmpenetSimulatorExtension sim = AmpenetSimulatorExtension.with(b -> b.token("T"));

    private RawApi api() {
        return new RawApi(sim.baseUrl(), "T");
    }

    /** A simulator of another profile, for its defaults; started and stopped around the check. */
    private static void withProfile(Profile profile, Consumer<AmpenetSimulator> check) {
        try (AmpenetSimulator other = AmpenetSimulator.builder().profile(profile).token("T").start()) {
            check.accept(other);
        }
    }

    private static String send(RawApi api, String recipient, String message) {
        Reply r = api.post("/sms/send", body("recipient", recipient, "message", message));
        assertThat(r.outcome()).as(r.toString()).isEqualTo("success");
        return r.data().path("uid").asText();
    }

    private static List<String> listedUids(RawApi api) {
        Reply r = api.get("/sms");
        assertThat(r.outcome()).as(r.toString()).isEqualTo("success");
        List<String> uids = new ArrayList<>();
        r.data().path("data").forEach(row -> uids.add(row.path("uid").asText()));
        return uids;
    }

    private static String groupWithContacts(RawApi api, String name, String... phones) {
        Reply group = api.post("/contacts", body("name", name));
        assertThat(group.outcome()).as(group.toString()).isEqualTo("success");
        String uid = group.data().path("uid").asText();
        for (String phone : phones) {
            Reply contact = api.post("/contacts/" + uid + "/store", body("PHONE", phone));
            assertThat(contact.outcome()).as(contact.toString()).isEqualTo("success");
        }
        return uid;
    }

    // ---- defaults -----------------------------------------------------------------------------------------

    @Test
    void profileDefaults() {
        assertThat(Profile.V3_1.defaultBugs()).isEmpty();
        assertThat(Profile.V3_8.defaultBugs()).containsExactlyInAnyOrder(ServerBug.UNSCOPED_SMS_LIST,
                ServerBug.CAMPAIGN_CREATE_RETURNS_FIRST, ServerBug.SINGLE_RECIPIENT_SCHEDULE_IGNORED,
                ServerBug.CAMPAIGN_REPEATS_SHARED_NUMBERS);
        assertThat(Profile.V3_13.defaultBugs()).containsExactlyInAnyOrder(ServerBug.SINGLE_RECIPIENT_SCHEDULE_IGNORED,
                ServerBug.CAMPAIGN_REPEATS_SHARED_NUMBERS);
        assertThat(sim.simulator().bugs()).isEqualTo(Profile.V3_8.defaultBugs());
    }

    @Test
    void aSwitchedBugLastsUntilReset() {
        sim.simulator().setBug(ServerBug.CONTACT_LIST_SQL_ERROR, true);
        sim.simulator().setBug(ServerBug.UNSCOPED_SMS_LIST, false);
        assertThat(sim.simulator().bugs()).contains(ServerBug.CONTACT_LIST_SQL_ERROR).doesNotContain(ServerBug.UNSCOPED_SMS_LIST);

        sim.simulator().reset();

        assertThat(sim.simulator().bugs()).isEqualTo(EnumSet.copyOf(Profile.V3_8.defaultBugs()));
    }

    @Test
    void builderOverridesTheProfileDefault() {
        try (AmpenetSimulator other = AmpenetSimulator.builder().bug(ServerBug.UNSCOPED_SMS_LIST, false)
                .bug(ServerBug.CONTACT_LIST_SQL_ERROR, true).start()) {
            assertThat(other.bugs()).containsExactlyInAnyOrder(ServerBug.CAMPAIGN_CREATE_RETURNS_FIRST,
                    ServerBug.SINGLE_RECIPIENT_SCHEDULE_IGNORED, ServerBug.CONTACT_LIST_SQL_ERROR,
                    ServerBug.CAMPAIGN_REPEATS_SHARED_NUMBERS);
            other.reset();
            assertThat(other.bugs()).as("reset goes back to the configured bugs")
                    .contains(ServerBug.CONTACT_LIST_SQL_ERROR).doesNotContain(ServerBug.UNSCOPED_SMS_LIST);
        }
    }

    // ---- UNSCOPED_SMS_LIST --------------------------------------------------------------------------------

    @Test
    void unscopedSmsListIsOnInV38SoEveryTenantSeesEveryMessage() {
        sim.simulator().addAccount("T2", new BigDecimal("100"));
        String mine = send(api(), "255712345678", "mine");
        String theirs = send(api().withToken("T2"), "255712345679", "theirs");

        assertThat(listedUids(api().withToken("T2"))).containsExactly(theirs, mine);
        assertThat(listedUids(api())).containsExactly(theirs, mine);
    }

    @Test
    void unscopedSmsListSwitchedOffScopesTheListToTheUser() {
        sim.simulator().setBug(ServerBug.UNSCOPED_SMS_LIST, false);
        sim.simulator().addAccount("T2", new BigDecimal("100"));
        String mine = send(api(), "255712345678", "mine");
        String theirs = send(api().withToken("T2"), "255712345679", "theirs");

        assertThat(listedUids(api().withToken("T2"))).containsExactly(theirs);
        assertThat(listedUids(api())).containsExactly(mine);
    }

    @Test
    void unscopedSmsListIsOffInV313AndCanBeSwitchedOn() {
        withProfile(Profile.V3_13, other -> {
            other.addAccount("T2", new BigDecimal("100"));
            RawApi api = new RawApi(other.baseUrl(), "T");
            String mine = send(api, "255712345678", "mine");

            assertThat(listedUids(api.withToken("T2"))).isEmpty();
            other.setBug(ServerBug.UNSCOPED_SMS_LIST, true);
            assertThat(listedUids(api.withToken("T2"))).containsExactly(mine);
        });
    }

    // ---- CONTACT_LIST_SQL_ERROR ---------------------------------------------------------------------------

    @Test
    void contactListSqlErrorIsOffByDefault() {
        String group = groupWithContacts(api(), "Friends", "255712345678");

        Reply r = api().post("/contacts/" + group + "/all", null);

        assertThat(r.outcome()).as(r.toString()).isEqualTo("success");
        assertThat(r.data().path("data")).hasSize(1);
        withProfile(Profile.V3_13, other -> assertThat(other.bugs()).doesNotContain(ServerBug.CONTACT_LIST_SQL_ERROR));
        withProfile(Profile.V3_1, other -> assertThat(other.bugs()).doesNotContain(ServerBug.CONTACT_LIST_SQL_ERROR));
    }

    @Test
    void contactListSqlErrorBreaksOnlyNonEmptyGroups() {
        sim.simulator().setBug(ServerBug.CONTACT_LIST_SQL_ERROR, true);
        String full = groupWithContacts(api(), "Friends", "255712345678");
        String empty = groupWithContacts(api(), "Nobody");

        Reply broken = api().post("/contacts/" + full + "/all", null);
        assertThat(broken.status).isEqualTo(200);
        assertThat(broken.outcome()).isEqualTo("error");
        assertThat(broken.message()).startsWith("SQLSTATE[42S22]: Column not found: 1054 Unknown column 'first_name'");
        assertThat(broken.json().has("data")).as("rendered by the exception handler: status and message only").isFalse();

        // count(*) runs first and succeeds, so an empty group is still a normal empty page
        Reply fine = api().post("/contacts/" + empty + "/all", null);
        assertThat(fine.outcome()).as(fine.toString()).isEqualTo("success");
        JsonNode page = fine.data();
        assertThat(page.path("data")).isEmpty();
        assertThat(page.path("total").asInt()).isZero();
        assertThat(page.path("from").isNull()).isTrue();
        assertThat(page.path("to").isNull()).isTrue();

        sim.simulator().setBug(ServerBug.CONTACT_LIST_SQL_ERROR, false);
        assertThat(api().post("/contacts/" + full + "/all", null).outcome()).isEqualTo("success");
    }

    // ---- CAMPAIGN_CREATE_RETURNS_FIRST --------------------------------------------------------------------

    @Test
    void campaignCreateReturnsTheFirstCampaignOfTheWholeTableInV38() {
        sim.simulator().addAccount("T2", new BigDecimal("100"));
        RawApi theirs = api().withToken("T2");
        String theirGroup = groupWithContacts(theirs, "Theirs", "255712345679");
        Reply theirCampaign = theirs.post("/sms/campaign", body("contact_list_id", theirGroup, "message", "theirs"));
        String firstUid = theirCampaign.data().path("uid").asText();

        String myGroup = groupWithContacts(api(), "Mine", "255712345678");
        Reply mine = api().post("/sms/campaign", body("contact_list_id", myGroup, "message", "mine"));

        assertThat(mine.outcome()).as(mine.toString()).isEqualTo("success");
        assertThat(mine.data().path("uid").asText()).as("another tenant's campaign").isEqualTo(firstUid);
        assertThat(mine.data().path("status").asText()).isEqualTo("done");
        String realUid = sim.simulator().outbox("T").get(0).campaignUid();
        assertThat(realUid).isNotNull().isNotEqualTo(firstUid);
    }

    @Test
    void campaignCreateReturnsTheNewCampaignWhenSwitchedOff() {
        sim.simulator().setBug(ServerBug.CAMPAIGN_CREATE_RETURNS_FIRST, false);
        String group = groupWithContacts(api(), "Mine", "255712345678");
        String first = api().post("/sms/campaign", body("contact_list_id", group, "message", "one")).data().path("uid").asText();

        Reply second = api().post("/sms/campaign", body("contact_list_id", group, "message", "two"));

        assertThat(second.data().path("uid").asText()).isNotEqualTo(first);
        assertThat(second.data().path("status").asText()).isEqualTo("queued");
        assertThat(sim.simulator().outbox("T")).filteredOn(m -> m.text().equals("two")).singleElement()
                .satisfies(m -> assertThat(m.campaignUid()).isEqualTo(second.data().path("uid").asText()));
        withProfile(Profile.V3_13, other -> assertThat(other.bugs()).doesNotContain(ServerBug.CAMPAIGN_CREATE_RETURNS_FIRST));
    }

    // ---- SINGLE_RECIPIENT_SCHEDULE_IGNORED ----------------------------------------------------------------

    @Test
    void singleRecipientScheduleIsIgnoredByDefaultAndGoesOutAtOnce() {
        Reply r = api().post("/sms/send", body("recipient", "255712345678", "message", "Later?",
                "schedule_time", "2030-01-01 10:00"));

        assertThat(r.message()).isEqualTo(SENT);
        String uid = r.data().path("uid").asText();
        assertThat(uid).matches("[0-9a-f]{13}");
        assertThat(sim.simulator().outbox("T")).singleElement().satisfies(m -> {
            assertThat(m.uid()).isEqualTo(uid);
            assertThat(m.status()).isEqualTo("Delivered");
            assertThat(m.scheduledFor()).isNull();
        });
        assertThat(listedUids(api())).containsExactly(uid);
        withProfile(Profile.V3_13, other -> assertThat(other.bugs()).contains(ServerBug.SINGLE_RECIPIENT_SCHEDULE_IGNORED));
    }

    @Test
    void singleRecipientScheduleIsHonouredWhenSwitchedOff() {
        sim.simulator().setBug(ServerBug.SINGLE_RECIPIENT_SCHEDULE_IGNORED, false);

        Reply r = api().post("/sms/send", body("recipient", "255712345678", "message", "Later",
                "schedule_time", "2030-01-01 10:00"));

        assertThat(r.status).isEqualTo(200);
        assertThat(r.body).isEqualTo("{\"status\":\"success\",\"message\":\"" + SCHEDULED + "\",\"data\":null}");
        assertThat(sim.simulator().outbox("T")).singleElement().satisfies(m -> {
            assertThat(m.status()).isEqualTo("Scheduled");
            assertThat(m.scheduledFor()).isEqualTo("2030-01-01T07:00:00Z"); // 10:00 in Africa/Dar_es_Salaam
        });
        assertThat(listedUids(api())).isEmpty();
    }

    @Test
    void scheduledBulkReturnsNoUidsAndWaitsInTheOutbox() {
        Reply r = api().post("/sms/send", body("recipient", "255712345678,255712345679", "message", "Later",
                "schedule_time", "2030-01-01 10:00"));

        assertThat(r.status).isEqualTo(200);
        assertThat(r.body).isEqualTo("{\"status\":\"success\",\"message\":\"" + SCHEDULED + "\",\"data\":null}");
        assertThat(listedUids(api())).isEmpty();
        assertThat(api().get("/sms").data().path("total").asInt()).isZero();
        List<OutboxMessage> outbox = sim.simulator().outbox("T");
        assertThat(outbox).extracting(OutboxMessage::to).containsExactly("255712345678", "255712345679");
        assertThat(outbox).allSatisfy(m -> {
            assertThat(m.status()).isEqualTo("Scheduled");
            assertThat(m.scheduledFor()).isEqualTo("2030-01-01T07:00:00Z");
        });
    }
}
