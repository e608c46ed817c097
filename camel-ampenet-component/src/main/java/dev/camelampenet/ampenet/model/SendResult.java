package dev.camelampenet.ampenet.model;

import java.util.List;

/**
 * The outcome of one {@code ampenet:sms/send} exchange, over every call it needed (100 recipients per call).
 *
 * @param messages one per recipient the API accepted, with its uid (empty when the API scheduled the messages or,
 *                 on v3.1 servers, queued them as a campaign: it returns no uids then)
 * @param rejected the recipients not messaged, with the reason
 * @param accepted how many recipients the API accepted (equals messages' size unless it returned no uids)
 * @param encoding GSM_7 or UCS_2
 * @param segments parts per recipient
 * @param scheduled true when sent with a schedule time
 * @param calls how many API calls the exchange made
 */
public record SendResult(List<SmsMessage> messages, List<RejectedRecipient> rejected, int accepted, String encoding,
                         int segments, boolean scheduled, int calls) {
}
