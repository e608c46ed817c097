package dev.camelampenet.phonebook.alerting;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the flow did since it started, counted when an alert's transaction completes: the demo's summary and the
 * progress lines read it. The send ledger, not these counters, is the record that survives a restart.
 */
public final class AlertStats {

    private final Map<AlertOutcome, AtomicLong> outcomes = new EnumMap<>(AlertOutcome.class);
    private final AtomicLong alreadySent = new AtomicLong();
    private final AtomicLong redeliveries = new AtomicLong();
    private final AtomicLong sendCalls = new AtomicLong();
    private final AtomicLong campaignCalls = new AtomicLong();

    public AlertStats() {
        for (AlertOutcome o : AlertOutcome.values()) {
            outcomes.put(o, new AtomicLong());
        }
    }

    void settled(AlertOutcome outcome) {
        outcomes.get(outcome).incrementAndGet();
    }

    void alreadySent() {
        alreadySent.incrementAndGet();
    }

    void rolledBack() {
        redeliveries.incrementAndGet();
    }

    void sendCall() {
        sendCalls.incrementAndGet();
    }

    void campaignCall() {
        campaignCalls.incrementAndGet();
    }

    /** Alerts settled with this outcome (RETRY counts nothing: those alerts come back). */
    public long count(AlertOutcome outcome) {
        return outcomes.get(outcome).get();
    }

    /** Alerts settled in any place. */
    public long settled() {
        return count(AlertOutcome.SENT) + count(AlertOutcome.FAILED) + count(AlertOutcome.UNCERTAIN) + count(AlertOutcome.INVALID);
    }

    /** Redelivered alerts the ledger showed as sent already: consumed without a second SMS. */
    public long alreadySentCount() {
        return alreadySent.get();
    }

    /** Transactions rolled back for a redelivery (rate limited, API unreachable). */
    public long rollbacks() {
        return redeliveries.get();
    }

    /** sms/send calls made. */
    public long sendCalls() {
        return sendCalls.get();
    }

    /** sms/campaign calls made. */
    public long campaignCalls() {
        return campaignCalls.get();
    }

    @Override
    public String toString() {
        return settled() + " alerts = " + count(AlertOutcome.SENT) + " sent + " + count(AlertOutcome.UNCERTAIN) + " uncertain + "
                + count(AlertOutcome.FAILED) + " failed + " + count(AlertOutcome.INVALID) + " invalid";
    }
}
