package dev.camelampenet.ampenet;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.camelampenet.ampenet.api.AmpenetOperation;
import dev.camelampenet.ampenet.client.AmpenetClient;
import dev.camelampenet.ampenet.client.CallOutcome;
import dev.camelampenet.ampenet.error.AmpenetDuplicateException;
import dev.camelampenet.ampenet.error.AmpenetException;
import dev.camelampenet.ampenet.error.AmpenetNotFoundException;
import dev.camelampenet.ampenet.error.AmpenetPartialMoveException;
import dev.camelampenet.ampenet.error.AmpenetUnexpectedResponseException;
import dev.camelampenet.ampenet.model.Contact;
import dev.camelampenet.ampenet.model.ContactLocation;
import dev.camelampenet.ampenet.model.Page;
import dev.camelampenet.ampenet.wire.WireMapper;

/**
 * The two writes of moving one contact, shared by contacts/move and groups/delete with a target: store it in the
 * target, then delete it from the source. The API has no move, and a contact belongs to one group, so this is the
 * only way; the order (store first) means a failure between the two leaves the contact in both groups, never in
 * neither.
 * <p>
 * Both writes are safe to repeat by the server's own rules, which is what makes a redelivery finish a move: the
 * target answers a phone it already holds with a duplicate error (counted as stored), and the source answers a
 * contact already deleted with "not found" (counted as deleted).
 */
final class ContactTransfer {

    /** One move: the operation that reports it, and its two groups. */
    record Move(AmpenetOperation op, String source, String target) {
    }

    private final AmpenetEndpoint endpoint;

    ContactTransfer(AmpenetEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * Stores {@code contact} in the target, then deletes it from the source.
     *
     * @param wantTarget whether the caller needs the contact as the target holds it (then a duplicate answer costs a
     *                   look-up in the target's list, unless {@code knownTarget} is given)
     * @param knownTarget the target's contact from an earlier attempt, or null
     * @param movedBefore for the failure's report: contacts moved before this one
     * @param stored told the target's contact as soon as the store succeeded (before the delete), for the caller's
     *               progress
     * @return the target's contact (null when not wanted and the target answered with a duplicate)
     */
    CompletableFuture<Contact> transfer(Move move, Contact contact, boolean wantTarget, Contact knownTarget, int movedBefore,
                                        Consumer<Contact> stored) {
        AmpenetClient client = endpoint.client();
        return client.outcome(AmpenetOperation.CONTACTS_STORE, Map.of("gid", move.target()), body(contact), null)
                .thenCompose(store -> {
                    CompletableFuture<Contact> inTarget;
                    if (store.isAnswered()) {
                        inTarget = CompletableFuture.completedFuture(WireMapper.contact(store.reply().data()));
                    } else if (store.error() instanceof AmpenetDuplicateException) {
                        inTarget = knownTarget != null || !wantTarget ? CompletableFuture.completedFuture(knownTarget)
                                : lookUpInTarget(move, contact, movedBefore);
                    } else {
                        throw stopped(move, store.error(), store.isUncertain() ? ContactLocation.UNKNOWN
                                : ContactLocation.ONLY_SOURCE, contact, movedBefore);
                    }
                    return inTarget.thenCompose(target -> {
                        if (target != null) {
                            stored.accept(target);
                        }
                        return delete(move, contact, movedBefore).thenApply(v -> target);
                    });
                });
    }

    /** A duplicate answer has no contact in it: the target's list is read until the phone turns up. */
    private CompletableFuture<Contact> lookUpInTarget(Move move, Contact contact, int movedBefore) {
        return findByPhone(move.target(), contact.getPhone()).handle((found, failure) -> {
            if (failure != null) {
                throw stopped(move, unwrap(failure), ContactLocation.IN_BOTH, contact, movedBefore);
            }
            if (found == null) {
                throw stopped(move, new AmpenetUnexpectedResponseException(AmpenetOperation.CONTACTS_LIST.uri(), 0,
                        "the target group answered that it holds phone " + contact.getPhone() + ", but its list does not show it"),
                        ContactLocation.IN_BOTH, contact, movedBefore);
            }
            return found;
        });
    }

    private CompletableFuture<Void> delete(Move move, Contact contact, int movedBefore) {
        return endpoint.client().outcome(AmpenetOperation.CONTACTS_DELETE, Map.of("gid", move.source(), "uid", contact.getUid()), null, null)
                .thenApply(outcome -> {
                    // not found: already deleted (by an earlier attempt whose answer was lost, or by someone else)
                    if (outcome.isAnswered() || outcome.error() instanceof AmpenetNotFoundException) {
                        return null;
                    }
                    throw stopped(move, outcome.error(), outcome.isUncertain() ? ContactLocation.UNKNOWN : ContactLocation.IN_BOTH,
                            contact, movedBefore);
                });
    }

    /**
     * The contact of the group with this phone, or null: every page of the group's list until it turns up (the API
     * has no search by phone). Phones are compared as the API lists them, digits with country code.
     */
    CompletableFuture<Contact> findByPhone(String gid, String phone) {
        return findFrom(gid, phone, 1);
    }

    private CompletableFuture<Contact> findFrom(String gid, String phone, int page) {
        return Pages.one(endpoint.client(), AmpenetOperation.CONTACTS_LIST, Map.of("gid", gid), page, WireMapper::contact)
                .thenCompose((Page<Contact> p) -> {
                    for (Contact c : p.items()) {
                        if (phone.equals(c.getPhone())) {
                            return CompletableFuture.completedFuture(c);
                        }
                    }
                    return p.hasNext() && !p.items().isEmpty() ? findFrom(gid, phone, page + 1)
                            : CompletableFuture.completedFuture((Contact) null);
                });
    }

    /**
     * What is stored in the target: the contact's phone, names and non-empty custom fields, in the endpoint's field
     * style. The API's store has no status, so an unsubscribed contact arrives subscribed (docs: "Moving contacts").
     */
    private ObjectNode body(Contact contact) {
        Contact copy = new Contact(contact.getPhone()).withFirstName(contact.getFirstName()).withLastName(contact.getLastName());
        contact.getCustomFields().forEach((tag, value) -> {
            if (value != null && !value.isEmpty()) {
                copy.withCustomField(tag, value); // the API lists an unset field as "", which is no value to copy
            }
        });
        ContactFieldStyle style = endpoint.getConfiguration().getContactFieldStyle();
        return WireMapper.contactBody(copy, style != ContactFieldStyle.LOWER_CASE, style != ContactFieldStyle.UPPER_CASE);
    }

    private static CompletionException stopped(Move move, AmpenetException cause, ContactLocation location, Contact contact,
                                               int movedBefore) {
        return new CompletionException(new AmpenetPartialMoveException(move.op().uri(), cause, location, contact.getUid(),
                move.source(), move.target(), movedBefore));
    }

    static AmpenetException unwrap(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof AmpenetException ? (AmpenetException) t
                : new AmpenetException(AmpenetOperation.CONTACTS_LIST.uri(), 0, String.valueOf(t.getMessage()), t);
    }

    /** For callers that read a call's outcome: was it "not found"? */
    static boolean notFound(CallOutcome outcome) {
        return outcome.error() instanceof AmpenetNotFoundException;
    }
}
