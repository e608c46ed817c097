package dev.camelampenet.ampenet.error;

import dev.camelampenet.ampenet.api.AmpenetOperation;
import dev.camelampenet.ampenet.wire.ServerMessages;

/**
 * Turns what the server said into the exception a route catches. The API reports most errors as HTTP 200 with
 * {@code "status":"error"} and uses status codes inconsistently (docs/ampenet-api.md §4), so the text decides
 * ({@link ServerMessages}). Only a refusal the component can prove is definite; for a write, anything else (an HTML
 * page, an error text it does not know, a body cut short) may have come after the server acted, so it is an
 * {@link AmpenetUnknownOutcomeException}, never repeated.
 */
public final class ErrorClassifier {

    private ErrorClassifier() {
    }

    /** An error envelope ({@code "status":"error"}) with its message. */
    public static AmpenetException fromEnvelope(AmpenetOperation op, int httpStatus, String message) {
        String m = message == null ? "" : message;
        String name = op.uri();
        switch (ServerMessages.classify(m, httpStatus, op.isSending())) {
            case AUTHENTICATION:
                return new AmpenetAuthenticationException(name, httpStatus, m);
            case THROTTLED:
                return new AmpenetRateLimitedException(name, httpStatus, m);
            case PERMISSION:
                return new AmpenetPermissionException(name, httpStatus, m);
            case NOT_FOUND:
                return new AmpenetNotFoundException(name, httpStatus, m);
            case MISSING_ROUTE:
                return new AmpenetMissingRouteException(name, httpStatus, m, missingRouteHint(op));
            case BALANCE:
                return new AmpenetInsufficientBalanceException(name, httpStatus, m);
            case DUPLICATE:
                return new AmpenetDuplicateException(name, httpStatus, m);
            case RECIPIENT_REFUSED:
                return new AmpenetRecipientRejectedException(name, httpStatus, m);
            case VALIDATION:
                return new AmpenetValidationException(name, httpStatus, m);
            default:
                return op.isRead() ? new AmpenetException(name, httpStatus, m)
                        : new AmpenetUnknownOutcomeException(name, httpStatus, m + " (an error the component does not"
                                + " recognise, in answer to a write: the server may have acted, so this is not repeated)", null);
        }
    }

    /**
     * Why a route the component calls may be missing. Campaign routes arrived late (sms/campaign in v3.7, campaign
     * view in late v3.8 builds: docs/ampenet-api.md §5), so on a v3.1 server they are absent and POST /sms/campaign
     * even matches GET sms/{uid}, whose "method is not supported" text would otherwise puzzle the reader.
     */
    private static String missingRouteHint(AmpenetOperation op) {
        if (op == AmpenetOperation.SMS_CAMPAIGN || op == AmpenetOperation.CAMPAIGNS_GET) {
            return "this server has no campaign routes: sms/campaign needs API v3.7 or later, campaigns/get a late v3.8 build"
                    + " or later";
        }
        return "the server has no route for " + op.method() + " " + op.path() + ": check that baseUrl ends in /api/v3";
    }

    /**
     * An answer that is not the JSON envelope at all (HTML page, redirect, empty or truncated body). Definite only
     * where it provably comes before the application acted: a refused token (401) and a redirect (the web server's,
     * for a wrong base URL). For a write, anything else is an unknown outcome: PHP prints warnings before the JSON
     * of a call it carried out, and a 5xx may come after the database was written.
     */
    public static AmpenetException fromUnreadable(AmpenetOperation op, int httpStatus, String contentType) {
        String what = "HTTP " + httpStatus + " with " + (contentType == null || contentType.isEmpty() ? "no content type" : contentType)
                + " instead of the API's JSON";
        if (httpStatus == 401) {
            return new AmpenetAuthenticationException(op.uri(), httpStatus, what + " (the token was refused)");
        }
        if (httpStatus >= 300 && httpStatus < 400) {
            return new AmpenetUnexpectedResponseException(op.uri(), httpStatus, what + " (a redirect: check baseUrl, without a trailing slash)");
        }
        if (!op.isRead()) {
            return new AmpenetUnknownOutcomeException(op.uri(), httpStatus, what + "; the server may have acted, so this is"
                    + " not repeated", null);
        }
        return new AmpenetUnexpectedResponseException(op.uri(), httpStatus, what);
    }
}
