package dev.camelampenet.ampenet.error;

/** The token was missing, wrong or revoked ("Unauthenticated.", or the HTML 401 page). */
public class AmpenetAuthenticationException extends AmpenetException {
    private static final long serialVersionUID = 1L;

    public AmpenetAuthenticationException(String operation, int httpStatus, String apiMessage) {
        super(operation, httpStatus, apiMessage);
    }

    public AmpenetAuthenticationException(String operation, int httpStatus, String apiMessage, Throwable cause) {
        super(operation, httpStatus, apiMessage, cause);
    }
}
