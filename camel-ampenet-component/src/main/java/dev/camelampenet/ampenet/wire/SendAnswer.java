package dev.camelampenet.ampenet.wire;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import dev.camelampenet.ampenet.model.RejectedRecipient;
import dev.camelampenet.ampenet.model.SmsMessage;

/**
 * What one sms/send call's answer says about each of its recipients (docs/ampenet-api.md §6.5): accepted with a
 * message, refused with the server's reason, or, where the answer cannot tell, uncertain.
 */
public final class SendAnswer {

    private final List<SmsMessage> messages = new ArrayList<>();
    private final List<String> sent = new ArrayList<>();
    private final List<RejectedRecipient> refused = new ArrayList<>();
    private final List<String> uncertain = new ArrayList<>();
    private String note;

    private SendAnswer() {
    }

    /**
     * A success answer: one message (single recipient), an array (bulk: refused numbers are absent and their
     * reasons joined in the message), or null (a scheduled send, or v3.1's campaign path: accepted without uids).
     */
    public static SendAnswer accepted(String message, JsonNode data, List<String> recipients) {
        SendAnswer answer = new SendAnswer();
        if (data == null || data.isNull() || data.isMissingNode()) {
            answer.acceptedWithoutUids(message, recipients);
            return answer;
        }
        if (data.isArray()) {
            data.forEach(row -> answer.messages.add(WireMapper.message(row)));
        } else {
            answer.messages.add(WireMapper.message(data));
        }
        Set<String> delivered = new HashSet<>();
        answer.messages.forEach(m -> delivered.add(m.to()));
        List<String> missing = new ArrayList<>();
        for (String number : recipients) {
            if (delivered.contains(number)) {
                answer.sent.add(number);
            } else {
                missing.add(number);
            }
        }
        answer.refuse(missing, message);
        return answer;
    }

    /** An error answer that refused the call's recipients (invalid, blacklisted, region, balance): none was sent. */
    public static SendAnswer refused(String message, List<String> recipients) {
        SendAnswer answer = new SendAnswer();
        answer.refuse(recipients, message);
        return answer;
    }

    /**
     * Records the numbers the server refused, each with its own reason. The bulk path joins one refusal per refused
     * number with spaces, in the order the numbers were sent; some name their number, some (blacklist, balance) do
     * not. When the message splits into exactly one known refusal per number, they are paired in order; otherwise
     * each number gets the refusal that names it, or the whole message.
     */
    private void refuse(List<String> numbers, String message) {
        if (numbers.isEmpty()) {
            return;
        }
        List<String> reasons = ServerMessages.refusals(message);
        boolean paired = reasons.size() == numbers.size();
        for (int i = 0; paired && i < numbers.size(); i++) {
            String named = ServerMessages.numberNamedIn(reasons.get(i));
            paired = named == null || numbers.get(i).equals(named);
        }
        for (int i = 0; i < numbers.size(); i++) {
            String number = numbers.get(i);
            refused.add(new RejectedRecipient(number, number, paired ? reasons.get(i) : ServerMessages.reasonFor(number, message)));
        }
    }

    /**
     * Accepted without uids. Refusals that name their number (invalid, region) are attributed to it. Refusals that
     * do not (balance, blacklist) leave the server's answer unable to say which of the others went out: those are
     * uncertain, with the server's message as the note.
     */
    private void acceptedWithoutUids(String message, List<String> recipients) {
        List<String> reasons = message == null ? List.of() : ServerMessages.refusals(message);
        Set<String> named = new HashSet<>();
        int unnamed = 0;
        for (String reason : reasons) {
            String number = ServerMessages.numberNamedIn(reason);
            if (number != null && recipients.contains(number) && named.add(number)) {
                refused.add(new RejectedRecipient(number, number, reason));
            } else {
                unnamed++;
            }
        }
        for (String number : recipients) {
            if (!named.contains(number)) {
                (unnamed > 0 ? uncertain : sent).add(number);
            }
        }
        if (unnamed > 0) {
            note = unnamed + " recipient(s) refused without a number (" + message + "): the server did not say which";
        }
    }

    public List<SmsMessage> messages() {
        return messages;
    }

    public List<String> sent() {
        return sent;
    }

    public List<RejectedRecipient> refused() {
        return refused;
    }

    public List<String> uncertain() {
        return uncertain;
    }

    /** Why some recipients are uncertain although the call was answered, or null. */
    public String note() {
        return note;
    }
}
