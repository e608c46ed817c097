package dev.camelampenet.phonebook.alerting;

import java.util.List;

/**
 * What became of one alert's send.
 *
 * @param error the API's or transport's message (null when sent)
 * @param messageIds the uids of the recipients that got the SMS, or the campaign's uid
 * @param rejected the refused recipients as {@code number: reason}
 */
public record AlertResult(AlertOutcome outcome, String error, List<String> messageIds, List<String> rejected) {

    public AlertResult {
        messageIds = messageIds == null ? List.of() : List.copyOf(messageIds);
        rejected = rejected == null ? List.of() : List.copyOf(rejected);
    }

    static AlertResult sent(List<String> messageIds) {
        return new AlertResult(AlertOutcome.SENT, null, messageIds, List.of());
    }

    static AlertResult of(AlertOutcome outcome, String error) {
        return new AlertResult(outcome, error, List.of(), List.of());
    }
}
