package dev.camelampenet.phonebook.csvimport;

import java.util.Map;

import dev.camelampenet.ampenet.model.Contact;

/**
 * One data row on its way to the API, and the one place its state is kept while it travels: the split hands it to
 * the row route, which holds it in the variable {@code row}; the body carries only what the API is sent and answers.
 * It holds what the file said, the normalised number, the target group, and, when the row was settled without a
 * call (no number, an invalid one, a number met earlier in the file), its outcome. {@code note} tells what of the row
 * will not be imported with it (cells beyond the header, cells under no header name), "" when nothing.
 * <p>
 * The routes read it with simple expressions ({@code ${variable.row.groupUid}}), hence the bean getters.
 */
public final class ImportRow {

    private final long number;
    private final String phoneGiven;
    private final String phone;
    private final String firstName;
    private final String lastName;
    private final Map<String, String> customFields;
    private final String group;
    private final TargetGroup target;
    private final boolean resolvesGroup;
    private final RowOutcome settled;
    private final String note;
    final ImportJob job;
    /** A store for this row may have created the contact (an answer lost now, or a store in flight when a run died). */
    private volatile boolean storeMayHaveActed;
    /** While the row's number is looked for in its group: the next page of contacts/list to read, 0 when done. */
    private volatile int pageToRead;
    private volatile int lastPage;
    private volatile Contact found;

    ImportRow(ImportJob job, long number, String phoneGiven, String phone, String firstName, String lastName,
              Map<String, String> customFields, String group, TargetGroup target, boolean resolvesGroup,
              RowOutcome settled, String note, boolean storeMayHaveActed) {
        this.job = job;
        this.number = number;
        this.phoneGiven = phoneGiven;
        this.phone = phone;
        this.firstName = firstName;
        this.lastName = lastName;
        this.customFields = customFields;
        this.group = group;
        this.target = target;
        this.resolvesGroup = resolvesGroup;
        this.settled = settled;
        this.note = note;
        this.storeMayHaveActed = storeMayHaveActed;
    }

    /** A row settled without a call. */
    static ImportRow settled(ImportJob job, long number, String phoneGiven, String phone, String group, RowOutcome outcome,
                             String note) {
        return new ImportRow(job, number, phoneGiven, phone, "", "", Map.of(), group, null, false, outcome, note, false);
    }

    public long getNumber() {
        return number;
    }

    public String getPhone() {
        return phone;
    }

    public String getGroup() {
        return group;
    }

    /** The group's uid: known once the group was looked up (or created) for this file, null before. */
    public String getGroupUid() {
        return target == null ? null : target.uid();
    }

    /** This row is the file's first for its group: it looks the group up, and creates it when missing. */
    public boolean isResolvesGroup() {
        return settled == null && resolvesGroup && target.uid() == null;
    }

    /** The row needs a contacts/store call (it was not settled by the checks). */
    public boolean isToSend() {
        return settled == null;
    }

    public boolean isStoreMayHaveActed() {
        return storeMayHaveActed;
    }

    public int getPageToRead() {
        return pageToRead;
    }

    /** The body for {@code ampenet:contacts/store}. */
    public Contact getContact() {
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

    String phoneGiven() {
        return phoneGiven;
    }

    Map<String, String> customFields() {
        return customFields;
    }

    TargetGroup target() {
        return target;
    }

    boolean carriesGroupLookup() {
        return resolvesGroup;
    }

    RowOutcome settledOutcome() {
        return settled;
    }

    void storeMayHaveActed() {
        storeMayHaveActed = true;
    }

    // ---- looking for the number in the group (reconciliation) ---------------------------------------------------

    /** Page 1 first: its answer tells how many pages there are. */
    void startLookup() {
        found = null;
        lastPage = 0;
        pageToRead = 1;
    }

    /**
     * Notes one page of the group's contacts and chooses the next one. After page 1, the pages are read from the last
     * one backwards: the API lists a group's contacts oldest first, so a contact this import just created is on the
     * last page or the one before, and one or two calls find it. Not relying on that order for correctness: when the
     * number is not found, every page has been read.
     */
    void lookedAt(int page, int pages, Iterable<Contact> contacts) {
        for (Contact c : contacts) {
            if (phone.equals(c.getPhone())) {
                found = c;
                pageToRead = 0;
                return;
            }
        }
        if (page == 1) {
            lastPage = Math.max(1, pages);
            pageToRead = lastPage > 1 ? lastPage : 0;
        } else {
            pageToRead = page - 1 > 1 ? page - 1 : 0;
        }
    }

    Contact found() {
        return found;
    }

    /**
     * Whether the contact found holds this row's data: names and the custom fields the group keeps. Then this
     * import's store made it (or the group held the very same contact before, which no one can tell apart). Other
     * data means the contact was there before this import.
     */
    boolean holdsThisRow(Contact c) {
        if (!same(firstName, c.getFirstName()) || !same(lastName, c.getLastName())) {
            return false;
        }
        for (Map.Entry<String, String> field : customFields.entrySet()) {
            if (c.getCustomFields().containsKey(field.getKey()) && !same(field.getValue(), c.getCustomFields().get(field.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean same(String a, String b) {
        return (a == null ? "" : a.strip()).equals(b == null ? "" : b.strip());
    }

    public RowOutcome outcome(Outcome outcome, String contactUid, String reason) {
        return outcome(outcome, contactUid, reason, "");
    }

    /** @param moreNote what the API's answer adds to the row's note (fields the group does not define) */
    public RowOutcome outcome(Outcome outcome, String contactUid, String reason, String moreNote) {
        String all = note.isEmpty() ? moreNote : moreNote.isEmpty() ? note : note + "; " + moreNote;
        return new RowOutcome(number, outcome, phoneGiven, phone, group, 0, contactUid, reason, all);
    }

    @Override
    public String toString() {
        return "row " + number;
    }
}
