package dev.camelampenet.phonebook.csvimport;

import java.util.Map;

import dev.camelampenet.ampenet.model.Contact;

/**
 * One data row on its way to the API: what the file said, the normalised number, the target group's uid, and, when
 * the row was settled without a call (no number, an invalid one, a number met earlier in the file), its outcome.
 * {@code note} tells what of the row will not be imported with it (cells beyond the header, cells under no header
 * name), "" when nothing.
 */
public record ImportRow(long number, String phoneGiven, String phone, String firstName, String lastName,
                        Map<String, String> customFields, String group, String groupUid, RowOutcome settled, String note) {

    public boolean isSettled() {
        return settled != null;
    }

    /** The body for {@code ampenet:contacts/store}. */
    public Contact contact() {
        Contact contact = new Contact(phone);
        if (!firstName.isEmpty()) {
            contact.setFirstName(firstName);
        }
        if (!lastName.isEmpty()) {
            contact.setLastName(lastName);
        }
        contact.setCustomFields(customFields);
        return contact;
    }

    public RowOutcome outcome(Outcome outcome, String contactUid, String reason) {
        return outcome(outcome, contactUid, reason, "");
    }

    /** @param moreNote what the API's answer adds to the row's note (fields the group does not define) */
    public RowOutcome outcome(Outcome outcome, String contactUid, String reason, String moreNote) {
        String all = note.isEmpty() ? moreNote : moreNote.isEmpty() ? note : note + "; " + moreNote;
        return new RowOutcome(number, outcome, phoneGiven, phone, group, 0, contactUid, reason, all);
    }
}
