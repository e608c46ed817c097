package dev.camelampenet.ampenet;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.camelampenet.ampenet.model.Campaign;
import dev.camelampenet.ampenet.model.Contact;
import dev.camelampenet.ampenet.model.ContactGroup;
import dev.camelampenet.ampenet.model.SendResult;
import dev.camelampenet.simulator.AmpenetSimulator;
import dev.camelampenet.simulator.JournalEntry;
import dev.camelampenet.simulator.OutboxMessage;
import dev.camelampenet.simulator.Profile;
import org.apache.camel.Exchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * sms/campaign to several groups that share numbers: each distinct number gets exactly one SMS, counted in the
 * simulator's outbox, on every server generation (the servers' own campaign sends one per contact row, and v3.1 has
 * none). A campaign to one group stays one campaign call.
 */
class MultiGroupCampaignTest extends AllProfilesTestSupport {

    private static final String N1 = "255712000001";
    private static final String N2 = "255712000002";
    private static final String N3 = "255712000003";
    private static final String N4 = "255712000004";
    private static final String N5 = "255712000005";
    private static final String QUIET = "255712000009";

    /** Three groups: N2 in two of them, N3 in all three, QUIET unsubscribed in the third. */
    private List<String> threeGroups(Profile profile) {
        ContactGroup a = groupWith(profile, "A", N1, N2, N3);
        ContactGroup b = groupWith(profile, "B", N2, N3, N4);
        ContactGroup c = groupWith(profile, "C", N3, N5, QUIET);
        String quiet = sim(profile).groups(TOKEN).stream().filter(g -> g.uid().equals(c.uid())).findFirst().orElseThrow()
                .contacts().stream().filter(x -> x.phone().equals(QUIET)).findFirst().orElseThrow().uid();
        sim(profile).setContactStatus(quiet, "unsubscribe");
        return List.of(a.uid(), b.uid(), c.uid());
    }

    /**
     * Every distinct subscribed number. v3.1's contact list has no status (docs/ampenet-api.md §6.4), so there the
     * component cannot tell the unsubscribed contact and messages it too (documented in the component doc).
     */
    private static String[] expected(Profile profile) {
        return profile == Profile.V3_1 ? new String[] { N1, N2, N3, N4, N5, QUIET } : new String[] { N1, N2, N3, N4, N5 };
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aThreeGroupCampaignMessagesEachDistinctSubscribedNumberOnce(Profile profile) {
        List<String> groups = threeGroups(profile);
        sim(profile).clearJournal();

        Exchange result = exchange(profile, "sms/campaign", "Karibu", Map.of(AmpenetConstants.GROUP_ID, groups),
                "senderId=AMPENET", FAST);

        assertThat(result.getException()).isNull();
        Map<String, Long> copies = copiesPerNumber(sim(profile));
        assertThat(copies).containsOnlyKeys(expected(profile)).allSatisfy((number, n) -> assertThat(n).isEqualTo(1L));
        assertThat(sim(profile).outbox()).extracting(OutboxMessage::from).containsOnly("AMPENET");
        assertThat(result.getMessage().getHeader(AmpenetConstants.CAMPAIGN_PATH)).isEqualTo("MERGED_SEND");
        SendResult sent = result.getMessage().getBody(SendResult.class);
        assertThat(sent.sent()).containsExactly(expected(profile));
        assertThat(sent.settled()).isTrue();
        assertThat(result.getMessage().getHeader(AmpenetConstants.UNSENT_RECIPIENTS, List.class)).isEmpty();
        assertThat(result.getMessage().getHeader(AmpenetConstants.UNCERTAIN_RECIPIENTS, List.class)).isEmpty();
        // the cost in calls: one list page per group, one send for the five numbers, no campaign call
        assertThat(paths(sim(profile))).filteredOn(p -> p.endsWith("/all")).hasSize(3);
        assertThat(paths(sim(profile))).filteredOn(p -> p.endsWith("/sms/send")).hasSize(1);
        assertThat(paths(sim(profile))).filteredOn(p -> p.endsWith("/sms/campaign")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void groupNamesWorkAndAGroupGivenTwiceIsOneGroup(Profile profile) {
        threeGroups(profile);

        Exchange result = exchange(profile, "sms/campaign", "Karibu", Map.of(AmpenetConstants.GROUP_NAME, "A,B,A"), FAST);

        assertThat(result.getException()).isNull();
        assertThat(copiesPerNumber(sim(profile))).containsOnlyKeys(N1, N2, N3, N4).allSatisfy((number, n) -> assertThat(n).isEqualTo(1L));
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void theScheduleTimeIsHonouredOnTheMergedSend(Profile profile) {
        List<String> groups = threeGroups(profile);
        LocalDateTime at = LocalDateTime.now(AmpenetSimulator.DEFAULT_TIMEZONE).plusDays(1).withSecond(0).withNano(0);
        String when = at.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));

        Exchange result = exchange(profile, "sms/campaign", "Kesho", Map.of(AmpenetConstants.GROUP_ID, groups,
                AmpenetConstants.SCHEDULE_TIME, when), "senderId=AMPENET", FAST);

        assertThat(result.getException()).isNull();
        assertThat(copiesPerNumber(sim(profile))).containsOnlyKeys(expected(profile)).allSatisfy((number, n) -> assertThat(n).isEqualTo(1L));
        assertThat(sim(profile).outbox()).allSatisfy(m -> {
            assertThat(m.scheduledFor()).as("scheduled for").isNotNull();
            assertThat(m.from()).isEqualTo("AMPENET");
        });
        assertThat(result.getMessage().getBody(SendResult.class).scheduled()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = Profile.class, names = { "V3_8", "V3_13" })
    void aCampaignToOneGroupStaysOneCampaignCall(Profile profile) {
        List<String> groups = threeGroups(profile);
        sim(profile).clearJournal();

        Exchange result = exchange(profile, "sms/campaign", "Karibu", Map.of(AmpenetConstants.GROUP_ID, groups.get(0)), FAST);

        assertThat(result.getException()).isNull();
        assertThat(result.getMessage().getBody()).isInstanceOf(Campaign.class);
        assertThat(result.getMessage().getHeader(AmpenetConstants.CAMPAIGN_PATH)).isEqualTo("SERVER_CAMPAIGN");
        assertThat(paths(sim(profile))).containsExactly("/api/v3/sms/campaign");
        assertThat(copiesPerNumber(sim(profile))).containsOnlyKeys(N1, N2, N3);
    }

    /** The option for a server known to de-duplicate: one call, and on these servers the shared numbers repeat. */
    @ParameterizedTest
    @EnumSource(value = Profile.class, names = { "V3_8", "V3_13" })
    void serverCampaignIsOneCallAndTheseServersRepeatSharedNumbers(Profile profile) {
        List<String> groups = threeGroups(profile);
        sim(profile).clearJournal();

        Exchange result = exchange(profile, "sms/campaign", "Karibu", Map.of(AmpenetConstants.GROUP_ID, groups),
                "multiGroupCampaign=SERVER_CAMPAIGN", FAST);

        assertThat(result.getException()).isNull();
        assertThat(result.getMessage().getHeader(AmpenetConstants.CAMPAIGN_PATH)).isEqualTo("SERVER_CAMPAIGN");
        assertThat(paths(sim(profile))).containsExactly("/api/v3/sms/campaign");
        assertThat(copiesPerNumber(sim(profile))).containsEntry(N3, 3L).containsEntry(N2, 2L);
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void groupsWithNoSubscribedContactSendNothing(Profile profile) {
        ContactGroup a = newGroup(profile, "Empty");
        ContactGroup b = newGroup(profile, "Also empty");

        Exchange result = exchange(profile, "sms/campaign", "Karibu", Map.of(AmpenetConstants.GROUP_ID, List.of(a.uid(), b.uid())), FAST);

        assertThat(result.getException()).isInstanceOf(dev.camelampenet.ampenet.error.AmpenetRecipientRejectedException.class)
                .hasMessageContaining("no subscribed contact");
        assertThat(sim(profile).outbox()).isEmpty();
        assertThat(paths(sim(profile))).noneMatch(p -> p.endsWith("/sms/send") || p.endsWith("/sms/campaign"));
    }

    static Map<String, Long> copiesPerNumber(AmpenetSimulator sim) {
        return sim.outbox().stream().collect(Collectors.groupingBy(OutboxMessage::to, Collectors.counting()));
    }

    private static List<String> paths(AmpenetSimulator sim) {
        return sim.journal().stream().map(JournalEntry::path).collect(Collectors.toList());
    }

    private ContactGroup groupWith(Profile profile, String name, String... phones) {
        ContactGroup group = call(profile, "groups/create", name, Map.of(), ContactGroup.class, FAST);
        for (String phone : phones) {
            call(profile, "contacts/store", new Contact(phone), Map.of(AmpenetConstants.GROUP_ID, group.uid()), Contact.class, FAST);
        }
        return group;
    }
}
