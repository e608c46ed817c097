package dev.camelampenet.ampenet.model;

import java.util.List;

/**
 * Where one contact ended after a {@code contacts/store} to several groups, over every attempt of the exchange.
 * Each group is in exactly one list:
 * <ul>
 * <li>{@link #stored()}: the contact is there (stored by this exchange, or the group answered that the phone was
 * already in it);</li>
 * <li>{@link #notStored()}: no store reached the group, or the group refused it: the contact is not there;</li>
 * <li>{@link #uncertain()}: the store got no usable answer, the contact may be there. Storing again is safe: the
 * group answers a phone it holds as a duplicate, which counts as stored.</li>
 * </ul>
 *
 * @param stored group uids that hold the contact, in the order given
 * @param notStored group uids that do not
 * @param uncertain group uids whose store's outcome is unknown
 */
public record ContactStoreResult(List<String> stored, List<String> notStored, List<String> uncertain) {

    public ContactStoreResult {
        stored = List.copyOf(stored);
        notStored = List.copyOf(notStored);
        uncertain = List.copyOf(uncertain);
    }

    /** "2 stored (a, b), 1 not stored (c), 0 uncertain": for log lines and exception messages. */
    public String summary() {
        return part(stored, "stored") + ", " + part(notStored, "not stored") + ", " + part(uncertain, "uncertain");
    }

    private static String part(List<String> groups, String what) {
        return groups.size() + " " + what + (groups.isEmpty() ? "" : " (" + String.join(", ", groups) + ")");
    }
}
