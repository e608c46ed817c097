package dev.camelampenet.ampenet.sms;

/**
 * What sms/send and sms/campaign send besides their recipients, checked and resolved: the text the server will
 * count, the type it needs, the sender id and the schedule time in the API's form and the account's timezone.
 *
 * @param analysed the analysed text (encoding, segments)
 * @param type the SMS type to send (plain forced to unicode when the text needs UCS-2)
 * @param senderId the sender id, or null for the account's default
 * @param scheduleTime {@code Y-m-d H:i} in the account's timezone, or null to send now
 */
public record SmsRequest(SmsText analysed, String type, String senderId, String scheduleTime) {

    public String text() {
        return analysed.text();
    }

    public boolean isScheduled() {
        return scheduleTime != null;
    }
}
