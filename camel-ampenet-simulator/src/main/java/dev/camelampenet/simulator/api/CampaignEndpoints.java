package dev.camelampenet.simulator.api;

import dev.camelampenet.simulator.ServerBug;
import dev.camelampenet.simulator.http.ApiError;
import dev.camelampenet.simulator.http.ApiRequest;
import dev.camelampenet.simulator.http.ApiResponse;
import dev.camelampenet.simulator.http.Validation;
import dev.camelampenet.simulator.sms.PhoneRules;
import dev.camelampenet.simulator.state.Campaign;
import dev.camelampenet.simulator.state.Contact;
import dev.camelampenet.simulator.state.ContactGroup;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** POST /sms/campaign and GET /campaign/{uid}/view (docs/ampenet-api.md §6.7, §6.8). */
final class CampaignEndpoints {

    private static final Set<String> TYPES = Set.of("plain", "unicode", "voice", "mms", "whatsapp", "viber", "otp");

    private CampaignEndpoints() {
    }

    static ApiResponse create(Call call) {
        ApiRequest in = call.request;
        new Validation().required("contact_list_id", in.input("contact_list_id")).required("message", in.input("message"))
                .throwIfFailed();
        String type = in.inputString("type") == null ? "plain" : in.inputString("type");
        if (!TYPES.contains(type)) {
            throw ApiError.responder(404, "Invalid SMS type: " + type);
        }
        String senderId = in.inputString("sender_id");
        if (senderId != null && call.account.senderIdVerification() && !call.account.isApprovedSender(senderId)) {
            throw ApiError.responder(404, "Originator " + senderId + " is not authorized to send this message");
        }
        List<ContactGroup> groups = ownedGroups(call, ApiRequest.asString(in.input("contact_list_id")));
        List<String> phones = recipients(groups, call.state.bug(ServerBug.CAMPAIGN_REPEATS_SHARED_NUMBERS));
        if (phones.isEmpty()) {
            throw ApiError.responder(404, "Valid phone number not found. Please insert at least one valid phone number");
        }
        SmsText text = SmsText.analyse(in.inputString("message"), type);
        checkBalanceCoversAll(call, phones, text);
        String scheduleText = in.inputString("schedule_time");
        Instant runAt = scheduleText == null ? null : ScheduleTime.parse(scheduleText, call.account.timezone);
        List<String> groupUids = new ArrayList<>();
        groups.forEach(g -> groupUids.add(g.uid));
        Campaign campaign = call.state.createCampaign(call.account, text.text, text.type, senderId, groupUids, runAt);
        Campaign answered = call.state.bug(ServerBug.CAMPAIGN_CREATE_RETURNS_FIRST)
                ? call.state.firstCampaign().orElse(campaign) : campaign;
        ApiResponse response = Call.success(SmsEndpoints.CAMPAIGN_STORED, call.shapes.campaignCreated(answered));
        if (runAt == null) {
            run(call, campaign, phones, text);
        }
        return response;
    }

    /**
     * The subscribed contact rows of the groups, in group order: one entry per row when {@code perRow} (a number in
     * two groups appears twice, as the server loads them), else each number once.
     */
    private static List<String> recipients(List<ContactGroup> groups, boolean perRow) {
        List<String> phones = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ContactGroup group : groups) {
            for (Contact contact : group.contacts()) {
                if ("subscribe".equals(contact.status()) && (seen.add(contact.phone()) || perRow)) {
                    phones.add(contact.phone());
                }
            }
        }
        return phones;
    }

    /** What the server's background job does: one message per recipient entry; refusals count as Failed. */
    private static void run(Call call, Campaign campaign, List<String> phones, SmsText text) {
        for (String phone : phones) {
            try {
                call.state.addCampaignMessage(campaign, Delivery.deliver(call, phone, text, campaign.senderId, null, campaign.uid));
            } catch (Delivery.Refusal refusal) {
                call.state.addCampaignMessage(campaign, call.state.recordMessage(call.account, phone, campaign.senderId,
                        text.text, text.type, text.encoding, text.segments, BigDecimal.ZERO,
                        dev.camelampenet.simulator.state.SmsMessage.Direction.OUTGOING, "Failed", null, campaign.uid,
                        call.request.id));
            }
        }
        call.state.finishCampaign(campaign, "done");
    }

    /** The listed groups, each once (the server selects them with whereIn), in the order first listed. */
    private static List<ContactGroup> ownedGroups(Call call, String ids) {
        Map<String, ContactGroup> groups = new LinkedHashMap<>();
        for (String id : ids == null ? new String[0] : ids.split(",")) {
            Optional<ContactGroup> group = call.state.group(id.trim());
            if (group.isEmpty() || group.get().owner != call.account) {
                throw ApiError.responder(404, "locale.campaign.invalid_group"); // the translation key is missing
            }
            groups.putIfAbsent(group.get().uid, group.get());
        }
        return new ArrayList<>(groups.values());
    }

    /** The server prices every contact row up front, so a repeated number is counted each time. */
    private static void checkBalanceCoversAll(Call call, List<String> phones, SmsText text) {
        if (call.account.isUnlimited()) {
            return;
        }
        BigDecimal total = BigDecimal.ZERO;
        for (String phone : phones) {
            Optional<BigDecimal> price = PhoneRules.countryCode(phone).flatMap(call.account::pricePerSegment);
            if (price.isPresent()) {
                total = total.add(price.get().multiply(BigDecimal.valueOf(text.segments)));
            }
        }
        BigDecimal balance = call.account.balance();
        if (balance.compareTo(total) < 0) {
            throw ApiError.responder(404, "There is not enough balance available to send this message.You have "
                    + Formats.plain(balance) + " of the " + Formats.plain(total));
        }
    }

    static ApiResponse view(Call call) {
        Campaign campaign = call.campaign;
        if (campaign.account != call.account) {
            throw ApiError.responder(404, ContactEndpoints.PAGE_NOT_FOUND);
        }
        return Call.success("Campaign successfully retrieved", call.shapes.campaign(campaign));
    }
}
