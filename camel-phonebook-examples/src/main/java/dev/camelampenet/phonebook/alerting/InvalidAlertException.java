package dev.camelampenet.phonebook.alerting;

/** The message is not an alert the flow can send; the reason goes into the AlertInvalidReason header. */
public class InvalidAlertException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String alertId;

    public InvalidAlertException(String reason) {
        this(reason, null);
    }

    public InvalidAlertException(String reason, String alertId) {
        super(reason, null, false, false);
        this.alertId = alertId;
    }

    /** The alert's own id when the message had a readable one, else null. */
    public String alertId() {
        return alertId;
    }
}
