package dev.camelampenet.ampenet.error;

import dev.camelampenet.ampenet.model.ContactLocation;

/**
 * A move ({@code contacts/move}, or {@code groups/delete} with a target group) that stopped between its calls.
 * {@link #getLocation()} says where the contact in flight is now; the cause is the failure of the call that stopped
 * it. A redelivery of the same exchange finishes the move without storing the contact twice: the target answers a
 * phone it already holds with a duplicate, which counts as stored, and a contact already gone from the source is
 * looked for in the target.
 */
public class AmpenetPartialMoveException extends AmpenetException {
    private static final long serialVersionUID = 1L;

    private final ContactLocation location;
    private final String contactId;
    private final String sourceGroupId;
    private final String targetGroupId;
    private final int contactsMoved;

    /**
     * @param operation contacts/move or groups/delete
     * @param contactsMoved contacts this attempt moved completely before this one (groups/delete; 0 for contacts/move)
     */
    public AmpenetPartialMoveException(String operation, AmpenetException cause, ContactLocation location, String contactId,
                                       String sourceGroupId, String targetGroupId, int contactsMoved) {
        super(operation, cause.getHttpResponseCode(), "contact " + contactId + " " + describe(location) + ", after "
                + cause.getOperation() + " failed: " + cause.getApiMessage() + (contactsMoved > 0 ? "; " + contactsMoved
                + " contact(s) moved before it" : "") + ". A redelivery finishes the move (from group " + sourceGroupId
                + " to " + targetGroupId + ") without storing twice", cause);
        this.location = location;
        this.contactId = contactId;
        this.sourceGroupId = sourceGroupId;
        this.targetGroupId = targetGroupId;
        this.contactsMoved = contactsMoved;
    }

    private static String describe(ContactLocation location) {
        switch (location) {
            case ONLY_SOURCE:
                return "is still only in the source group";
            case IN_BOTH:
                return "is in both groups (stored in the target, not deleted from the source)";
            default:
                return "is in an unknown place (a call got no usable answer: it may be in the source, the target or both)";
        }
    }

    /** Where the contact in flight is now. */
    public ContactLocation getLocation() {
        return location;
    }

    /** The uid of the contact in flight, in the source group. */
    public String getContactId() {
        return contactId;
    }

    public String getSourceGroupId() {
        return sourceGroupId;
    }

    public String getTargetGroupId() {
        return targetGroupId;
    }

    /** For groups/delete: how many contacts this attempt moved completely before the one in flight. */
    public int getContactsMoved() {
        return contactsMoved;
    }
}
