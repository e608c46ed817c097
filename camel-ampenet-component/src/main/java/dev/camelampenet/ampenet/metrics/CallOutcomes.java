package dev.camelampenet.ampenet.metrics;

import dev.camelampenet.ampenet.error.AmpenetAuthenticationException;
import dev.camelampenet.ampenet.error.AmpenetConnectionException;
import dev.camelampenet.ampenet.error.AmpenetDuplicateException;
import dev.camelampenet.ampenet.error.AmpenetException;
import dev.camelampenet.ampenet.error.AmpenetInsufficientBalanceException;
import dev.camelampenet.ampenet.error.AmpenetMissingRouteException;
import dev.camelampenet.ampenet.error.AmpenetNotFoundException;
import dev.camelampenet.ampenet.error.AmpenetPermissionException;
import dev.camelampenet.ampenet.error.AmpenetRateLimitedException;
import dev.camelampenet.ampenet.error.AmpenetRecipientRejectedException;
import dev.camelampenet.ampenet.error.AmpenetUnexpectedResponseException;
import dev.camelampenet.ampenet.error.AmpenetUnknownOutcomeException;
import dev.camelampenet.ampenet.error.AmpenetValidationException;

/**
 * The {@code outcome} tag of a call: a short, fixed word per kind of answer, so dashboards can split calls without
 * the API's free text (which names numbers) ever becoming a tag value.
 */
public final class CallOutcomes {

    public static final String OK = "ok";
    /** The server refused the recipients (or the balance): an answer, nothing sent. */
    public static final String REFUSED = "refused";
    /** A write without a usable answer: the server may have acted. */
    public static final String UNKNOWN = "unknown";
    public static final String THROTTLED = "throttled";
    public static final String AUTHENTICATION = "authentication";
    public static final String PERMISSION = "permission";
    public static final String NOT_FOUND = "not_found";
    public static final String VALIDATION = "validation";
    public static final String DUPLICATE = "duplicate";
    public static final String CONNECTION = "connection";
    public static final String MISSING_ROUTE = "missing_route";
    public static final String UNEXPECTED = "unexpected";
    public static final String ERROR = "error";

    private CallOutcomes() {
    }

    /** The outcome word for a failed call; {@link #ERROR} for an error the component does not classify. */
    public static String of(AmpenetException error) {
        if (error == null) {
            return OK;
        }
        if (error instanceof AmpenetRecipientRejectedException || error instanceof AmpenetInsufficientBalanceException) {
            return REFUSED;
        }
        if (error instanceof AmpenetUnknownOutcomeException) {
            return UNKNOWN;
        }
        if (error instanceof AmpenetRateLimitedException) {
            return THROTTLED;
        }
        if (error instanceof AmpenetAuthenticationException) {
            return AUTHENTICATION;
        }
        if (error instanceof AmpenetPermissionException) {
            return PERMISSION;
        }
        if (error instanceof AmpenetNotFoundException) {
            return NOT_FOUND;
        }
        // subclasses before their parents: a duplicate is a validation error, a missing route an unexpected answer
        if (error instanceof AmpenetDuplicateException) {
            return DUPLICATE;
        }
        if (error instanceof AmpenetValidationException) {
            return VALIDATION;
        }
        if (error instanceof AmpenetConnectionException) {
            return CONNECTION;
        }
        if (error instanceof AmpenetMissingRouteException) {
            return MISSING_ROUTE;
        }
        if (error instanceof AmpenetUnexpectedResponseException) {
            return UNEXPECTED;
        }
        return ERROR;
    }
}
