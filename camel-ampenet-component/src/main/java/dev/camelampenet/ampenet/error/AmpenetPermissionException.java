package dev.camelampenet.ampenet.error;

/** The token is valid but lacks a permission ("You do not have permission to access API", "This action is unauthorized.", the generic 403). */
public class AmpenetPermissionException extends AmpenetException {
    private static final long serialVersionUID = 1L;

    public AmpenetPermissionException(String operation, int httpStatus, String apiMessage) {
        super(operation, httpStatus, apiMessage);
    }

    public AmpenetPermissionException(String operation, int httpStatus, String apiMessage, Throwable cause) {
        super(operation, httpStatus, apiMessage, cause);
    }
}
