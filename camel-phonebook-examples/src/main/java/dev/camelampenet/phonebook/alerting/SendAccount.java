package dev.camelampenet.phonebook.alerting;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.camelampenet.ampenet.AmpenetConstants;
import dev.camelampenet.ampenet.error.AmpenetException;
import dev.camelampenet.ampenet.error.AmpenetPartialSendException;
import dev.camelampenet.ampenet.error.AmpenetUnknownOutcomeException;
import dev.camelampenet.ampenet.model.RejectedRecipient;
import dev.camelampenet.ampenet.model.SendResult;
import dev.camelampenet.ampenet.model.SmsMessage;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Where every recipient of one {@code ampenet:sms/send} exchange ended, read from the component's accounting: the
 * {@link SendResult} (the body on success, {@link AmpenetException#getSendResult()} on failure) or, when a failure
 * carries none, its {@code CamelAmpenet*Recipients} headers. Every number given is in exactly one of
 * {@link #sent}, {@link #rejected}, {@link #uncertain} and {@link #unsent}. One the accounting does not name is sent
 * when the call ended normally and refused only named numbers, and otherwise uncertain, since it may have gone out.
 */
final class SendAccount {

    /** number to uid (null when the API gave none, as for a scheduled send) */
    final Map<String, String> sent = new LinkedHashMap<>();
    /** number to the API's reason */
    final Map<String, String> rejected = new LinkedHashMap<>();
    final Set<String> uncertain = new LinkedHashSet<>();
    final Set<String> unsent = new LinkedHashSet<>();
    /** The call's failure (for a part-way failure, the failure of the call that stopped it); null when it ended normally. */
    String error;
    /** Nothing speaks against sending {@link #unsent} again (see {@link CallReport#retryUnsent()}). */
    final boolean retryUnsent;
    /** Why {@link #uncertain} are: the call's failure, or an answer that did not account for them. */
    String uncertainReason;

    private SendAccount(String error, boolean retryUnsent) {
        this.error = error;
        this.retryUnsent = retryUnsent;
    }

    /**
     * @param call the exchange after {@code .to("ampenet:sms/send")} inside a doTry: its failure is the caught exception
     * @param numbers the normalised numbers the call was given
     */
    static SendAccount of(Exchange call, Collection<String> numbers) {
        Throwable failure = call.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure == null) {
            failure = call.getException();
        }
        AmpenetException error = ampenetCause(failure);
        // the failure of the call that stopped the send, not the wrapper that accounts for the whole send
        AmpenetException stop = error instanceof AmpenetPartialSendException && ampenetCause(error.getCause()) != null
                ? ampenetCause(error.getCause()) : error;
        SendAccount account;
        if (failure == null) {
            account = new SendAccount(null, true);
        } else if (error == null) {
            account = new SendAccount("unexpected error during the call: " + failure, false);
        } else {
            account = new SendAccount(stop.getApiMessage(), stop.isSafeToRetry() || stop instanceof AmpenetUnknownOutcomeException);
        }
        SendResult result = failure == null ? call.getMessage().getBody(SendResult.class) : error != null ? error.getSendResult() : null;
        if (result != null) {
            account.read(result);
        } else if (failure != null && error != null) {
            account.readHeaders(call.getMessage(), numbers, stop);
        }
        String unaccounted = failure == null ? "the API's answer did not say what became of it"
                : account.error != null ? account.error : String.valueOf(failure);
        // A call that ended normally sent every number it did not refuse (a scheduled send answers without uids),
        // unless the API refused some without saying which: then the unnamed ones cannot be told from the sent.
        boolean acceptedTheRest = failure == null && (result == null || result.rejected().stream().allMatch(r -> r.number() != null));
        for (String n : numbers) {
            if (!account.sent.containsKey(n) && !account.rejected.containsKey(n) && !account.unsent.contains(n)
                    && !account.uncertain.contains(n)) {
                if (acceptedTheRest) {
                    account.sent.put(n, null);
                } else {
                    account.uncertain.add(n); // may have gone out: never sent again
                }
            }
        }
        account.uncertainReason = account.uncertain.isEmpty() ? null : unaccounted;
        if (account.error != null && (!account.sent.isEmpty() || !account.uncertain.isEmpty())) {
            // the component says so of the one call that failed (connection refused); the send as a whole did send
            account.error = account.error.replace("nothing was sent", "that call sent nothing");
        }
        return account;
    }

    private void read(SendResult result) {
        Map<String, String> uids = new HashMap<>();
        for (SmsMessage m : result.messages()) {
            uids.put(m.to(), m.uid());
        }
        for (String n : result.sent()) {
            sent.put(n, uids.get(n));
        }
        for (RejectedRecipient r : result.rejected()) {
            if (r.number() != null) {
                rejected.put(r.number(), r.reason());
            }
        }
        unsent.addAll(result.unsent());
        uncertain.addAll(result.uncertain());
    }

    /** A failure without a SendResult: the headers, and what the failure's kind says about the rest. */
    @SuppressWarnings("unchecked")
    private void readHeaders(Message message, Collection<String> numbers, AmpenetException stop) {
        for (Object r : message.getHeader(AmpenetConstants.REJECTED_RECIPIENTS, List.of(), List.class)) {
            if (r instanceof RejectedRecipient rr && rr.number() != null) {
                rejected.put(rr.number(), rr.reason());
            }
        }
        List<String> unsentHeader = message.getHeader(AmpenetConstants.UNSENT_RECIPIENTS, List.class);
        List<String> uncertainHeader = message.getHeader(AmpenetConstants.UNCERTAIN_RECIPIENTS, List.class);
        if (unsentHeader != null || uncertainHeader != null) {
            if (unsentHeader != null) {
                unsent.addAll(unsentHeader);
            }
            if (uncertainHeader != null) {
                uncertain.addAll(uncertainHeader);
            }
            return; // the others, sent without a uid-to-number account, stay uncertain
        }
        List<String> uids = message.getHeader(AmpenetConstants.MESSAGE_IDS, List.of(), List.class);
        if (!uids.isEmpty() || stop instanceof AmpenetUnknownOutcomeException) {
            return; // something went out and we cannot tell to whom: all uncertain
        }
        // no call went out, or the API refused it for good: nothing was sent
        for (String n : numbers) {
            if (!rejected.containsKey(n)) {
                unsent.add(n);
            }
        }
    }

    /** This account restricted to one alert's numbers, for its A record in the send ledger. */
    SendLedger.CallRecord record(Collection<String> numbers) {
        Map<String, String> s = new LinkedHashMap<>();
        Map<String, String> r = new LinkedHashMap<>();
        List<String> u = new ArrayList<>();
        for (String n : numbers) {
            if (sent.containsKey(n)) {
                s.put(n, sent.get(n));
            } else if (rejected.containsKey(n)) {
                r.put(n, rejected.get(n));
            } else if (uncertain.contains(n)) {
                u.add(n);
            }
        }
        return new SendLedger.CallRecord(s, r, u, u.isEmpty() ? null : uncertainReason);
    }

    /** "100 sent, 0 rejected, 100 unsent, 100 uncertain", for the batch's log line. */
    String summary() {
        return sent.size() + " sent, " + rejected.size() + " rejected, " + unsent.size() + " unsent, " + uncertain.size() + " uncertain";
    }

    static AmpenetException ampenetCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof AmpenetException a) {
                return a;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }
}
