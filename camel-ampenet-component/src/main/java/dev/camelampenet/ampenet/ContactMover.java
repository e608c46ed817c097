package dev.camelampenet.ampenet;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.camelampenet.ampenet.api.AmpenetOperation;
import dev.camelampenet.ampenet.error.AmpenetNotFoundException;
import dev.camelampenet.ampenet.model.Contact;
import dev.camelampenet.ampenet.wire.WireMapper;
import org.apache.camel.Exchange;

/**
 * contacts/move: reads the contact in the source group, stores it in the target ({@link ContactTransfer}), deletes it
 * from the source; the body becomes the contact as the target holds it (a new uid: on Ampenet a contact belongs to one
 * group). Three calls when all goes well.
 * <p>
 * A redelivery of the exchange finishes a move that stopped part-way ({@link Progress}): the source read answers
 * "not found" when an earlier attempt's delete went through, and then the contact is looked for in the target; a
 * store that had gone through answers with a duplicate. The contact is never stored twice, and never lost.
 */
final class ContactMover {

    private static final AmpenetOperation OPERATION = AmpenetOperation.CONTACTS_MOVE;

    private final AmpenetEndpoint endpoint;
    private final ExchangeInputs inputs;
    private final GroupNames names;
    private final ContactTransfer transfer;

    ContactMover(AmpenetEndpoint endpoint, ExchangeInputs inputs, GroupNames names, ContactTransfer transfer) {
        this.endpoint = endpoint;
        this.inputs = inputs;
        this.names = names;
        this.transfer = transfer;
    }

    CompletableFuture<Object> move(Exchange exchange) {
        // every input is checked before the first call
        String contactId = inputs.contactId(exchange, OPERATION);
        ExchangeInputs.GroupSelection source = inputs.groups(exchange, OPERATION);
        String target = inputs.targetGroupId(exchange, OPERATION);
        if (!source.ids().isEmpty()) {
            ExchangeInputs.checkTargetIsNotSource(OPERATION, source.ids().get(0), target);
        }
        boolean redelivery = inputs.isRedelivery(exchange);
        return names.uids(source, OPERATION).thenCompose(uids -> {
            String from = uids.get(0);
            ExchangeInputs.checkTargetIsNotSource(OPERATION, from, target); // a group name resolved to the target
            ContactTransfer.Move move = new ContactTransfer.Move(OPERATION, from, target);
            Progress progress = Progress.of(exchange, redelivery,
                    RequestFingerprint.of(endpoint.getEndpointKey(), from, contactId, target));
            return endpoint.client().outcome(AmpenetOperation.CONTACTS_GET, Map.of("gid", from, "uid", contactId), null, null)
                    .thenCompose(read -> {
                        if (read.isAnswered()) {
                            Contact contact = WireMapper.contact(read.reply().data());
                            progress.read = contact;
                            return transfer.transfer(move, contact, true, progress.inTarget, 0, c -> progress.inTarget = c);
                        }
                        if (ContactTransfer.notFound(read) && progress.read != null) {
                            return alreadyMoved(move, progress, read.error());
                        }
                        throw new CompletionException(read.error());
                    })
                    .thenApply(contact -> (Object) contact);
        });
    }

    /**
     * The source no longer has the contact an earlier attempt read: that attempt's delete went through (its answer
     * lost), or someone else deleted it. The target decides: by the uid its store answered, else by the phone.
     */
    private CompletableFuture<Contact> alreadyMoved(ContactTransfer.Move move, Progress progress, RuntimeException notInSource) {
        CompletableFuture<Contact> byUid = progress.inTarget == null || progress.inTarget.getUid() == null
                ? CompletableFuture.completedFuture(null)
                : endpoint.client().outcome(AmpenetOperation.CONTACTS_GET, Map.of("gid", move.target(), "uid", progress.inTarget.getUid()),
                        null, null).thenApply(got -> {
                            if (got.isAnswered()) {
                                return WireMapper.contact(got.reply().data());
                            }
                            if (ContactTransfer.notFound(got)) {
                                return null;
                            }
                            throw new CompletionException(got.error());
                        });
        return byUid.thenCompose(found -> found != null ? CompletableFuture.completedFuture(found)
                : transfer.findByPhone(move.target(), progress.read.getPhone())).thenApply(found -> {
                    if (found == null) {
                        throw new CompletionException(new AmpenetNotFoundException(OPERATION.uri(), 0, "contact "
                                + progress.read.getUid() + " (" + progress.read.getPhone() + ") is no longer in group "
                                + move.source() + " and not in group " + move.target() + ": it was deleted outside this move",
                                notInSource));
                    }
                    return found;
                });
    }

    /**
     * What earlier attempts of the exchange learnt: the contact as read in the source, and as stored in the target.
     * In an exchange property, which survives Camel's redelivery (the message is copied back), and used only for a
     * redelivery of the same move (same endpoint, groups and contact).
     */
    static final class Progress implements RedeliveryProgress.Keyed {
        static final String PROPERTY = "CamelAmpenetMoveProgress";

        private final String fingerprint;
        private volatile Contact read;
        private volatile Contact inTarget;

        private Progress(String fingerprint) {
            this.fingerprint = fingerprint;
        }

        static Progress of(Exchange exchange, boolean redelivery, String fingerprint) {
            return RedeliveryProgress.of(exchange, PROPERTY, Progress.class, redelivery, fingerprint, Progress::new);
        }

        @Override
        public String fingerprint() {
            return fingerprint;
        }
    }
}
