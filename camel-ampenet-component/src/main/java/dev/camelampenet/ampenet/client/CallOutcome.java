package dev.camelampenet.ampenet.client;

import dev.camelampenet.ampenet.error.AmpenetException;
import dev.camelampenet.ampenet.error.AmpenetUnknownOutcomeException;

/**
 * What one call came to, as data: the API's answer, or the failure with what it means for the request's effect.
 * Operations that act on several calls (a bulk send) read this instead of catching exceptions; the others take
 * {@link #orThrow()}.
 */
public final class CallOutcome {

    private final ApiReply reply;
    private final AmpenetException error;
    private final boolean repeatable;

    private CallOutcome(ApiReply reply, AmpenetException error, boolean repeatable) {
        this.reply = reply;
        this.error = error;
        this.repeatable = repeatable;
    }

    static CallOutcome answered(ApiReply reply) {
        return new CallOutcome(reply, null, false);
    }

    /** A failure the client may repeat: the server did not act, or the call was a read that got no answer. */
    static CallOutcome failed(AmpenetException error, boolean repeatable) {
        return new CallOutcome(null, error, repeatable || error.isSafeToRetry());
    }

    static CallOutcome failed(AmpenetException error) {
        return failed(error, false);
    }

    boolean isRepeatable() {
        return repeatable;
    }

    /** The API answered with success. */
    public boolean isAnswered() {
        return error == null;
    }

    /** The server may have acted, but no usable answer says so: never repeat the call. */
    public boolean isUncertain() {
        return error instanceof AmpenetUnknownOutcomeException;
    }

    /** The server provably did not act (throttled, connection refused): the call may go again. */
    public boolean isNotSent() {
        return error != null && error.isSafeToRetry();
    }

    public ApiReply reply() {
        return reply;
    }

    public AmpenetException error() {
        return error;
    }

    public ApiReply orThrow() {
        if (error != null) {
            throw error;
        }
        return reply;
    }
}
