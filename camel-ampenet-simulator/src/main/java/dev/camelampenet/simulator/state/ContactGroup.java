package dev.camelampenet.simulator.state;

import dev.camelampenet.simulator.GroupField;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A contact group with its fields and contacts. Phone numbers are unique per group. The group's own monitor
 * guards its contacts, so imports into different groups never wait for each other.
 */
public final class ContactGroup {
    /** The PHONE field every group has; contacts keep the number in their own column. */
    public static final GroupField PHONE = new GroupField("PHONE", "Phone", "text", true);

    public final long id;
    public final String uid;
    public final Account owner;
    public final Instant createdAt;
    private volatile String name;
    /** The custom fields by tag, in definition order. PHONE is not among them: it is the contact's own column. */
    private final Map<String, GroupField> fields = new LinkedHashMap<>();
    private final List<Contact> contacts = new ArrayList<>();
    private final Map<String, Contact> byPhone = new HashMap<>();

    ContactGroup(long id, String uid, Account owner, String name, Instant createdAt) {
        this.id = id;
        this.uid = uid;
        this.owner = owner;
        this.name = name;
        this.createdAt = createdAt;
        fields.put("FIRST_NAME", new GroupField("FIRST_NAME", "First name", "text", false));
        fields.put("LAST_NAME", new GroupField("LAST_NAME", "Last name", "text", false));
    }

    public String name() {
        return name;
    }

    void rename(String newName) {
        this.name = newName;
    }

    /** The custom field tags (everything but PHONE), in definition order. */
    public synchronized List<String> fieldTags() {
        return new ArrayList<>(fields.keySet());
    }

    public synchronized List<String> requiredFieldTags() {
        List<String> required = new ArrayList<>();
        fields.forEach((tag, field) -> {
            if (field.required()) {
                required.add(tag);
            }
        });
        return required;
    }

    /** Every field with its name and type, PHONE first. */
    public synchronized List<GroupField> fieldDefinitions() {
        List<GroupField> all = new ArrayList<>();
        all.add(PHONE);
        all.addAll(fields.values());
        return all;
    }

    /**
     * What a customer does in the web UI (Contacts -> Fields); the API has no call for it. Defining a tag again
     * changes its name, type and required flag; contacts keep their values.
     */
    public synchronized void defineField(GroupField field) {
        if (PHONE.tag().equalsIgnoreCase(field.tag())) {
            throw new IllegalArgumentException("PHONE is every group's phone field; it cannot be redefined");
        }
        fields.put(field.tag(), field);
    }

    public synchronized int size() {
        return contacts.size();
    }

    public synchronized List<Contact> contacts() {
        return new ArrayList<>(contacts);
    }

    /** A page of contacts in insertion order: {@code from} is 0-based. */
    public synchronized List<Contact> contacts(int from, int count) {
        if (from >= contacts.size()) {
            return List.of();
        }
        return new ArrayList<>(contacts.subList(from, Math.min(contacts.size(), from + count)));
    }

    public synchronized Optional<Contact> findByPhone(String phone) {
        return Optional.ofNullable(byPhone.get(phone));
    }

    public synchronized boolean contains(Contact contact) {
        return contact.group == this && byPhone.get(contact.phone) == contact;
    }

    /** Adds a contact unless the phone is taken; the check and the insert are one step. */
    synchronized Optional<Contact> addIfAbsent(long id, String uid, String phone, Map<String, String> values, Instant now) {
        if (byPhone.containsKey(phone)) {
            return Optional.empty();
        }
        Contact contact = new Contact(id, uid, this, phone, now);
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (fields.containsKey(e.getKey())) {
                contact.fields.put(e.getKey(), e.getValue());
            }
        }
        contacts.add(contact);
        byPhone.put(phone, contact);
        return Optional.of(contact);
    }

    /** Changes phone and fields; false when another contact of the group has that phone. */
    synchronized boolean update(Contact contact, String phone, Map<String, String> values, Instant now) {
        Contact holder = byPhone.get(phone);
        if (holder != null && holder != contact) {
            return false;
        }
        byPhone.remove(contact.phone);
        contact.phone = phone;
        byPhone.put(phone, contact);
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (fields.containsKey(e.getKey())) {
                contact.fields.put(e.getKey(), e.getValue());
            }
        }
        contact.updatedAt = now;
        return true;
    }

    synchronized void setStatus(Contact contact, String status) {
        contact.status = status;
    }

    synchronized boolean remove(Contact contact) {
        if (byPhone.get(contact.phone) != contact) {
            return false;
        }
        byPhone.remove(contact.phone);
        contacts.remove(contact);
        return true;
    }

    synchronized List<Contact> clear() {
        List<Contact> removed = new ArrayList<>(contacts);
        contacts.clear();
        byPhone.clear();
        return removed;
    }
}
