package dev.camelampenet.simulator.state;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A campaign: one text to the subscribed contacts of one or more groups. */
public final class Campaign {
    public final long id;
    public final String uid;
    public final Account account;
    public final String name;
    public final String message;
    public final String smsType;
    public final String senderId;
    public final List<String> groupUids;
    public final Instant createdAt;
    /** schedule_time, or null when it runs at once. */
    public final Instant runAt;
    private volatile String status;
    private volatile Instant deliveryAt;
    private final List<SmsMessage> messages = new CopyOnWriteArrayList<>();

    Campaign(long id, String uid, Account account, String name, String message, String smsType, String senderId,
             List<String> groupUids, Instant createdAt, Instant runAt, String status) {
        this.id = id;
        this.uid = uid;
        this.account = account;
        this.name = name;
        this.message = message;
        this.smsType = smsType;
        this.senderId = senderId;
        this.groupUids = List.copyOf(groupUids);
        this.createdAt = createdAt;
        this.runAt = runAt;
        this.status = status;
    }

    public String status() {
        return status;
    }

    public Instant deliveryAt() {
        return deliveryAt;
    }

    public List<SmsMessage> messages() {
        return List.copyOf(messages);
    }

    void addMessage(SmsMessage message) {
        messages.add(message);
    }

    void finish(String finalStatus, Instant at) {
        this.status = finalStatus;
        this.deliveryAt = at;
    }
}
