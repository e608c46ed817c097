package dev.camelampenet.simulator;

/**
 * A message as the simulator "sent" it: every SMS created by send or campaign, and inbound messages.
 *
 * @param encoding {@code GSM_7} or {@code UCS_2}, from the text
 * @param type the sms type it went out as (a plain text needing UCS-2 is forced to {@code unicode})
 * @param cost units debited, as a plain decimal string
 * @param status the customer status: Delivered, Failed, Scheduled, or what a delivery report set
 * @param requestId the journal id of the request that created it
 */
public record OutboxMessage(String uid, long accountId, String to, String from, String text, String type,
                            String encoding, int segments, String cost, String status, String direction,
                            String createdAt, String scheduledFor, String campaignUid, long requestId) {
}
