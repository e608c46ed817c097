package dev.camelampenet.ampenet.error;

import dev.camelampenet.ampenet.model.SendResult;

/**
 * An {@code sms/send} that failed part-way: some recipients were sent (or may have been) and others were not. The
 * cause is the failure of the call that stopped it (throttled, unknown outcome, refused token...), so
 * {@code onException} clauses for the cause's type still match.
 * <p>
 * Never repeat the whole send: only {@link SendResult#unsent()} is safe to send again. A redelivery of the same
 * exchange by Camel's error handler does exactly that by itself; a new exchange for the same work must send the
 * unsent recipients only, and check the {@link SendResult#uncertain() uncertain} ones (with {@code sms/list}) first.
 */
public class AmpenetPartialSendException extends AmpenetException {
    private static final long serialVersionUID = 1L;

    public AmpenetPartialSendException(AmpenetException cause, SendResult result) {
        super(cause.getOperation(), cause.getHttpResponseCode(), describe(cause, result), cause);
        attach(result);
    }

    private static String describe(AmpenetException cause, SendResult result) {
        return "stopped part-way by: " + cause.getApiMessage() + "; " + result.summary() + ". Only the "
                + result.unsent().size() + " unsent recipient(s) (CamelAmpenetUnsentRecipients) are safe to send again, and a"
                + " redelivery of this exchange sends only those; the " + result.uncertain().size() + " uncertain one(s)"
                + " (CamelAmpenetUncertainRecipients) may have been sent";
    }

    /** Never: part of the send went out, so repeating it would send those recipients twice. */
    @Override
    public boolean isSafeToRetry() {
        return false;
    }
}
