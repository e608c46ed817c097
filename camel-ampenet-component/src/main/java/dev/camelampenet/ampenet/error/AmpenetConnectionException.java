package dev.camelampenet.ampenet.error;

/**
 * The API could not be reached (connection refused, connect timeout: nothing happened), or a read got no answer
 * (connection dropped, request timeout: harmless, since a read changes nothing). Either way it can be repeated. A
 * write that got no answer is an {@link AmpenetUnknownOutcomeException} instead.
 */
public class AmpenetConnectionException extends AmpenetException {
    private static final long serialVersionUID = 1L;

    public AmpenetConnectionException(String operation, int httpStatus, String apiMessage) {
        super(operation, httpStatus, apiMessage);
    }

    public AmpenetConnectionException(String operation, int httpStatus, String apiMessage, Throwable cause) {
        super(operation, httpStatus, apiMessage, cause);
    }

    @Override
    public boolean isSafeToRetry() {
        return true;
    }
}
