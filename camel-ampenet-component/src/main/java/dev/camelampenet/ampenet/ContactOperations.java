package dev.camelampenet.ampenet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.camelampenet.ampenet.api.AmpenetOperation;
import dev.camelampenet.ampenet.client.AmpenetClient;
import dev.camelampenet.ampenet.model.Contact;
import dev.camelampenet.ampenet.wire.WireMapper;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** contacts/store, get, update, delete, list; move and the store to several groups have their own classes. */
final class ContactOperations {

    private static final Logger LOG = LoggerFactory.getLogger(ContactOperations.class);

    private final AmpenetEndpoint endpoint;
    private final ExchangeInputs inputs;
    private final GroupNames names;
    private final MultiGroupStore multiStore;
    private final ContactMover mover;

    ContactOperations(AmpenetEndpoint endpoint, ExchangeInputs inputs, GroupNames names, MultiGroupStore multiStore,
                      ContactMover mover) {
        this.endpoint = endpoint;
        this.inputs = inputs;
        this.names = names;
        this.multiStore = multiStore;
        this.mover = mover;
    }

    CompletableFuture<Object> run(AmpenetOperation op, Exchange exchange) {
        if (op == AmpenetOperation.CONTACTS_MOVE) {
            return mover.move(exchange);
        }
        AmpenetClient client = endpoint.client();
        // every input is read and checked before the group lookup, so bad input never costs a call
        Map<String, String> params = new HashMap<>();
        Contact contact = op == AmpenetOperation.CONTACTS_STORE || op == AmpenetOperation.CONTACTS_UPDATE ? inputs.contact(exchange, op) : null;
        ObjectNode body = contact != null ? body(contact) : null;
        if (op == AmpenetOperation.CONTACTS_GET || op == AmpenetOperation.CONTACTS_UPDATE || op == AmpenetOperation.CONTACTS_DELETE) {
            params.put("uid", inputs.contactId(exchange, op));
        }
        Integer page = op == AmpenetOperation.CONTACTS_LIST ? inputs.page(exchange, op) : null;
        ExchangeInputs.GroupSelection groups = inputs.groups(exchange, op);
        if (op == AmpenetOperation.CONTACTS_STORE && groups.ids().size() + groups.names().size() > 1) {
            return multiStore.store(exchange, inputs.isRedelivery(exchange), contact, body, groups);
        }
        CompletableFuture<Map<String, String>> resolved = names.uids(groups, op).thenApply(uids -> {
            params.put("gid", uids.get(0));
            return params;
        });
        switch (op) {
            case CONTACTS_STORE:
            case CONTACTS_UPDATE:
                return resolved.thenCompose(p -> client.call(op, p, body, null)).thenApply(reply -> {
                    ignoredFields(exchange, contact, reply.data());
                    return WireMapper.contact(reply.data());
                });
            case CONTACTS_GET:
                return resolved.thenCompose(p -> client.call(op, p, body, null)).thenApply(reply -> WireMapper.contact(reply.data()));
            case CONTACTS_DELETE:
                return resolved.thenCompose(p -> client.call(op, p, null, null)).thenApply(reply -> null);
            case CONTACTS_LIST:
                return resolved.thenCompose(p -> Pages.list(client, op, p, page, WireMapper::contact));
            default:
                throw new IllegalStateException(op.uri());
        }
    }

    private ObjectNode body(Contact contact) {
        ContactFieldStyle style = endpoint.getConfiguration().getContactFieldStyle();
        return WireMapper.contactBody(contact, style != ContactFieldStyle.LOWER_CASE, style != ContactFieldStyle.UPPER_CASE);
    }

    /**
     * The server stores only the fields the group defines and drops any other tag without a word; its answer lists
     * the fields it keeps, so the tags sent that it does not list were dropped. Reported in a header (the contact is
     * stored, so failing here would only make a redelivery meet a duplicate), not refused up front: the API has no
     * call that lists a group's fields, and a field added in the web UI must work at once.
     */
    private static void ignoredFields(Exchange exchange, Contact sent, JsonNode answer) {
        List<String> ignored = new ArrayList<>(WireMapper.fieldTags(sent));
        ignored.removeAll(WireMapper.keptFieldTags(answer));
        if (!ignored.isEmpty()) {
            LOG.debug("The group does not define the field(s) {}: the server ignored them", ignored);
        }
        exchange.getMessage().setHeader(AmpenetConstants.IGNORED_FIELDS, ignored);
    }
}
