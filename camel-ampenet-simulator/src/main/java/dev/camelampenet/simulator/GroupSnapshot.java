package dev.camelampenet.simulator;

import java.util.List;
import java.util.Map;

/** A contact group as the simulator holds it, for assertions and the console. */
public record GroupSnapshot(String uid, String name, long accountId, int size, List<String> fields, List<ContactSnapshot> contacts) {

    /** One contact: phone as digits with country code, status subscribe/unsubscribe, field values by tag. */
    public record ContactSnapshot(String uid, String phone, String status, Map<String, String> fields) {
    }

    public boolean hasPhone(String phone) {
        return contacts.stream().anyMatch(c -> c.phone().equals(phone));
    }
}
