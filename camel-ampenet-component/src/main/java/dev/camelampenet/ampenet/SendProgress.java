package dev.camelampenet.ampenet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.camelampenet.ampenet.model.RejectedRecipient;
import dev.camelampenet.ampenet.model.SendResult;
import dev.camelampenet.ampenet.model.SmsMessage;
import dev.camelampenet.ampenet.sms.SmsRequest;
import dev.camelampenet.ampenet.wire.SendAnswer;
import org.apache.camel.Exchange;

/**
 * What one sms/send exchange has done so far, over all its attempts: which recipients were sent, refused or left
 * uncertain. Kept in an exchange property because Camel's error handler copies the original message back before a
 * redelivery (the headers of the failed attempt are gone) while properties survive; a redelivery then sends only the
 * recipients no earlier attempt settled. It is used only for a redelivery of the same request (same endpoint, text,
 * recipients, sender, type and schedule), so a route that sends twice on purpose, or changes the message before
 * retrying, starts afresh.
 */
final class SendProgress implements RedeliveryProgress.Keyed {

    static final String PROPERTY = "CamelAmpenetSendProgress";

    private final String fingerprint;
    private final List<SmsMessage> messages = new ArrayList<>();
    private final Set<String> sent = new LinkedHashSet<>();
    private final Map<String, RejectedRecipient> refused = new LinkedHashMap<>();
    private final Set<String> uncertain = new LinkedHashSet<>();
    private int calls;
    /** The HTTP status of the last answer that refused recipients (the API says 200 or 403 for the same refusal). */
    private int refusalStatus;
    private final List<String> notes = new ArrayList<>();

    private SendProgress(String fingerprint) {
        this.fingerprint = fingerprint;
    }

    /** The progress of earlier attempts when this is a redelivery of the same request, else a fresh one. */
    static SendProgress of(Exchange exchange, boolean redelivery, String endpointKey, SmsRequest request, List<String> numbers) {
        return RedeliveryProgress.of(exchange, PROPERTY, SendProgress.class, redelivery,
                RequestFingerprint.of(endpointKey, request, numbers), SendProgress::new);
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    /** The numbers no attempt has settled yet: never sent, refused or caught in an uncertain call. */
    List<String> pending(List<String> numbers) {
        List<String> out = new ArrayList<>();
        for (String n : numbers) {
            if (!sent.contains(n) && !refused.containsKey(n) && !uncertain.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }

    void called() {
        calls++;
    }

    void record(SendAnswer answer, int httpStatus) {
        if (!answer.refused().isEmpty()) {
            refusalStatus = httpStatus;
        }
        if (answer.note() != null) {
            notes.add(answer.note());
        }
        messages.addAll(answer.messages());
        sent.addAll(answer.sent());
        answer.refused().forEach(r -> refused.put(r.number(), r));
        uncertain.addAll(answer.uncertain());
    }

    void uncertain(List<String> numbers, String why) {
        uncertain.addAll(numbers);
        notes.add(numbers.size() + " recipient(s) in a call without a usable answer: " + why);
    }

    int refusalStatus() {
        return refusalStatus;
    }

    /** Why recipients are uncertain, over all attempts. */
    String notes() {
        return String.join("; ", notes);
    }

    int accepted() {
        return sent.size();
    }

    boolean anyRefused() {
        return !refused.isEmpty();
    }

    /** Whether any recipient was sent or may have been: then a failure is partial, not "nothing happened". */
    boolean anythingWentOut() {
        return !sent.isEmpty() || !uncertain.isEmpty();
    }

    /** Every recipient in one of the four places, in the order given; invalid ones first among the rejected. */
    SendResult result(List<String> numbers, List<RejectedRecipient> invalid, SmsRequest request) {
        List<RejectedRecipient> rejected = new ArrayList<>(invalid);
        List<String> unsent = new ArrayList<>();
        List<String> sentInOrder = new ArrayList<>();
        List<String> uncertainInOrder = new ArrayList<>();
        for (String n : numbers) {
            if (sent.contains(n)) {
                sentInOrder.add(n);
            } else if (refused.containsKey(n)) {
                rejected.add(refused.get(n));
            } else if (uncertain.contains(n)) {
                uncertainInOrder.add(n);
            } else {
                unsent.add(n);
            }
        }
        return new SendResult(messages, sentInOrder, rejected, unsent, uncertainInOrder, request.analysed().encoding().name(),
                request.analysed().segments(), request.isScheduled(), calls);
    }
}
