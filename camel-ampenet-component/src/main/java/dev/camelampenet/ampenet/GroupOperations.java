package dev.camelampenet.ampenet;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.camelampenet.ampenet.api.AmpenetOperation;
import dev.camelampenet.ampenet.client.AmpenetClient;
import dev.camelampenet.ampenet.wire.WireMapper;
import org.apache.camel.Exchange;

/** groups/list, create, get, update, delete. */
final class GroupOperations {

    private final AmpenetEndpoint endpoint;
    private final ExchangeInputs inputs;
    private final GroupNames names;
    private final GroupEvacuation evacuation;

    GroupOperations(AmpenetEndpoint endpoint, ExchangeInputs inputs, GroupNames names, GroupEvacuation evacuation) {
        this.endpoint = endpoint;
        this.inputs = inputs;
        this.names = names;
        this.evacuation = evacuation;
    }

    CompletableFuture<Object> run(AmpenetOperation op, Exchange exchange) {
        AmpenetClient client = endpoint.client();
        switch (op) {
            case GROUPS_LIST:
                return Pages.list(client, op, Map.of(), inputs.page(exchange, op), WireMapper::group);
            case GROUPS_CREATE:
                return client.call(op, Map.of(), WireMapper.groupBody(inputs.text(exchange, op, "the group name")), null)
                        .thenApply(reply -> WireMapper.group(reply.data()));
            case GROUPS_GET:
                return gid(exchange, op).thenCompose(gid -> client.call(op, gid, null, null))
                        .thenApply(reply -> WireMapper.group(reply.data()));
            case GROUPS_UPDATE: {
                // v3.1 servers also require a sending_server here (docs/ampenet-api.md §6.3, Q21), a plan setting the
                // component cannot know: there the rename fails with the server's "The sending server field is required."
                String name = inputs.text(exchange, op, "the group name");
                return renamesOrDeletes(gid(exchange, op).thenCompose(gid -> client.call(op, gid, WireMapper.groupBody(name), null)))
                        .thenApply(reply -> WireMapper.group(reply.data()));
            }
            case GROUPS_DELETE: {
                String target = inputs.targetGroupId(exchange, op);
                if (target == null) {
                    // the API's own behaviour: the group's contacts are deleted with it
                    return renamesOrDeletes(gid(exchange, op).thenCompose(gid -> client.call(op, gid, null, null))).thenApply(reply -> null);
                }
                return deleteMovingContacts(exchange, op, target);
            }
            default:
                throw new IllegalStateException(op.uri());
        }
    }

    /** groups/delete with a target group: its contacts are moved there first ({@link GroupEvacuation}). */
    private CompletableFuture<Object> deleteMovingContacts(Exchange exchange, AmpenetOperation op, String target) {
        ExchangeInputs.GroupSelection source = inputs.groups(exchange, op);
        if (!source.ids().isEmpty()) {
            ExchangeInputs.checkTargetIsNotSource(op, source.ids().get(0), target);
        }
        boolean redelivery = inputs.isRedelivery(exchange);
        return renamesOrDeletes(names.uids(source, op).thenCompose(uids -> {
            String gid = uids.get(0);
            ExchangeInputs.checkTargetIsNotSource(op, gid, target);
            return evacuation.deleteMovingContacts(exchange, redelivery, gid, target);
        })).thenApply(done -> null);
    }

    private CompletableFuture<Map<String, String>> gid(Exchange exchange, AmpenetOperation op) {
        return names.uids(inputs.groups(exchange, op), op).thenApply(uids -> Map.of("gid", uids.get(0)));
    }

    /** A name may have changed whatever the answer said (an unknown outcome too): every endpoint forgets its names. */
    private <T> CompletableFuture<T> renamesOrDeletes(CompletableFuture<T> call) {
        return call.whenComplete((reply, failure) -> endpoint.getComponent().groupsChanged());
    }
}
