package dev.camelampenet.ampenet.metrics;

/**
 * The names and tags of every meter the component publishes, in one place (documented in the component doc,
 * "Observability"). Tags are low-cardinality on purpose: an operation ({@code sms/send}) and an outcome from a fixed
 * list ({@link CallOutcomes}); never a recipient, a message text, a base URL or the token.
 */
public final class MeterNames {

    /** SMS accepted by the API: one per recipient the server took (a bulk send of 3 numbers counts 3). */
    public static final String SMS_SENT = "ampenet.sms.sent";
    /** SMS parts of the accepted messages (a 2-part text to 3 numbers counts 6). */
    public static final String SMS_SEGMENTS = "ampenet.sms.segments";
    /** Units the API says it debited for the accepted messages (only where the answer carries a cost). */
    public static final String SMS_UNITS = "ampenet.sms.units";
    /** Recipients the server refused (invalid, blacklisted, no coverage, balance) or the component found invalid. */
    public static final String RECIPIENTS_REFUSED = "ampenet.sms.recipients.refused";
    /** HTTP calls to the API, every attempt counted, tagged operation and outcome. */
    public static final String CALLS = "ampenet.calls";
    /** Attempts repeated by the client (reads without an answer, calls the server did not act on). */
    public static final String RETRIES = "ampenet.retries";
    /** Calls the server refused as over its rate limit ("Too Many Attempts."). */
    public static final String THROTTLES = "ampenet.throttles";
    /** Time each call waited for its slot under the client-side rate limit (zero when it went at once). */
    public static final String PACER_WAIT = "ampenet.pacer.wait";

    public static final String TAG_OPERATION = "operation";
    public static final String TAG_OUTCOME = "outcome";

    private MeterNames() {
    }
}
