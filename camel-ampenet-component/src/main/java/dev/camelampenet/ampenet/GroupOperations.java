package dev.camelampenet.ampenet;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.camelampenet.ampenet.client.AmpenetClient;
import dev.camelampenet.ampenet.wire.WireMapper;
import org.apache.camel.Exchange;

/** groups/list, create, get, update, delete. */
final class GroupOperations {

    private final AmpenetEndpoint endpoint;
    private final ExchangeInputs inputs;

    GroupOperations(AmpenetEndpoint endpoint, ExchangeInputs inputs) {
        this.endpoint = endpoint;
        this.inputs = inputs;
    }

    CompletableFuture<Object> run(AmpenetOperation op, Exchange exchange) {
        AmpenetClient client = endpoint.client();
        switch (op) {
            case GROUPS_LIST: {
                Integer page = inputs.page(exchange);
                return page != null
                        ? Pages.one(client, op, Map.of(), page, WireMapper::group).thenApply(p -> p)
                        : Pages.all(client, op, Map.of(), WireMapper::group).thenApply(l -> l);
            }
            case GROUPS_CREATE:
                return client.call(op, Map.of(), client.newBody().put("name", inputs.text(exchange, "the group name")), null)
                        .thenApply(reply -> WireMapper.group(reply.data()));
            case GROUPS_GET:
                return client.call(op, gid(exchange), null, null).thenApply(reply -> WireMapper.group(reply.data()));
            case GROUPS_UPDATE:
                // v3.1 servers also require a sending_server here (spec 6.3), a plan setting the component cannot know:
                // there the rename fails with the server's "The sending server field is required."
                return client.call(op, gid(exchange), client.newBody().put("name", inputs.text(exchange, "the group name")), null)
                        .thenApply(reply -> WireMapper.group(reply.data()));
            case GROUPS_DELETE:
                return client.call(op, gid(exchange), null, null).thenApply(reply -> null);
            default:
                throw new IllegalStateException(op.uri());
        }
    }

    private Map<String, String> gid(Exchange exchange) {
        String gid = inputs.groupId(exchange);
        return java.util.Collections.singletonMap("gid", gid);
    }
}
