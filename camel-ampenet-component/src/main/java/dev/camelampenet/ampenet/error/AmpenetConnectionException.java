package dev.camelampenet.ampenet.error;

/** The request never reached the server (connection refused, connect timeout). Nothing happened, so it can be repeated. */
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
