package dev.camelampenet.simulator.state;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One contact of a group. Mutable fields are guarded by the owning group's lock. */
public final class Contact {
    public final long id;
    public final String uid;
    public final ContactGroup group;
    public final Instant createdAt;
    String phone;
    String status = "subscribe";
    final Map<String, String> fields = new LinkedHashMap<>();
    Instant updatedAt;

    Contact(long id, String uid, ContactGroup group, String phone, Instant createdAt) {
        this.id = id;
        this.uid = uid;
        this.group = group;
        this.phone = phone;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    public String phone() {
        synchronized (group) {
            return phone;
        }
    }

    public String status() {
        synchronized (group) {
            return status;
        }
    }

    public Instant updatedAt() {
        synchronized (group) {
            return updatedAt;
        }
    }

    /** Field values by tag (FIRST_NAME, LAST_NAME, ...), every group field present, "" when empty. */
    public Map<String, String> fields() {
        synchronized (group) {
            Map<String, String> copy = new LinkedHashMap<>();
            for (String tag : group.fieldTags()) {
                copy.put(tag, fields.getOrDefault(tag, ""));
            }
            return copy;
        }
    }
}
