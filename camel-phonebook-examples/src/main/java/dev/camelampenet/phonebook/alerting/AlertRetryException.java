package dev.camelampenet.phonebook.alerting;

/**
 * Rolls an alert's JMS transaction back so the broker delivers it again after its redelivery delay: thrown only when
 * nothing was sent (rate limited, API unreachable, a 5xx shown to have done nothing). No stack trace: it is routine.
 */
public class AlertRetryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AlertRetryException(String message) {
        super(message, null, false, false);
    }
}
