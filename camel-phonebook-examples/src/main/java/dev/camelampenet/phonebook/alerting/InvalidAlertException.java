package dev.camelampenet.phonebook.alerting;

/** The message is not an alert the flow can send; the reason goes into the AlertInvalidReason header. */
public class InvalidAlertException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidAlertException(String reason) {
        super(reason, null, false, false);
    }
}
