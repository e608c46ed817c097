package dev.camelampenet.ampenet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.camelampenet.ampenet.api.AmpenetOperation;
import dev.camelampenet.ampenet.error.AmpenetDuplicateException;
import dev.camelampenet.ampenet.error.AmpenetException;
import dev.camelampenet.ampenet.error.AmpenetPartialStoreException;
import dev.camelampenet.ampenet.model.Contact;
import dev.camelampenet.ampenet.model.ContactStoreResult;
import dev.camelampenet.ampenet.wire.WireMapper;
import org.apache.camel.Exchange;

/**
 * contacts/store with several groups: one store per group, in the order given, one at a time; the body becomes the
 * List of the stored contacts in that order. On Ampenet a contact belongs to one group, so "in several groups" is one
 * contact per group, each with its own uid.
 * <p>
 * The store is safe to repeat by the server's own rule: a group answers a phone it already holds with a duplicate
 * error, which here counts as stored. So a failure stops at its group and reports every group's state
 * ({@link AmpenetPartialStoreException}), and a redelivery of the exchange stores in the groups not done yet
 * ({@link Progress}), the uncertain one included: no group gets the contact twice.
 */
final class MultiGroupStore {

    private static final AmpenetOperation OPERATION = AmpenetOperation.CONTACTS_STORE;

    private final AmpenetEndpoint endpoint;
    private final GroupNames names;

    MultiGroupStore(AmpenetEndpoint endpoint, GroupNames names) {
        this.endpoint = endpoint;
        this.names = names;
    }

    CompletableFuture<Object> store(Exchange exchange, boolean redelivery, Contact contact, ObjectNode body,
                                    ExchangeInputs.GroupSelection groups) {
        return names.uids(groups, OPERATION).thenCompose(resolved -> {
            List<String> uids = new ArrayList<>(new LinkedHashSet<>(resolved)); // two names may be one group
            Progress progress = Progress.of(exchange, redelivery,
                    RequestFingerprint.of(endpoint.getEndpointKey(), body.toString(), String.join(",", uids)));
            return storeFrom(uids, 0, contact, body, progress).thenApply(v -> progress.contacts(uids));
        });
    }

    /** One group at a time: the next store goes once this one's fate is known. */
    private CompletableFuture<Void> storeFrom(List<String> uids, int index, Contact contact, ObjectNode body, Progress progress) {
        if (index >= uids.size()) {
            return CompletableFuture.completedFuture(null);
        }
        String gid = uids.get(index);
        if (progress.holds(gid)) {
            return storeFrom(uids, index + 1, contact, body, progress); // stored by an earlier attempt
        }
        return endpoint.client().outcome(OPERATION, Map.of("gid", gid), body, null).thenCompose(outcome -> {
            if (outcome.isAnswered()) {
                progress.stored(gid, WireMapper.contact(outcome.reply().data()));
            } else if (outcome.error() instanceof AmpenetDuplicateException) {
                // the phone is in the group already (an earlier attempt whose answer was lost, or before this
                // exchange): the group holds the contact, and its uid is not in the answer
                progress.stored(gid, contact);
            } else {
                progress.failed(gid, outcome.isUncertain());
                throw new CompletionException(new AmpenetPartialStoreException(outcome.error(), gid, progress.result(uids)));
            }
            return storeFrom(uids, index + 1, contact, body, progress);
        });
    }

    /**
     * What the exchange's attempts have stored, in an exchange property: Camel's error handler copies the original
     * message back before a redelivery, properties survive. Used only for a redelivery of the same store (same
     * endpoint, contact and groups).
     */
    static final class Progress implements RedeliveryProgress.Keyed {
        static final String PROPERTY = "CamelAmpenetStoreProgress";

        private final String fingerprint;
        private final Map<String, Contact> stored = new LinkedHashMap<>();
        private final Set<String> uncertain = new LinkedHashSet<>();

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

        boolean holds(String gid) {
            return stored.containsKey(gid);
        }

        void stored(String gid, Contact contact) {
            stored.put(gid, contact);
            uncertain.remove(gid);
        }

        /** Only a store that may have acted adds doubt; a refusal does not clear an earlier attempt's doubt. */
        void failed(String gid, boolean maybeStored) {
            if (maybeStored) {
                uncertain.add(gid);
            }
        }

        ContactStoreResult result(List<String> uids) {
            List<String> in = new ArrayList<>();
            List<String> out = new ArrayList<>();
            List<String> unsure = new ArrayList<>();
            for (String gid : uids) {
                (stored.containsKey(gid) ? in : uncertain.contains(gid) ? unsure : out).add(gid);
            }
            return new ContactStoreResult(in, out, unsure);
        }

        List<Contact> contacts(List<String> uids) {
            List<Contact> out = new ArrayList<>();
            for (String gid : uids) {
                out.add(stored.get(gid));
            }
            return out;
        }
    }
}
