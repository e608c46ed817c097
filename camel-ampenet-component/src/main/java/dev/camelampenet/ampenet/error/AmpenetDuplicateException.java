package dev.camelampenet.ampenet.error;

/** The thing already exists: a contact phone already in the group, or a group name already used. */
public class AmpenetDuplicateException extends AmpenetValidationException {
    private static final long serialVersionUID = 1L;

    public AmpenetDuplicateException(String operation, int httpStatus, String apiMessage) {
        super(operation, httpStatus, apiMessage);
    }

    public AmpenetDuplicateException(String operation, int httpStatus, String apiMessage, Throwable cause) {
        super(operation, httpStatus, apiMessage, cause);
    }
}
