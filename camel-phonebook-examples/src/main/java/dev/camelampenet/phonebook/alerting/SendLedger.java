package dev.camelampenet.phonebook.alerting;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The flow's memory of what it sent, recipient by recipient, so a redelivered alert never sends anyone the same SMS
 * twice: written <em>before</em> a call ({@code S}: these recipients of these alerts are being sent), <em>after</em>
 * it ({@code A}: where each of them ended) and when an alert is settled ({@code R}: its outcome). A recipient whose
 * last record is {@code S} was in a call that never recorded its end: it may have been sent, so it is never resent
 * blindly.
 * <p>
 * Two backends keep the same contract ({@code SendLedgerContract} in the tests):
 * <ul>
 * <li>{@link FileSendLedger}, the embedded default: an append-only file for one instance;</li>
 * <li>{@link PostgresSendLedger}: tables in the shared PostgreSQL store, for several active instances.</li>
 * </ul>
 * The {@code S} writes are <em>claims</em>: each answers which of the recipients asked for it now holds, and a
 * recipient that is already in a call, sent, refused or uncertain (or an alert settled) is never claimed again. The
 * flow sends only what it claimed, so two instances, or two copies of one alert, can never both send one recipient.
 */
public interface SendLedger extends Closeable {

    /** Where one recipient of an alert stands. No record: never part of a call that went out. */
    enum Standing { SENDING, SENT, REJECTED, UNCERTAIN }

    /**
     * @param detail the message uid for SENT (null when the API gave none), the reason for REJECTED and UNCERTAIN,
     *               the batch for SENDING
     */
    record Recipient(Standing standing, String detail) {
    }

    /**
     * What the ledger knows about one alert.
     *
     * @param outcome the settled outcome (R record), null while the alert is open
     * @param recipients where each recipient stands, by normalised number
     * @param wholeAlertSending a call that names no numbers (a campaign, or the earlier format) was under way and
     *                          never ended
     */
    record Entry(String alertId, AlertOutcome outcome, AlertResult result, String batchId, long time,
                 Map<String, Recipient> recipients, boolean wholeAlertSending) {

        public Entry {
            recipients = Map.copyOf(recipients);
        }

        /** A call for this alert started and never recorded its end: the process died during it. */
        public boolean sending() {
            return (outcome == null || outcome == AlertOutcome.RETRY)
                    && (wholeAlertSending || recipients.values().stream().anyMatch(r -> r.standing() == Standing.SENDING));
        }

        /** Settled for good: sent, failed, uncertain or invalid (RETRY, from the earlier format, is not). */
        public boolean settled() {
            return outcome != null && outcome != AlertOutcome.RETRY;
        }

        public Recipient recipient(String number) {
            return recipients.get(number);
        }

        /**
         * Whether a recipient of this alert may be claimed for a call now: the alert is not settled, no whole-alert
         * call is open, and the number has no record (it was never in a call that went out).
         */
        boolean claimable(String number) {
            return !settled() && !wholeAlertSending && !recipients.containsKey(number);
        }

        /** Whether a whole-alert call (a campaign) may be claimed: not settled and no call of it is open. */
        boolean claimableWhole() {
            return !settled() && !sending();
        }

        Entry withRecipients(Map<String, Recipient> newRecipients, boolean whole, String batch, long at) {
            return new Entry(alertId, outcome, result, batch, at, newRecipients, whole);
        }
    }

    /**
     * Where the recipients of one alert in one call ended; a recipient of the call not named here never went out.
     *
     * @param sent number to uid (null when the API gave none)
     * @param rejected number to reason
     * @param uncertain numbers that may have been sent
     * @param uncertainReason why they are uncertain
     */
    record CallRecord(Map<String, String> sent, Map<String, String> rejected, List<String> uncertain,
                      String uncertainReason) {

        public CallRecord {
            sent = new LinkedHashMap<>(sent);
            rejected = new LinkedHashMap<>(rejected);
            uncertain = List.copyOf(uncertain);
        }

        public static CallRecord uncertain(Collection<String> numbers, String reason) {
            return new CallRecord(Map.of(), Map.of(), List.copyOf(numbers), reason);
        }
    }

    /** The file ledger at this path (the embedded default), created if missing. */
    static SendLedger open(Path path) throws IOException {
        return FileSendLedger.open(path);
    }

    /** The last records of this alert, or null when the flow never tried to send it. */
    Entry lookup(String alertId);

    /**
     * Before an sms/send call, the claim ({@code S}): these recipients of these alerts are about to be sent. Atomic:
     * of the numbers asked for, those this call may send (no record yet, alert not settled) are marked SENDING with
     * this batch and returned; the others are left as they are. Durable when this returns.
     *
     * @return per alert id, the numbers this call claimed (alerts with none claimed are absent)
     */
    Map<String, List<String>> sendingRecipients(String batchId, Map<String, ? extends Collection<String>> numbersByAlert)
            throws IOException;

    /**
     * Before a call of whole alerts (a campaign), the claim: these alerts are about to be sent. Atomic: an alert is
     * claimed only when it is not settled and no call of it is open. Durable when this returns.
     *
     * @return the alert ids claimed
     */
    Set<String> sending(String batchId, Collection<String> alertIds) throws IOException;

    /**
     * After an sms/send call ({@code A}): where each alert's recipients in it ended; the call's recipients not named
     * are open again. Also how a later delivery marks the recipients of a call that never ended as uncertain.
     * Durable when this returns.
     */
    void called(String batchId, Map<String, CallRecord> records) throws IOException;

    /** When an alert is settled, or a campaign call ended ({@code R}): its outcome. Durable when this returns. */
    void results(Map<String, AlertResult> results) throws IOException;

    /** How many alerts the ledger knows as settled, by outcome. */
    Map<AlertOutcome, Long> counts();

    /** Every alert the ledger knows (tests, tools: the file ledger holds them in memory, the database reads them). */
    Collection<Entry> entries();

    /** Where the ledger is, for log lines: a file path, or the store's URL (never a password). */
    String location();
}
