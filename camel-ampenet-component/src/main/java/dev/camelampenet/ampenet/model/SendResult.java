package dev.camelampenet.ampenet.model;

import java.util.List;

/**
 * Where every distinct recipient of one {@code ampenet:sms/send} exchange ended, over every call it needed (100
 * recipients per call) and every redelivery of the exchange. Each recipient is in exactly one of four places:
 * <ul>
 * <li>{@link #sent()}: the API accepted it (with a message in {@link #messages()} unless the API answered without
 * uids, as it does for scheduled sends);</li>
 * <li>{@link #rejected()}: invalid before any call, or refused by the API; nothing was sent to it;</li>
 * <li>{@link #unsent()}: never part of a call that went out, so sending it again cannot duplicate anything;</li>
 * <li>{@link #uncertain()}: part of a call whose outcome is unknown (no answer, or an answer the server gave after
 * it may have acted): it may have been sent, so it must never be sent again without checking.</li>
 * </ul>
 *
 * @param messages one per recipient the API accepted with a uid
 * @param sent the normalised numbers the API accepted
 * @param rejected the recipients not messaged, with the reason
 * @param unsent the normalised numbers that were never part of a call that went out
 * @param uncertain the normalised numbers in a call whose outcome is unknown
 * @param encoding GSM_7 or UCS_2
 * @param segments parts per recipient
 * @param scheduled true when sent with a schedule time
 * @param calls how many sms/send calls went out for this exchange, over all its attempts
 */
public record SendResult(List<SmsMessage> messages, List<String> sent, List<RejectedRecipient> rejected,
                         List<String> unsent, List<String> uncertain, String encoding, int segments, boolean scheduled,
                         int calls) {

    public SendResult {
        messages = List.copyOf(messages);
        sent = List.copyOf(sent);
        rejected = List.copyOf(rejected);
        unsent = List.copyOf(unsent);
        uncertain = List.copyOf(uncertain);
    }

    /** How many recipients the API accepted. */
    public int accepted() {
        return sent.size();
    }

    /** True when every recipient's fate is known: none unsent, none uncertain. */
    public boolean settled() {
        return unsent.isEmpty() && uncertain.isEmpty();
    }

    /** "3 sent, 1 rejected, 96 unsent, 0 uncertain": for log lines and exception messages. */
    public String summary() {
        return sent.size() + " sent, " + rejected.size() + " rejected, " + unsent.size() + " unsent, " + uncertain.size()
                + " uncertain";
    }
}
