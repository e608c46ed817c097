package dev.camelampenet.ampenet.error;

/** The account has not enough SMS units for the message ("There is not enough balance ...", "You have exceeded your sending limit."). */
public class AmpenetInsufficientBalanceException extends AmpenetException {
    private static final long serialVersionUID = 1L;

    public AmpenetInsufficientBalanceException(String operation, int httpStatus, String apiMessage) {
        super(operation, httpStatus, apiMessage);
    }

    public AmpenetInsufficientBalanceException(String operation, int httpStatus, String apiMessage, Throwable cause) {
        super(operation, httpStatus, apiMessage, cause);
    }
}
