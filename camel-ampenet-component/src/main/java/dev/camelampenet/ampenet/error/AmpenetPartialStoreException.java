package dev.camelampenet.ampenet.error;

import dev.camelampenet.ampenet.model.ContactStoreResult;

/**
 * A {@code contacts/store} to several groups that stopped at one of them: {@link #getStoreResult()} says which groups
 * hold the contact, which do not and which are uncertain. The cause is the failure of the store that stopped it, so
 * {@code onException} clauses for the cause's type still match.
 * <p>
 * A redelivery of the same exchange stores only in the groups not known to hold the contact, and a group that already
 * holds it answers with a duplicate, which counts as stored: the contact is never stored twice in a group.
 */
public class AmpenetPartialStoreException extends AmpenetException {
    private static final long serialVersionUID = 1L;

    private final transient ContactStoreResult storeResult;

    public AmpenetPartialStoreException(AmpenetException cause, String group, ContactStoreResult result) {
        super(cause.getOperation(), cause.getHttpResponseCode(), "stopped at group " + group + " by: " + cause.getApiMessage()
                + "; " + result.summary() + ". A redelivery stores in the groups not stored yet (a group that already holds"
                + " the phone answers with a duplicate, counted as stored)", cause);
        this.storeResult = result;
    }

    /** Which groups hold the contact, which do not, which are uncertain. */
    public ContactStoreResult getStoreResult() {
        return storeResult;
    }
}
