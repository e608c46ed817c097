package dev.camelampenet.phonebook.alerting;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import dev.camelampenet.ampenet.AmpenetConstants;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decisions of the route {@code sms-alert-batch}, around its {@code ampenet:sms/send}:
 * {@link #prepare} records in the send ledger which recipients of which alerts are about to go and sets the call's
 * text, recipients, sender and schedule; {@link #account} reads the component's accounting, maps each recipient back
 * to its alert by number, records that in the ledger, and answers one {@link CallReport} per alert for the coalescer.
 */
public final class AlertBatches {

    private static final Logger LOG = LoggerFactory.getLogger(AlertBatches.class);
    /** Exchange variable: the batch's alerts (the original body). */
    static final String BATCH = "alertBatch";
    /** Exchange variable: the batch's alerts restricted to the recipients its claim holds (those the call carries). */
    static final String CALLING = "alertBatchCalling";
    /** Exchange variable: true when the claim holds anyone, so the call goes out. */
    static final String CLAIMED = "alertBatchClaimed";
    /** Exchange variable: the batch's id in the send ledger. */
    static final String BATCH_ID = "alertBatchId";

    private final SendLedger ledger;
    private final AlertStats stats;
    private final AtomicLong batches = new AtomicLong();

    public AlertBatches(SendLedger ledger, AlertStats stats) {
        this.ledger = ledger;
        this.stats = stats;
    }

    /**
     * Before the call: the claim (S record), then the call's inputs. Body: the batch's alerts, same text, sender and
     * schedule. Only the recipients the claim gave this batch go out: one already in another call (an instance that
     * took a copy of the same alert id), sent or settled is left to its record. Variable {@link #CLAIMED}: whether
     * anyone is left to call.
     */
    public void prepare(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<Alert> alerts = exchange.getMessage().getBody(List.class);
        String batchId = "b" + Long.toString(System.currentTimeMillis(), 36) + "-" + batches.incrementAndGet();
        Map<String, List<String>> numbers = new LinkedHashMap<>();
        alerts.forEach(a -> numbers.put(a.id(), a.numbers()));
        Map<String, List<String>> claimed;
        try {
            claimed = ledger.sendingRecipients(batchId, numbers);
        } catch (IOException e) {
            // before the call: the alerts roll back and nobody got anything
            throw new AlertRetryException("the send ledger cannot be written (" + e.getMessage() + "); nothing was sent");
        }
        List<Alert> calling = new ArrayList<>();
        for (Alert a : alerts) {
            List<String> mine = claimed.getOrDefault(a.id(), List.of());
            if (mine.size() < a.numbers().size()) {
                LOG.warn("Alert {}: {} of its {} recipient(s) are held by another call or settled in the send ledger;"
                        + " this batch does not send them", a.id(), a.numbers().size() - mine.size(), a.numbers().size());
            }
            if (!mine.isEmpty()) {
                calling.add(mine.size() == a.numbers().size() ? a : a.withNumbers(mine));
            }
        }
        exchange.setVariable(BATCH, alerts);
        exchange.setVariable(CALLING, calling);
        exchange.setVariable(BATCH_ID, batchId);
        exchange.setVariable(CLAIMED, !calling.isEmpty());
        Alert first = alerts.get(0);
        Message m = exchange.getMessage();
        m.setBody(first.text());
        // the numbers are normalised by the parser already: the component's own normalisation leaves them as they are
        m.setHeader(AmpenetConstants.RECIPIENTS, calling.stream().flatMap(a -> a.numbers().stream()).collect(Collectors.toList()));
        if (first.senderId() != null) {
            m.setHeader(AmpenetConstants.SENDER_ID, first.senderId());
        }
        if (first.scheduleAt() != null) {
            m.setHeader(AmpenetConstants.SCHEDULE_TIME, first.scheduleAt());
        }
        if (!calling.isEmpty()) {
            stats.sendCall();
        }
    }

    /** After the call, whatever it did: A records per alert; body: one {@link CallReport} per alert id. */
    public Map<String, CallReport> account(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<Alert> alerts = exchange.getVariable(BATCH, List.class);
        @SuppressWarnings("unchecked")
        List<Alert> calling = exchange.getVariable(CALLING, List.class);
        String batchId = exchange.getVariable(BATCH_ID, String.class);
        Map<String, CallReport> reports = new LinkedHashMap<>();
        if (calling.isEmpty()) {
            // no call went out: each alert is settled (or rolled back) from its recipients' records by the verdict
            alerts.forEach(a -> reports.put(a.id(), new CallReport(null, true)));
            exchange.getMessage().removeHeaders("CamelAmpenet*");
            return reports;
        }
        List<String> numbers = calling.stream().flatMap(a -> a.numbers().stream()).collect(Collectors.toList());
        SendAccount account = SendAccount.of(exchange, numbers);
        Map<String, SendLedger.CallRecord> records = new LinkedHashMap<>();
        CallReport report = new CallReport(account.error, account.retryUnsent);
        for (Alert a : calling) {
            records.put(a.id(), account.record(a.numbers()));
        }
        for (Alert a : alerts) {
            reports.put(a.id(), report);
        }
        try {
            ledger.called(batchId, records);
        } catch (IOException e) {
            // the S record stands: these recipients count as uncertain, now and after a crash, never as unsent
            LOG.error("Cannot write the outcome of batch {} to the send ledger {}", batchId, ledger.location(), e);
        }
        LOG.info("sms/send {}: {} alert(s), {} recipient(s): {}{}", batchId, calling.size(), numbers.size(), account.summary(),
                account.error == null ? "" : " (" + account.error + ")");
        exchange.getMessage().removeHeaders("CamelAmpenet*");
        return reports;
    }
}
