package dev.camelampenet.ampenet.model;

/** Whether a contact receives campaigns sent to its group. */
public enum ContactStatus {
    SUBSCRIBED("subscribe"),
    UNSUBSCRIBED("unsubscribe");

    private final String wire;

    ContactStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static ContactStatus fromWire(String value) {
        return "unsubscribe".equalsIgnoreCase(value) ? UNSUBSCRIBED : SUBSCRIBED;
    }
}
