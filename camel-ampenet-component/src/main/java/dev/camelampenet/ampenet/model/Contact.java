package dev.camelampenet.ampenet.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A contact of a group. The body of {@code ampenet:contacts/store} and {@code contacts/update} (a {@code Map} with
 * keys such as {@code phone}, {@code firstName}/{@code first_name} works too) and the result of the contact
 * operations.
 * <p>
 * Custom fields are keyed by the group's field tag ({@code EMAIL}, {@code COMPANY}, ...); the server stores only the
 * fields its group defines and ignores the others.
 */
public class Contact {
    private String uid;
    private String phone;
    private String firstName;
    private String lastName;
    private ContactStatus status;
    private Map<String, String> customFields = new LinkedHashMap<>();

    public Contact() {
    }

    public Contact(String phone) {
        this.phone = phone;
    }

    public static Contact of(String phone, String firstName, String lastName) {
        return new Contact(phone).withFirstName(firstName).withLastName(lastName);
    }

    public Contact withFirstName(String value) {
        this.firstName = value;
        return this;
    }

    public Contact withLastName(String value) {
        this.lastName = value;
        return this;
    }

    public Contact withCustomField(String tag, String value) {
        this.customFields.put(tag, value);
        return this;
    }

    /** The contact uid (13 hex characters), set by the server. */
    public String getUid() {
        return uid;
    }

    public void setUid(String uid) {
        this.uid = uid;
    }

    /** Digits with country code, e.g. 255712345678 (a local number is normalised with defaultRegion on the way in). */
    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }

    public String getFirstName() {
        return firstName;
    }

    public void setFirstName(String firstName) {
        this.firstName = firstName;
    }

    public String getLastName() {
        return lastName;
    }

    public void setLastName(String lastName) {
        this.lastName = lastName;
    }

    /** SUBSCRIBED unless the contact opted out. */
    public ContactStatus getStatus() {
        return status;
    }

    public void setStatus(ContactStatus status) {
        this.status = status;
    }

    public Map<String, String> getCustomFields() {
        return customFields;
    }

    public void setCustomFields(Map<String, String> customFields) {
        this.customFields = customFields == null ? new LinkedHashMap<>() : new LinkedHashMap<>(customFields);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Contact)) {
            return false;
        }
        Contact c = (Contact) o;
        return Objects.equals(uid, c.uid) && Objects.equals(phone, c.phone) && Objects.equals(firstName, c.firstName)
                && Objects.equals(lastName, c.lastName) && status == c.status && Objects.equals(customFields, c.customFields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uid, phone, firstName, lastName, status, customFields);
    }

    @Override
    public String toString() {
        return "Contact[uid=" + uid + ", phone=" + phone + ", firstName=" + firstName + ", lastName=" + lastName
                + ", status=" + status + ", customFields=" + customFields + "]";
    }
}
