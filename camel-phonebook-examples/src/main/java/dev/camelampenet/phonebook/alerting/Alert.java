package dev.camelampenet.phonebook.alerting;

import java.util.List;

/**
 * One alert, read and checked.
 *
 * @param id unique per alert: the JSON {@code id}, the AlertId header, or the JMSMessageID
 * @param numbers the recipients, normalised (digits with country code) and de-duplicated; empty for a group alert
 * @param group a contact group uid or name, for a campaign (null for numbers)
 * @param senderId null for the flow's default
 * @param scheduleAt as the API's component takes it: an OffsetDateTime, a "yyyy-MM-dd HH:mm" String, or null
 */
public record Alert(String id, List<String> numbers, String group, String text, String senderId, Object scheduleAt) {

    public Alert {
        numbers = List.copyOf(numbers);
    }

    /** The same alert to some of its recipients: those still to send on a redelivery. */
    public Alert withNumbers(List<String> remaining) {
        return new Alert(id, remaining, group, text, senderId, scheduleAt);
    }

    /** Alerts with the same key may share one sms/send call. */
    public String coalescingKey() {
        return text + '\u0000' + (senderId == null ? "" : senderId) + '\u0000' + (scheduleAt == null ? "" : scheduleAt);
    }
}
