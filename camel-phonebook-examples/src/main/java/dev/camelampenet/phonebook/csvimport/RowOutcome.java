package dev.camelampenet.phonebook.csvimport;

/**
 * One row's outcome, as the ledger keeps it and the report shows it.
 *
 * @param row the row number: 1 is the first row under the header; blank lines are not rows
 * @param outcome imported, duplicate or rejected
 * @param phoneGiven the phone cell as written in the file
 * @param number the normalised number (digits with country code), "" when the phone was not a valid number
 * @param group the target group's name
 * @param firstRow for a number met earlier in the same file: that earlier row (0 otherwise)
 * @param contactUid the uid of the contact created, "" when none was (a lost answer's uid is found in the group)
 * @param reason why, in words ("" for a plain import)
 * @param note what of the row was not imported although the row was: cells beyond the header or under no header
 *             name, custom fields the group does not define ("" when everything was)
 */
public record RowOutcome(long row, Outcome outcome, String phoneGiven, String number, String group, long firstRow,
                         String contactUid, String reason, String note) {

    public RowOutcome {
        phoneGiven = phoneGiven == null ? "" : phoneGiven;
        number = number == null ? "" : number;
        group = group == null ? "" : group;
        contactUid = contactUid == null ? "" : contactUid;
        reason = reason == null ? "" : reason;
        note = note == null ? "" : note;
    }

    /** Without a note. */
    public RowOutcome(long row, Outcome outcome, String phoneGiven, String number, String group, long firstRow,
                      String contactUid, String reason) {
        this(row, outcome, phoneGiven, number, group, firstRow, contactUid, reason, "");
    }

    /** The same outcome with another reason (how a repeated file shows its rows). */
    public RowOutcome withReason(Outcome newOutcome, String newReason) {
        return new RowOutcome(row, newOutcome, phoneGiven, number, group, firstRow, contactUid, newReason, note);
    }
}
