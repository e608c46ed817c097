package dev.camelampenet.ampenet;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.camelampenet.ampenet.api.AmpenetOperation;
import dev.camelampenet.ampenet.client.AmpenetClient;
import dev.camelampenet.ampenet.error.AmpenetUnknownOutcomeException;
import dev.camelampenet.ampenet.model.Campaign;
import dev.camelampenet.ampenet.wire.WireMapper;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * sms/get, sms/list, sms/campaign, campaigns/get, profile/me, profile/balance. A campaign to one group is one POST
 * /sms/campaign; to several groups it is a {@link MergedCampaign} unless multiGroupCampaign says the server
 * de-duplicates.
 */
final class MessageOperations {

    private static final Logger LOG = LoggerFactory.getLogger(MessageOperations.class);

    private final AmpenetEndpoint endpoint;
    private final ExchangeInputs inputs;
    private final SmsRequests requests;
    private final GroupNames names;
    private final MergedCampaign merged;

    MessageOperations(AmpenetEndpoint endpoint, ExchangeInputs inputs, SmsRequests requests, GroupNames names, MergedCampaign merged) {
        this.endpoint = endpoint;
        this.inputs = inputs;
        this.requests = requests;
        this.names = names;
        this.merged = merged;
    }

    CompletableFuture<Object> run(AmpenetOperation op, Exchange exchange) {
        AmpenetClient client = endpoint.client();
        switch (op) {
            case SMS_GET:
                return client.call(op, Map.of("uid", inputs.messageId(exchange, op)), null, null)
                        .thenApply(reply -> WireMapper.message(reply.data()));
            case SMS_LIST:
                return Pages.list(client, op, Map.of(), inputs.page(exchange, op), WireMapper::message);
            case SMS_CAMPAIGN:
                return campaign(exchange, client);
            case CAMPAIGNS_GET:
                return client.call(op, Map.of("uid", inputs.campaignId(exchange, op)), null, null)
                        .thenApply(reply -> WireMapper.campaign(reply.data()));
            case PROFILE_ME:
                return client.call(op, Map.of(), null, null).thenApply(reply -> WireMapper.profile(reply.data()));
            case PROFILE_BALANCE:
                return client.call(op, Map.of(), null, null).thenApply(reply -> WireMapper.balance(reply.data()));
            default:
                throw new IllegalStateException(op.uri());
        }
    }

    private CompletableFuture<Object> campaign(Exchange exchange, AmpenetClient client) {
        AmpenetOperation op = AmpenetOperation.SMS_CAMPAIGN;
        ExchangeInputs.MessageInput message = inputs.message(exchange, op);
        ExchangeInputs.GroupSelection groups = inputs.groups(exchange, op);
        boolean redelivery = inputs.isRedelivery(exchange);
        long startedAt = Instant.now().getEpochSecond();
        String endpointKey = endpoint.getEndpointKey();
        return requests.build(message, op).thenCompose(request -> names.uids(groups, op).thenCompose(found -> {
            List<String> uids = List.copyOf(new LinkedHashSet<>(found)); // a group named twice is one group
            if (uids.size() > 1 && endpoint.getConfiguration().getMultiGroupCampaign() == MultiGroupCampaign.MERGED_SEND) {
                // the server's campaign would message a number once per group it is in
                return merged.send(exchange, message, request, uids);
            }
            exchange.getMessage().setHeader(AmpenetConstants.CAMPAIGN_PATH, MultiGroupCampaign.SERVER_CAMPAIGN.name());
            CampaignGuard.checkNotUncertain(exchange, redelivery, endpointKey, request, uids);
            return client.call(op, Map.of(), WireMapper.campaignBody(request, uids), null).whenComplete((reply, failure) -> {
                if (failure instanceof AmpenetUnknownOutcomeException || (failure != null
                        && failure.getCause() instanceof AmpenetUnknownOutcomeException)) {
                    CampaignGuard.uncertain(exchange, endpointKey, request, uids);
                }
            }).thenApply(reply -> (Object) checked(WireMapper.campaign(reply.data()), startedAt, request.text(), request.type()));
        }));
    }

    /**
     * v3.8 answers a campaign create with the table's first campaign, not the new one (docs/ampenet-api.md Q11). A new
     * campaign is always answered as queued, or scheduled when it has a schedule time (docs/ampenet-api.md §6.7), and named
     * API_<unix time of creation>: another status, or a name older than this request, gives the bug away, and then
     * neither the uid nor the name is the new campaign's. Only what the request itself fixed is reported then.
     */
    private static Campaign checked(Campaign campaign, long startedAt, String text, String type) {
        if (isNewCampaign(campaign, startedAt)) {
            return campaign;
        }
        LOG.warn("The server answered the campaign create with another campaign ({}, status {}), a known v3.8 server bug;"
                + " the new campaign's uid is unknown", campaign.name(), campaign.status());
        return new Campaign(null, null, null, text, type, null, Map.of());
    }

    private static boolean isNewCampaign(Campaign campaign, long startedAt) {
        String status = campaign.status();
        if (status != null && !status.equals("queued") && !status.equals("scheduled")) {
            return false;
        }
        String name = campaign.name();
        if (name != null && name.startsWith("API_")) {
            try {
                return Long.parseLong(name.substring(4)) >= startedAt - 5; // a few seconds for clock skew
            } catch (NumberFormatException ignored) {
                // a name of another form: nothing to check
            }
        }
        return true;
    }
}
