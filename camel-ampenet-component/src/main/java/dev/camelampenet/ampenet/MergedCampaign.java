package dev.camelampenet.ampenet;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.camelampenet.ampenet.api.AmpenetOperation;
import dev.camelampenet.ampenet.error.AmpenetRecipientRejectedException;
import dev.camelampenet.ampenet.model.Contact;
import dev.camelampenet.ampenet.model.ContactStatus;
import dev.camelampenet.ampenet.sms.Recipient;
import dev.camelampenet.ampenet.sms.SmsRequest;
import dev.camelampenet.ampenet.wire.WireMapper;
import org.apache.camel.Exchange;

/**
 * A campaign to several groups with one SMS per distinct number. The server's own campaign sends one SMS per contact
 * row, so a number in three of the groups would get three (docs/ampenet-api.md §6.7); instead the groups' subscribed
 * contacts are listed (every page, one group after the other), their normalised numbers merged without repeats, and
 * the text sent to them through sms/send ({@link SmsSender}: chunks of 100, pacing, the accounting headers).
 * <p>
 * Cost in calls: one contacts/list per 25 contacts of each group (at least one per group), then one sms/send per 100
 * distinct numbers. There is no campaign uid: the body is the send's result.
 * <p>
 * The merged numbers are kept in an exchange property, so a redelivery sends to the audience of the first attempt
 * (without listing again) and {@link SendProgress} recognises it: only the numbers no attempt settled are sent. A
 * contact added to a group between two attempts therefore does not turn the redelivery into a new send to everyone.
 */
final class MergedCampaign {

    static final String PROPERTY = "CamelAmpenetCampaignAudience";
    private static final AmpenetOperation LIST = AmpenetOperation.CONTACTS_LIST;

    private final AmpenetEndpoint endpoint;
    private final ExchangeInputs inputs;
    private final SmsSender sender;

    MergedCampaign(AmpenetEndpoint endpoint, ExchangeInputs inputs, SmsSender sender) {
        this.endpoint = endpoint;
        this.inputs = inputs;
        this.sender = sender;
    }

    /** The numbers of the first attempt, and what they were merged for (endpoint, message, groups). */
    record Audience(String fingerprint, List<String> numbers) {
    }

    CompletableFuture<Object> send(Exchange exchange, ExchangeInputs.MessageInput message, SmsRequest request, List<String> groupUids) {
        String fingerprint = RequestFingerprint.of(endpoint.getEndpointKey(), request, groupUids);
        Audience earlier = exchange.getProperty(PROPERTY, Audience.class);
        CompletableFuture<List<String>> audience;
        if (inputs.isRedelivery(exchange) && earlier != null && earlier.fingerprint().equals(fingerprint)) {
            audience = CompletableFuture.completedFuture(earlier.numbers());
        } else {
            audience = members(groupUids, 0, new LinkedHashSet<>()).thenApply(numbers -> {
                exchange.setProperty(PROPERTY, new Audience(fingerprint, numbers));
                return numbers;
            });
        }
        return audience.thenCompose(numbers -> {
            exchange.getMessage().setHeader(AmpenetConstants.CAMPAIGN_PATH, MultiGroupCampaign.MERGED_SEND.name());
            if (numbers.isEmpty()) {
                // what the server's campaign answers too ("Valid phone number not found"), said in our words
                throw new AmpenetRecipientRejectedException(AmpenetOperation.SMS_CAMPAIGN.uri(), 0, "the groups "
                        + groupUids + " hold no subscribed contact: nothing was sent");
            }
            return sender.send(exchange, message, numbers);
        });
    }

    /** The subscribed numbers of the groups from {@code index} on, in group order, each once. */
    private CompletableFuture<List<String>> members(List<String> groupUids, int index, Set<String> into) {
        if (index >= groupUids.size()) {
            return CompletableFuture.completedFuture(new ArrayList<>(into));
        }
        return Pages.all(endpoint.client(), LIST, Map.of("gid", groupUids.get(index)), WireMapper::contact).thenCompose(contacts -> {
            for (Contact contact : contacts) {
                if (contact.getStatus() != ContactStatus.UNSUBSCRIBED && contact.getPhone() != null) {
                    into.add(normalised(contact.getPhone()));
                }
            }
            return members(groupUids, index + 1, into);
        });
    }

    /** The same number written two ways in two groups is one recipient; an unreadable one is kept for sms/send to report. */
    private String normalised(String phone) {
        Recipient r = endpoint.phoneNumbers().normalise(phone);
        return r.isValid() ? r.number() : phone;
    }
}
