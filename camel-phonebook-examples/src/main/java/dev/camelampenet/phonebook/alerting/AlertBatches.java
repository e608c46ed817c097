package dev.camelampenet.phonebook.alerting;

import java.io.IOException;
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
    /** Exchange variable: the batch's id in the send ledger. */
    static final String BATCH_ID = "alertBatchId";

    private final SendLedger ledger;
    private final AlertStats stats;
    private final AtomicLong batches = new AtomicLong();

    public AlertBatches(SendLedger ledger, AlertStats stats) {
        this.ledger = ledger;
        this.stats = stats;
    }

    /** Before the call: the S record, then the call's inputs. Body: the batch's alerts, same text, sender and schedule. */
    public void prepare(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<Alert> alerts = exchange.getMessage().getBody(List.class);
        String batchId = "b" + Long.toString(System.currentTimeMillis(), 36) + "-" + batches.incrementAndGet();
        Map<String, List<String>> numbers = new LinkedHashMap<>();
        alerts.forEach(a -> numbers.put(a.id(), a.numbers()));
        try {
            ledger.sendingRecipients(batchId, numbers);
        } catch (IOException e) {
            // before the call: the alerts roll back and nobody got anything
            throw new AlertRetryException("the send ledger cannot be written (" + e.getMessage() + "); nothing was sent");
        }
        exchange.setVariable(BATCH, alerts);
        exchange.setVariable(BATCH_ID, batchId);
        Alert first = alerts.get(0);
        Message m = exchange.getMessage();
        m.setBody(first.text());
        // the numbers are normalised by the parser already: the component's own normalisation leaves them as they are
        m.setHeader(AmpenetConstants.RECIPIENTS, alerts.stream().flatMap(a -> a.numbers().stream()).collect(Collectors.toList()));
        if (first.senderId() != null) {
            m.setHeader(AmpenetConstants.SENDER_ID, first.senderId());
        }
        if (first.scheduleAt() != null) {
            m.setHeader(AmpenetConstants.SCHEDULE_TIME, first.scheduleAt());
        }
        stats.sendCall();
    }

    /** After the call, whatever it did: A records per alert; body: one {@link CallReport} per alert id. */
    public Map<String, CallReport> account(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<Alert> alerts = exchange.getVariable(BATCH, List.class);
        String batchId = exchange.getVariable(BATCH_ID, String.class);
        List<String> numbers = alerts.stream().flatMap(a -> a.numbers().stream()).collect(Collectors.toList());
        SendAccount account = SendAccount.of(exchange, numbers);
        Map<String, SendLedger.CallRecord> records = new LinkedHashMap<>();
        Map<String, CallReport> reports = new LinkedHashMap<>();
        CallReport report = new CallReport(account.error, account.retryUnsent);
        for (Alert a : alerts) {
            records.put(a.id(), account.record(a.numbers()));
            reports.put(a.id(), report);
        }
        try {
            ledger.called(batchId, records);
        } catch (IOException e) {
            // the S record stands: these recipients count as uncertain, now and after a crash, never as unsent
            LOG.error("Cannot write the outcome of batch {} to the send ledger {}", batchId, ledger.path(), e);
        }
        LOG.info("sms/send {}: {} alert(s), {} recipient(s): {}{}", batchId, alerts.size(), numbers.size(), account.summary(),
                account.error == null ? "" : " (" + account.error + ")");
        exchange.getMessage().removeHeaders("CamelAmpenet*");
        return reports;
    }
}
