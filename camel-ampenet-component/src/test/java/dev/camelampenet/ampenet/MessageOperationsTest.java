package dev.camelampenet.ampenet;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.camelampenet.ampenet.error.AmpenetException;
import dev.camelampenet.ampenet.error.AmpenetNotFoundException;
import dev.camelampenet.ampenet.model.Campaign;
import dev.camelampenet.ampenet.model.Contact;
import dev.camelampenet.ampenet.model.ContactGroup;
import dev.camelampenet.ampenet.model.Page;
import dev.camelampenet.ampenet.model.SendResult;
import dev.camelampenet.ampenet.model.SmsMessage;
import dev.camelampenet.simulator.OutboxMessage;
import dev.camelampenet.simulator.Profile;
import org.apache.camel.Exchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** sms/send, sms/get, sms/list, sms/campaign and campaigns/get on every server generation, with the default configuration. */
class MessageOperationsTest extends AllProfilesTestSupport {

    private static final String UID = "[0-9a-f]{13}";

    @ParameterizedTest
    @EnumSource(Profile.class)
    void sendToOneNumberReturnsTheMessage(Profile profile) {
        Exchange result = exchange(profile, "sms/send", "Habari Asha", Map.of(AmpenetConstants.RECIPIENTS, "+255 712 345 678"),
                "senderId=AMPENET");

        assertThat(result.getException()).isNull();
        SendResult sent = result.getMessage().getBody(SendResult.class);
        assertThat(sent.accepted()).isEqualTo(1);
        assertThat(sent.rejected()).isEmpty();
        assertThat(sent.messages()).hasSize(1);
        SmsMessage message = sent.messages().get(0);
        assertThat(message.uid()).matches(UID);
        assertThat(message.to()).isEqualTo("255712345678");
        assertThat(message.from()).isEqualTo("AMPENET");
        assertThat(message.text()).isEqualTo("Habari Asha");
        assertThat(message.status()).isEqualTo("Delivered"); // v3.1's raw "Delivered|200" included
        assertThat(message.cost()).isEqualByComparingTo(BigDecimal.ONE);
        assertThat(result.getMessage().getHeader(AmpenetConstants.MESSAGE_IDS, List.class)).containsExactly(message.uid());
        assertThat(sim(profile).outbox()).extracting(OutboxMessage::uid).containsExactly(message.uid());
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void sendToSeveralNumbersMessagesEach(Profile profile) {
        SendResult sent = call(profile, "sms/send", "Kikao kesho", Map.of(AmpenetConstants.RECIPIENTS, List.of("255712345678", "255754000111")),
                SendResult.class);

        assertThat(sent.accepted()).isEqualTo(2);
        assertThat(sim(profile).outbox()).extracting(OutboxMessage::to).containsExactlyInAnyOrder("255712345678", "255754000111");
        if (profile == Profile.V3_1) {
            // v3.1 queues several numbers as a campaign and answers without uids (docs/ampenet-api.md §6.5, Q19)
            assertThat(sent.messages()).isEmpty();
        } else {
            assertThat(sent.messages()).extracting(SmsMessage::to).containsExactlyInAnyOrder("255712345678", "255754000111");
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void getReturnsASentMessage(Profile profile) {
        SendResult sent = call(profile, "sms/send", "Habari", Map.of(AmpenetConstants.RECIPIENTS, "255712345678"), SendResult.class,
                "senderId=AMPENET");
        String uid = sent.messages().get(0).uid();

        SmsMessage message = call(profile, "sms/get", null, Map.of(AmpenetConstants.MESSAGE_ID, uid), SmsMessage.class);

        assertThat(message.uid()).isEqualTo(uid);
        assertThat(message.to()).isEqualTo("255712345678");
        assertThat(message.from()).isEqualTo("AMPENET");
        assertThat(message.text()).isEqualTo("Habari");
        assertThat(message.status()).isEqualTo("Delivered");
        assertThat(message.cost()).isEqualByComparingTo(BigDecimal.ONE);
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void getSeesADeliveryReport(Profile profile) {
        SendResult sent = call(profile, "sms/send", "Habari", Map.of(AmpenetConstants.RECIPIENTS, "255712345678"), SendResult.class);
        String uid = sent.messages().get(0).uid();
        sim(profile).deliveryReport(uid, "Undelivered");

        SmsMessage message = call(profile, "sms/get", null, Map.of(AmpenetConstants.MESSAGE_ID, uid), SmsMessage.class);

        assertThat(message.status()).isEqualTo("Undelivered");
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void getOfAnUnknownMessageIsNotFound(Profile profile) {
        AmpenetNotFoundException error = failure(profile, "sms/get", null, Map.of(AmpenetConstants.MESSAGE_ID, "000000000dead"),
                AmpenetNotFoundException.class);

        assertThat(error.getApiMessage()).contains("000000000dead");
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void listReturnsEveryPageByDefaultAndOnePageOnRequest(Profile profile) {
        List<String> numbers = IntStream.range(0, 60).mapToObj(i -> String.format("2557120000%02d", i)).collect(Collectors.toList());
        SendResult sent = call(profile, "sms/send", "Sixty", Map.of(AmpenetConstants.RECIPIENTS, numbers), SendResult.class);
        assertThat(sent.accepted()).isEqualTo(60);

        List<?> all = call(profile, "sms/list", null, Map.of(), List.class);

        assertThat(all).hasSize(60).allMatch(m -> m instanceof SmsMessage);
        assertThat(all).extracting(m -> ((SmsMessage) m).to()).containsExactlyInAnyOrderElementsOf(numbers);
        assertThat(all).extracting(m -> ((SmsMessage) m).uid()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(sim(profile).outbox().stream().map(OutboxMessage::uid).collect(Collectors.toList()));
        assertThat(all).extracting(m -> ((SmsMessage) m).text()).containsOnly("Sixty");

        Page<?> last = call(profile, "sms/list", null, Map.of(AmpenetConstants.PAGE, 3), Page.class);
        assertThat(last.page()).isEqualTo(3);
        assertThat(last.lastPage()).isEqualTo(3);
        assertThat(last.total()).isEqualTo(60);
        assertThat(last.items()).hasSize(10).allMatch(m -> m instanceof SmsMessage);
    }

    @ParameterizedTest
    @EnumSource(value = Profile.class, names = { "V3_8", "V3_13" })
    void campaignSendsToTheGroupsContactsAndCanBeViewed(Profile profile) {
        ContactGroup group = groupWith(profile, "Customers", "255712345678", "255754000111");

        Campaign created = call(profile, "sms/campaign", "Karibu", Map.of(AmpenetConstants.GROUP_ID, group.uid()), Campaign.class,
                "senderId=AMPENET");

        assertThat(created.uid()).matches(UID);
        assertThat(created.name()).startsWith("API_");
        assertThat(created.status()).isEqualTo("queued");
        assertThat(sim(profile).outbox()).extracting(OutboxMessage::to).containsExactlyInAnyOrder("255712345678", "255754000111");
        assertThat(sim(profile).outbox()).extracting(OutboxMessage::campaignUid).containsOnly(created.uid());

        Campaign viewed = call(profile, "campaigns/get", null, Map.of(AmpenetConstants.CAMPAIGN_ID, created.uid()), Campaign.class);

        assertThat(viewed.uid()).isEqualTo(created.uid());
        assertThat(viewed.name()).isEqualTo(created.name());
        assertThat(viewed.text()).isEqualTo("Karibu");
        assertThat(viewed.type()).isEqualTo("plain");
        assertThat(viewed.status()).isEqualTo("done");
        assertThat(viewed.createdAt()).isNotBlank();
        assertThat(viewed.stats()).containsEntry("delivered_count", 2L).containsEntry("failed_count", 0L);
    }

    @ParameterizedTest
    @EnumSource(value = Profile.class, names = { "V3_8", "V3_13" })
    void campaignTakesSeveralGroupsAndTheGroupIdOption(Profile profile) {
        ContactGroup one = groupWith(profile, "One", "255712345678");
        ContactGroup two = groupWith(profile, "Two", "255754000111", "255712345678");

        SendResult byHeader = call(profile, "sms/campaign", "Both", Map.of(AmpenetConstants.GROUP_ID, List.of(one.uid(), two.uid())),
                SendResult.class);
        Campaign byOption = call(profile, "sms/campaign", "Only one", Map.of(), Campaign.class, "groupId=" + one.uid());

        // two groups: the component merged them and sent through sms/send (MultiGroupCampaignTest has the details)
        assertThat(byHeader.sent()).containsExactly("255712345678", "255754000111");
        assertThat(byOption.status()).isEqualTo("queued");
        List<OutboxMessage> outbox = sim(profile).outbox();
        // the server would send one SMS per contact row (two to the number in both groups, docs/simulator.md §6);
        // the component guarantees one per distinct number
        assertThat(outbox).filteredOn(m -> m.text().equals("Both")).extracting(OutboxMessage::to)
                .containsExactlyInAnyOrder("255712345678", "255754000111");
        assertThat(outbox).filteredOn(m -> m.text().equals("Only one")).extracting(OutboxMessage::to).containsExactly("255712345678");
    }

    /**
     * v3.8 answers a campaign create with the oldest campaign of the table (docs/ampenet-api.md Q11, on by default in
     * the v3.8 profile): the second campaign's answer must not pass the first one's uid off as its own.
     */
    @ParameterizedTest
    @EnumSource(value = Profile.class, names = { "V3_8", "V3_13" })
    void aSecondCampaignIsNeverReportedWithTheFirstOnesUid(Profile profile) {
        ContactGroup group = groupWith(profile, "Customers", "255712345678");
        Campaign first = call(profile, "sms/campaign", "First", Map.of(AmpenetConstants.GROUP_ID, group.uid()), Campaign.class);

        Campaign second = call(profile, "sms/campaign", "Second", Map.of(AmpenetConstants.GROUP_ID, group.uid()), Campaign.class);

        assertThat(first.uid()).matches(UID);
        assertThat(second.uid()).isNotEqualTo(first.uid());
        String secondUid = sim(profile).outbox().stream().filter(m -> m.text().equals("Second")).findFirst().orElseThrow().campaignUid();
        if (profile == Profile.V3_8) {
            // the server did not say which uid the new campaign got; only what the request fixed is known
            assertThat(second.uid()).isNull();
            assertThat(second.name()).isNull();
            assertThat(second.text()).isEqualTo("Second");
            assertThat(second.type()).isEqualTo("plain");
        } else {
            assertThat(second.uid()).isEqualTo(secondUid);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Profile.class, names = { "V3_8", "V3_13" })
    void campaignsGetOfAnUnknownCampaignIsNotFound(Profile profile) {
        failure(profile, "campaigns/get", null, Map.of(AmpenetConstants.CAMPAIGN_ID, "000000000dead"), AmpenetNotFoundException.class);
    }

    /** v3.1 has no campaign routes (they arrived in v3.7 and late v3.8): both operations fail, saying so. */
    @ParameterizedTest
    @EnumSource(value = Profile.class, names = "V3_1")
    void campaignOperationsFailClearlyOnV31(Profile profile) {
        ContactGroup group = groupWith(profile, "Customers", "255712345678");

        AmpenetException create = failure(profile, "sms/campaign", "Karibu", Map.of(AmpenetConstants.GROUP_ID, group.uid()),
                AmpenetException.class);
        AmpenetException view = failure(profile, "campaigns/get", null, Map.of(AmpenetConstants.CAMPAIGN_ID, "65fa8465d3b58"),
                AmpenetException.class);

        assertThat(create.getApiMessage()).contains("The POST method is not supported for route api/v3/sms/campaign");
        assertThat(view.getApiMessage()).contains("could not be found");
        for (AmpenetException error : List.of(create, view)) {
            assertThat(error.getMessage()).contains("campaign routes");
        }
        assertThat(sim(profile).outbox()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void campaignWithoutAGroupFailsBeforeAnyCall(Profile profile) {
        Exchange result = exchange(profile, "sms/campaign", "Karibu", Map.of());

        assertThat(result.getException()).isInstanceOf(dev.camelampenet.ampenet.error.AmpenetValidationException.class).hasMessageContaining("CamelAmpenetGroupId");
        assertThat(sim(profile).journal()).isEmpty();
    }

    private ContactGroup groupWith(Profile profile, String name, String... phones) {
        ContactGroup group = newGroup(profile, name);
        for (String phone : phones) {
            call(profile, "contacts/store", new Contact(phone), Map.of(AmpenetConstants.GROUP_ID, group.uid()), Contact.class);
        }
        return group;
    }
}
