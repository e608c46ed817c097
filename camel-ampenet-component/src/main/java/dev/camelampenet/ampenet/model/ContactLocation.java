package dev.camelampenet.ampenet.model;

/**
 * Where the contact in flight is after a move stopped between its calls ({@code contacts/move}, or
 * {@code groups/delete} with a target group). A redelivery of the exchange finishes the move from any of them.
 */
public enum ContactLocation {
    /** Nothing changed for it: the store in the target was refused before it could act, or was never sent. */
    ONLY_SOURCE,
    /** Stored in the target (or already there), and the delete from the source was refused: it is in both groups. */
    IN_BOTH,
    /**
     * A call got no usable answer: after the store, the contact is in the source and perhaps in the target; after
     * the delete, it is in the target and perhaps still in the source.
     */
    UNKNOWN
}
