package dev.camelampenet.ampenet.error;

import dev.camelampenet.ampenet.AmpenetOperation;

/**
 * Turns the API's error answers into typed exceptions. The API reports most errors as HTTP 200 with
 * {@code "status":"error"} and uses status codes inconsistently (spec sections 4 and 8), so the decision rests on
 * the message text first and the status code second.
 */
public final class ErrorClassifier {

    private ErrorClassifier() {
    }

    /** An error envelope ({@code "status":"error"}) with its message. */
    public static AmpenetException fromEnvelope(AmpenetOperation op, int httpStatus, String message) {
        String m = message == null ? "" : message;
        String name = op.uri();
        if (m.equals("Unauthenticated.") || m.equals("These credentials do not match our records.")) {
            return new AmpenetAuthenticationException(name, httpStatus, m);
        }
        if (m.equals("Too Many Attempts.")) {
            return new AmpenetRateLimitedException(name, httpStatus, m);
        }
        if (m.equals("You do not have permission to access API") || m.equals("This action is unauthorized.")
                || m.startsWith("Sorry, but you do not have permissions")) {
            return new AmpenetPermissionException(name, httpStatus, m);
        }
        if (m.startsWith("No query results for model") || m.startsWith("Sorry, but the page you were trying to view does not exist")
                || m.equals("SMS Info not found") || m.equals("locale.campaign.invalid_group")) {
            return new AmpenetNotFoundException(name, httpStatus, m);
        }
        if ((m.startsWith("The route ") && m.endsWith(" could not be found.")) || m.contains(" method is not supported for route ")) {
            return new AmpenetMissingRouteException(name, httpStatus, m, missingRouteHint(op));
        }
        if (m.startsWith("There is not enough balance available") || m.equals("You have exceeded your sending limit.")) {
            return new AmpenetInsufficientBalanceException(name, httpStatus, m);
        }
        if (m.contains("has already been taken") || m.startsWith("You have already subscribed to")
                || m.endsWith("already available as your contact group.")) {
            return new AmpenetDuplicateException(name, httpStatus, m);
        }
        boolean sending = op == AmpenetOperation.SMS_SEND || op == AmpenetOperation.SMS_CAMPAIGN;
        if (sending && isRecipientRefusal(m)) {
            return new AmpenetRecipientRejectedException(name, httpStatus, m);
        }
        if (m.contains(" field is required.") || m.contains(" must be a number.") || m.contains(" is a invalid phone number")
                || m.equals("This phone was blacklisted") || m.startsWith("Please insert valid sms type")
                || m.startsWith("Invalid SMS type") || m.startsWith("Language and gender") || m.contains("media_url")
                || m.startsWith("Valid media url") || m.startsWith("Originator ") || httpStatus == 422) {
            return new AmpenetValidationException(name, httpStatus, m);
        }
        return new AmpenetException(name, httpStatus, m);
    }

    /**
     * Why a route the component calls may be missing. Campaign routes arrived late (spec section 5: sms/campaign in
     * v3.7, campaign view in late v3.8 builds), so on a v3.1 server they are absent and POST /sms/campaign even
     * matches GET sms/{uid}, whose "method is not supported" text would otherwise puzzle the reader.
     */
    private static String missingRouteHint(AmpenetOperation op) {
        if (op == AmpenetOperation.SMS_CAMPAIGN || op == AmpenetOperation.CAMPAIGNS_GET) {
            return "this server has no campaign routes: sms/campaign needs API v3.7 or later, campaigns/get a late v3.8 build"
                    + " or later";
        }
        return "the server has no route for " + op.method() + " " + op.path() + ": check that baseUrl ends in /api/v3";
    }

    /** The per-recipient refusals of the send path (spec section 8). */
    public static boolean isRecipientRefusal(String message) {
        return message.contains(" is a invalid phone number")
                || message.startsWith("Permission to send an SMS has not been enabled for the region")
                || message.equals("Number contains in the blacklist")
                || message.startsWith("You cannot send more than 100 SMS")
                || message.startsWith("Valid phone number not found")
                || message.equals("Phone numbers required");
    }

    /** An answer that is not the JSON envelope at all (HTML page, redirect, empty body). */
    public static AmpenetException fromUnreadable(AmpenetOperation op, int httpStatus, String contentType) {
        String what = "HTTP " + httpStatus + " with " + (contentType == null || contentType.isEmpty() ? "no content type" : contentType)
                + " instead of the API's JSON";
        if (httpStatus == 401) {
            return new AmpenetAuthenticationException(op.uri(), httpStatus, what + " (the token was refused)");
        }
        if (httpStatus >= 300 && httpStatus < 400) {
            return new AmpenetUnexpectedResponseException(op.uri(), httpStatus, what + " (a redirect: check baseUrl, without a trailing slash)");
        }
        return new AmpenetUnexpectedResponseException(op.uri(), httpStatus, what);
    }
}
