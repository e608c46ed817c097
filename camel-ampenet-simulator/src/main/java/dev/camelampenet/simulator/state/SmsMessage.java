package dev.camelampenet.simulator.state;

import dev.camelampenet.simulator.sms.SmsCounter.Encoding;

import java.math.BigDecimal;
import java.time.Instant;

/** One message as the server's Reports table holds it. Only the delivery status changes after creation. */
public final class SmsMessage {
    public enum Direction { OUTGOING, INCOMING }

    public final long seq;
    public final String uid;
    public final Account account;
    public final String to;
    public final String from;
    public final String message;
    public final String smsType;
    public final Encoding encoding;
    public final int segments;
    public final BigDecimal cost;
    public final Direction direction;
    public final Instant createdAt;
    /** Set when the message waits in ScheduleMessage instead of going out (bulk with schedule_time). */
    public final Instant scheduledFor;
    public final String campaignUid;
    /** The journal entry of the request that created it, so a person can see what the client sent. */
    public final long requestId;
    private volatile String status;
    private volatile Instant statusChangedAt;
    private volatile boolean reported;

    SmsMessage(long seq, String uid, Account account, String to, String from, String message, String smsType,
               Encoding encoding, int segments, BigDecimal cost, Direction direction, String status,
               Instant createdAt, Instant scheduledFor, String campaignUid, long requestId) {
        this.seq = seq;
        this.uid = uid;
        this.account = account;
        this.to = to;
        this.from = from;
        this.message = message;
        this.smsType = smsType;
        this.encoding = encoding;
        this.segments = segments;
        this.cost = cost;
        this.direction = direction;
        this.status = status;
        this.createdAt = createdAt;
        this.statusChangedAt = createdAt;
        this.scheduledFor = scheduledFor;
        this.campaignUid = campaignUid;
        this.requestId = requestId;
    }

    /** The customer status: Delivered or Failed at send time, later what a delivery report says. */
    public String status() {
        return status;
    }

    public Instant statusChangedAt() {
        return statusChangedAt;
    }

    public void deliveryReport(String newStatus, Instant at) {
        this.status = newStatus;
        this.statusChangedAt = at;
        this.reported = true;
    }

    /**
     * The {@code status} column of servers up to v3.1: the gateway's raw answer at send time ({@code Delivered|200}
     * for an accepted message), replaced by what a delivery report says. Send, view and list all read this column.
     */
    public String gatewayStatus() {
        String current = status;
        return !reported && "Delivered".equals(current) ? "Delivered|200" : current;
    }

    public boolean isScheduled() {
        return scheduledFor != null;
    }
}
