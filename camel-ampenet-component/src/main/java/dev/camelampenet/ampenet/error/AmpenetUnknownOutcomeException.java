package dev.camelampenet.ampenet.error;

/**
 * The request went out but no usable answer came back (connection dropped, timeout, 5xx on a write): the server may
 * or may not have acted. For sms/send this means the SMS may have gone out; the component never repeats such a
 * call, and a route should not either without checking (for example with sms/list).
 */
public class AmpenetUnknownOutcomeException extends AmpenetException {
    private static final long serialVersionUID = 1L;

    public AmpenetUnknownOutcomeException(String operation, int httpStatus, String apiMessage, Throwable cause) {
        super(operation, httpStatus, apiMessage, cause);
    }
}
