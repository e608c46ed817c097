package dev.camelampenet.ampenet;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.camelampenet.ampenet.client.AmpenetClient;
import dev.camelampenet.ampenet.error.AmpenetValidationException;
import dev.camelampenet.ampenet.model.Campaign;
import dev.camelampenet.ampenet.sms.ScheduleTime;
import dev.camelampenet.ampenet.sms.SenderId;
import dev.camelampenet.ampenet.wire.WireMapper;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** sms/get, sms/list, sms/campaign, campaigns/get, profile/me, profile/balance. */
final class MessageOperations {

    private static final Logger LOG = LoggerFactory.getLogger(MessageOperations.class);

    private final AmpenetEndpoint endpoint;
    private final ExchangeInputs inputs;

    MessageOperations(AmpenetEndpoint endpoint, ExchangeInputs inputs) {
        this.endpoint = endpoint;
        this.inputs = inputs;
    }

    CompletableFuture<Object> run(AmpenetOperation op, Exchange exchange) {
        AmpenetClient client = endpoint.client();
        switch (op) {
            case SMS_GET:
                return client.call(op, Map.of("uid", inputs.required(exchange, AmpenetConstants.MESSAGE_ID, "the message uid")),
                        null, null).thenApply(reply -> WireMapper.message(reply.data()));
            case SMS_LIST: {
                Integer page = inputs.page(exchange);
                return page != null
                        ? Pages.one(client, op, Map.of(), page, WireMapper::message).thenApply(p -> p)
                        : Pages.all(client, op, Map.of(), WireMapper::message).thenApply(l -> l);
            }
            case SMS_CAMPAIGN:
                return campaign(exchange, client);
            case CAMPAIGNS_GET:
                return client.call(op, Map.of("uid", inputs.required(exchange, AmpenetConstants.CAMPAIGN_ID, "the campaign uid")),
                        null, null).thenApply(reply -> WireMapper.campaign(reply.data()));
            case PROFILE_ME:
                return client.call(op, Map.of(), null, null).thenApply(reply -> WireMapper.profile(reply.data()));
            case PROFILE_BALANCE:
                return client.call(op, Map.of(), null, null).thenApply(reply -> WireMapper.balance(reply.data()));
            default:
                throw new IllegalStateException(op.uri());
        }
    }

    private CompletableFuture<Object> campaign(Exchange exchange, AmpenetClient client) {
        String text = inputs.text(exchange);
        ObjectNode body = client.newBody()
                .put("contact_list_id", String.join(",", inputs.groupIds(exchange)))
                .put("message", text)
                .put("type", inputs.smsType(exchange));
        String sender = inputs.senderId(exchange);
        if (sender != null) {
            String problem = SenderId.problem(sender);
            if (problem != null) {
                throw new AmpenetValidationException(AmpenetOperation.SMS_CAMPAIGN.uri(), 0, problem); // as sms/send does
            }
            body.put("sender_id", sender);
        }
        Object schedule = exchange.getMessage().getHeader(AmpenetConstants.SCHEDULE_TIME);
        // the account's timezone costs a call to /me: asked for only when an absolute time must be converted
        CompletableFuture<ObjectNode> ready = !ScheduleTime.needsAccountZone(schedule)
                ? CompletableFuture.completedFuture(schedule == null ? body
                        : body.put("schedule_time", ScheduleTime.format(schedule, () -> null)))
                : endpoint.accountZone().thenApply(zone -> body.put("schedule_time", ScheduleTime.format(schedule, () -> zone)));
        long startedAt = Instant.now().getEpochSecond();
        return ready.thenCompose(b -> client.call(AmpenetOperation.SMS_CAMPAIGN, Map.of(), b, null))
                .thenApply(reply -> checked(WireMapper.campaign(reply.data()), startedAt, text, body.path("type").asText()));
    }

    /**
     * v3.8 answers a campaign create with the table's first campaign, not the new one (spec quirk 11). A new
     * campaign is always answered as queued, or scheduled when it has a schedule time (spec 6.7), and named
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
