package dev.camelampenet.ampenet;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.camelampenet.ampenet.api.AmpenetOperation;
import dev.camelampenet.ampenet.error.AmpenetNotFoundException;
import dev.camelampenet.ampenet.error.AmpenetUnexpectedResponseException;
import dev.camelampenet.ampenet.model.Contact;
import dev.camelampenet.ampenet.model.Page;
import dev.camelampenet.ampenet.wire.WireMapper;
import org.apache.camel.Exchange;

/**
 * groups/delete with a target group: moves every contact of the group to the target ({@link ContactTransfer}), then
 * deletes the group, so that deleting it (which on Ampenet deletes its contacts) loses none.
 * <p>
 * It reads the first page of the group again and again, as each moved contact leaves it, until the page is empty;
 * only then may the group go. That makes it resumable without remembering the contacts: a redelivery after a failure
 * finds the contacts not moved yet still in the group, and one caught between store and delete is answered "already
 * taken" by the target (counted as stored) and then deleted. Costs two calls per contact, one list call per 25
 * contacts plus the last (empty) one, one page at a time in memory.
 */
final class GroupEvacuation {

    private final AmpenetEndpoint endpoint;
    private final ContactTransfer transfer;

    GroupEvacuation(AmpenetEndpoint endpoint, ContactTransfer transfer) {
        this.endpoint = endpoint;
        this.transfer = transfer;
    }

    /**
     * Moves every contact, then deletes the group. A redelivery after the group delete itself got no answer finds the
     * group gone ("not found" on its list): the property {@link #DELETE_SENT} says this exchange sent that delete, so
     * the group is taken as deleted rather than reported missing.
     */
    CompletableFuture<Void> deleteMovingContacts(Exchange exchange, boolean redelivery, String source, String target) {
        ContactTransfer.Move move = new ContactTransfer.Move(AmpenetOperation.GROUPS_DELETE, source, target);
        String fingerprint = RequestFingerprint.of(endpoint.getEndpointKey(), source, target);
        boolean deleteSentBefore = redelivery && fingerprint.equals(exchange.getProperty(DELETE_SENT, String.class));
        return nextPage(move, new HashSet<>()).handle((moved, failure) -> {
            if (failure == null) {
                exchange.setProperty(DELETE_SENT, fingerprint);
                return endpoint.client().call(AmpenetOperation.GROUPS_DELETE, Map.of("gid", source), null, null).thenApply(reply -> (Void) null);
            }
            if (deleteSentBefore && ContactTransfer.unwrap(failure) instanceof AmpenetNotFoundException) {
                return CompletableFuture.completedFuture((Void) null);
            }
            throw failure instanceof CompletionException ? (CompletionException) failure : new CompletionException(failure);
        }).thenCompose(f -> f);
    }

    static final String DELETE_SENT = "CamelAmpenetGroupDeleteSent";

    /** Completes when the source group is empty, with how many contacts this attempt moved. */
    private CompletableFuture<Integer> nextPage(ContactTransfer.Move move, Set<String> moved) {
        return Pages.one(endpoint.client(), AmpenetOperation.CONTACTS_LIST, Map.of("gid", move.source()), 1, WireMapper::contact)
                .thenCompose((Page<Contact> page) -> page.items().isEmpty() ? CompletableFuture.completedFuture(moved.size())
                        : moveEach(move, page.items(), 0, moved).thenCompose(v -> nextPage(move, moved)));
    }

    private CompletableFuture<Void> moveEach(ContactTransfer.Move move, List<Contact> contacts, int index, Set<String> moved) {
        if (index >= contacts.size()) {
            return CompletableFuture.completedFuture(null);
        }
        Contact contact = contacts.get(index);
        if (moved.contains(contact.getUid())) {
            // its delete was answered, yet the group still lists it: going round again would never end
            throw new CompletionException(new AmpenetUnexpectedResponseException(move.op().uri(), 0, "group " + move.source()
                    + " still lists contact " + contact.getUid() + " after its delete was answered; the group was not deleted"));
        }
        return transfer.transfer(move, contact, false, null, moved.size(), c -> { })
                .thenCompose(c -> {
                    moved.add(contact.getUid());
                    return moveEach(move, contacts, index + 1, moved);
                });
    }
}
