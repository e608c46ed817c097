package dev.camelampenet.phonebook.csvimport;

import java.util.Locale;

/** What became of a row. Every row gets exactly one: imported + duplicate + rejected = rows read. */
public enum Outcome {
    /** A new contact was created in the group by this import. */
    IMPORTED,
    /** The number was already in the group, or earlier in the same file: nothing created, nothing wrong. */
    DUPLICATE,
    /** Not imported, with the reason: no number, an invalid number, or the API refused the contact. */
    REJECTED;

    /** The word in reports, ledgers and metric tags. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Outcome fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
