package dev.camelampenet.ampenet;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.camelampenet.ampenet.client.AmpenetClient;
import dev.camelampenet.ampenet.model.Contact;
import dev.camelampenet.ampenet.wire.WireMapper;
import org.apache.camel.Exchange;

/** contacts/store, get, update, delete, list. */
final class ContactOperations {

    private final AmpenetEndpoint endpoint;
    private final ExchangeInputs inputs;

    ContactOperations(AmpenetEndpoint endpoint, ExchangeInputs inputs) {
        this.endpoint = endpoint;
        this.inputs = inputs;
    }

    CompletableFuture<Object> run(AmpenetOperation op, Exchange exchange) {
        AmpenetClient client = endpoint.client();
        Map<String, String> params = new HashMap<>();
        params.put("gid", inputs.groupId(exchange));
        switch (op) {
            case CONTACTS_STORE:
                return client.call(op, params, body(exchange, op), null).thenApply(reply -> WireMapper.contact(reply.data()));
            case CONTACTS_GET:
                params.put("uid", inputs.required(exchange, AmpenetConstants.CONTACT_ID, "the contact uid"));
                return client.call(op, params, null, null).thenApply(reply -> WireMapper.contact(reply.data()));
            case CONTACTS_UPDATE:
                params.put("uid", inputs.required(exchange, AmpenetConstants.CONTACT_ID, "the contact uid"));
                return client.call(op, params, body(exchange, op), null).thenApply(reply -> WireMapper.contact(reply.data()));
            case CONTACTS_DELETE:
                params.put("uid", inputs.required(exchange, AmpenetConstants.CONTACT_ID, "the contact uid"));
                return client.call(op, params, null, null).thenApply(reply -> null);
            case CONTACTS_LIST: {
                Integer page = inputs.page(exchange);
                return page != null
                        ? Pages.one(client, op, params, page, WireMapper::contact).thenApply(p -> p)
                        : Pages.all(client, op, params, WireMapper::contact).thenApply(l -> l);
            }
            default:
                throw new IllegalStateException(op.uri());
        }
    }

    private ObjectNode body(Exchange exchange, AmpenetOperation op) {
        Contact contact = ContactInput.from(exchange.getMessage().getBody(), endpoint.phoneNumbers(), op.uri());
        ObjectNode body = endpoint.client().newBody();
        WireMapper.contactBody(body, contact, endpoint.getConfiguration().getContactFieldStyle());
        return body;
    }
}
