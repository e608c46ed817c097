package dev.camelampenet.phonebook.alerting;

import java.util.List;

/**
 * What became of one alert, recipient by recipient.
 *
 * @param error the API's or transport's message (null when sent)
 * @param messageIds the uids of the messages sent, or the campaign's uid
 * @param rejected the recipients the API refused, as {@code number: reason}
 * @param sent the recipients that got the SMS, as {@code number:uid} ({@code number} alone when the API gave no uid,
 *             as for a scheduled send)
 * @param uncertain the recipients in a call whose outcome is unknown: they may have been sent and are never resent
 * @param unsent the recipients never part of a call that went out: safe to publish again
 */
public record AlertResult(AlertOutcome outcome, String error, List<String> messageIds, List<String> rejected,
                          List<String> sent, List<String> uncertain, List<String> unsent) {

    public AlertResult {
        messageIds = messageIds == null ? List.of() : List.copyOf(messageIds);
        rejected = rejected == null ? List.of() : List.copyOf(rejected);
        sent = sent == null ? List.of() : List.copyOf(sent);
        uncertain = uncertain == null ? List.of() : List.copyOf(uncertain);
        unsent = unsent == null ? List.of() : List.copyOf(unsent);
    }

    /** Without the per-recipient lists: a campaign, an invalid alert, or a ledger record of the earlier format. */
    public AlertResult(AlertOutcome outcome, String error, List<String> messageIds, List<String> rejected) {
        this(outcome, error, messageIds, rejected, List.of(), List.of(), List.of());
    }

    static AlertResult sent(List<String> messageIds) {
        return new AlertResult(AlertOutcome.SENT, null, messageIds, List.of());
    }

    static AlertResult of(AlertOutcome outcome, String error) {
        return new AlertResult(outcome, error, List.of(), List.of());
    }

    /** The same recipients with another outcome and message (the last delivery attempt giving up). */
    AlertResult with(AlertOutcome newOutcome, String newError) {
        return new AlertResult(newOutcome, newError, messageIds, rejected, sent, uncertain, unsent);
    }
}
