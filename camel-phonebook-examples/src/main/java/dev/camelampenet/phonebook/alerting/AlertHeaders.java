package dev.camelampenet.phonebook.alerting;

/**
 * The JMS message properties of the alerting flow: what a publisher may set on a plain-text alert, and what the flow
 * adds to the copies it puts on {@code sms.alerts.invalid}, {@code sms.alerts.failed} and {@code sms.alerts.uncertain}.
 * Every name is a Java identifier, as JMS requires.
 */
public final class AlertHeaders {

    // ---- in: a plain-text alert (the body is the SMS text)
    /** Recipients, separated by commas (or a JSON alert's {@code to}). */
    public static final String TO = "AlertTo";
    /** A contact group uid or name: the alert goes out as a campaign to the group. */
    public static final String GROUP = "AlertGroup";
    /** The sender id; the flow's default when absent. */
    public static final String SENDER_ID = "AlertSenderId";
    /** When to send, e.g. {@code 2026-12-20T07:00:00+03:00} or {@code 2026-12-20 07:00} (the account's time). */
    public static final String SCHEDULE_AT = "AlertScheduleAt";
    /** The alert's id, unique per alert (JMSMessageID when absent). An id already sent is never sent again. */
    public static final String ID = "AlertId";

    // ---- out: on the outcome copies (the original body and headers are kept)
    /** invalid, failed or uncertain. */
    public static final String OUTCOME = "AlertOutcome";
    /** Why an alert is on sms.alerts.invalid. */
    public static final String INVALID_REASON = "AlertInvalidReason";
    /** The API's (or the transport's) message for a failed or uncertain alert. */
    public static final String ERROR = "AmpenetError";
    /** The recipients the API refused, {@code number: reason} separated by {@code "; "}. */
    public static final String REJECTED = "AmpenetRejectedRecipients";
    /** Message uids of the recipients that did get the SMS (comma-separated), or a campaign uid. */
    public static final String MESSAGE_IDS = "AmpenetMessageIds";
    /** The recipients that did get the SMS, {@code number:uid} separated by commas (the number alone when the API gave no uid). */
    public static final String SENT = "AmpenetSentRecipients";
    /** The recipients that may have got the SMS (in a call whose outcome is unknown), separated by commas. Never resent. */
    public static final String UNCERTAIN = "AmpenetUncertainRecipients";
    /** The recipients that were never part of a call that went out, separated by commas: safe to publish again. */
    public static final String UNSENT = "AmpenetUnsentRecipients";
    /** How many times the broker delivered the alert. */
    public static final String ATTEMPTS = "AlertAttempts";

    private AlertHeaders() {
    }
}
