package dev.camelampenet.ampenet.metrics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

import dev.camelampenet.ampenet.api.AmpenetOperation;
import dev.camelampenet.ampenet.error.AmpenetException;
import dev.camelampenet.ampenet.error.AmpenetRateLimitedException;

/**
 * What one endpoint has done, counted at the few points where the client and the SMS sender learn it: every call's
 * outcome, retries, pacer waits, and the SMS an answer accepted or refused. Kept here as plain counters (for JMX and
 * the dev console) and handed on to the component's {@link MeterSink} (Micrometer, when there is a registry), so
 * the counting rules live in one class.
 */
public final class AmpenetMetrics {

    /** Counts nothing anywhere: for a client made outside an endpoint (tests, benchmarks). */
    public static final AmpenetMetrics NONE = new AmpenetMetrics(MeterSink.NONE);

    private final MeterSink meters;
    private final LongAdder smsSent = new LongAdder();
    private final LongAdder segments = new LongAdder();
    private final DoubleAdder units = new DoubleAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder calls = new LongAdder();
    private final LongAdder failedCalls = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder throttles = new LongAdder();
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile String lastBalance;
    private volatile String accountName;
    private volatile Instant lastBalanceAt;

    public AmpenetMetrics(MeterSink meters) {
        this.meters = meters;
    }

    /** One HTTP attempt and how it ended (error null: the API answered with success). */
    public void call(AmpenetOperation op, AmpenetException error) {
        String outcome = CallOutcomes.of(error);
        calls.increment();
        meters.count(MeterNames.CALLS, 1, MeterNames.TAG_OPERATION, op.uri(), MeterNames.TAG_OUTCOME, outcome);
        if (error == null) {
            return;
        }
        failedCalls.increment();
        if (error instanceof AmpenetRateLimitedException) {
            throttles.increment();
            meters.count(MeterNames.THROTTLES, 1, MeterNames.TAG_OPERATION, op.uri());
        }
        // the exception's message names the operation, status and the API's text, never the token (contract)
        lastError = outcome + ": " + error.getMessage();
        lastErrorAt = Instant.now();
    }

    public void retry(AmpenetOperation op) {
        retries.increment();
        meters.count(MeterNames.RETRIES, 1, MeterNames.TAG_OPERATION, op.uri());
    }

    /** How long a call waited for its slot under the rate limit (recorded for every call, zero included). */
    public void pacerWait(long millis) {
        meters.time(MeterNames.PACER_WAIT, millis);
    }

    /**
     * SMS the API accepted in one answer.
     *
     * @param units the cost the answer reported, or null when it did not say (then no units are counted)
     */
    public void smsAccepted(int messages, long segmentCount, BigDecimal units) {
        if (messages > 0) {
            smsSent.add(messages);
            segments.add(segmentCount);
            meters.count(MeterNames.SMS_SENT, messages);
            meters.count(MeterNames.SMS_SEGMENTS, segmentCount);
        }
        if (units != null && units.signum() > 0) {
            this.units.add(units.doubleValue());
            meters.count(MeterNames.SMS_UNITS, units.doubleValue());
        }
    }

    /** Recipients refused: by the server in an answer, or by the component's own check before any call. */
    public void recipientsRefused(int count) {
        if (count > 0) {
            refused.add(count);
            meters.count(MeterNames.RECIPIENTS_REFUSED, count);
        }
    }

    /** The account's name and balance as the API last told them (the health check and the dev console ask). */
    public void accountSeen(String name, String balance) {
        if (name != null) {
            accountName = name;
        }
        lastBalance = balance;
        lastBalanceAt = Instant.now();
    }

    public String lastBalance() {
        return lastBalance;
    }

    public String accountName() {
        return accountName;
    }

    public Instant lastBalanceAt() {
        return lastBalanceAt;
    }

    public long smsSent() {
        return smsSent.sum();
    }

    public long segments() {
        return segments.sum();
    }

    public double units() {
        return units.sum();
    }

    public long recipientsRefused() {
        return refused.sum();
    }

    public long calls() {
        return calls.sum();
    }

    public long failedCalls() {
        return failedCalls.sum();
    }

    public long retries() {
        return retries.sum();
    }

    public long throttles() {
        return throttles.sum();
    }

    /** The last failed call ("outcome: message"), or null. */
    public String lastError() {
        return lastError;
    }

    public Instant lastErrorAt() {
        return lastErrorAt;
    }
}
