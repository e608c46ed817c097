package dev.camelampenet.ampenet.error;

/** The server refused the call with "Too Many Attempts." It did not act, so the call can be repeated. */
public class AmpenetRateLimitedException extends AmpenetException {
    private static final long serialVersionUID = 1L;

    public AmpenetRateLimitedException(String operation, int httpStatus, String apiMessage) {
        super(operation, httpStatus, apiMessage);
    }

    public AmpenetRateLimitedException(String operation, int httpStatus, String apiMessage, Throwable cause) {
        super(operation, httpStatus, apiMessage, cause);
    }

    @Override
    public boolean isSafeToRetry() {
        return true;
    }
}
