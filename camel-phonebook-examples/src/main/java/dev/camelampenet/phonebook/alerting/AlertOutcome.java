package dev.camelampenet.phonebook.alerting;

import java.util.Locale;

/** Where an alert ends. Every alert ends in exactly one. */
public enum AlertOutcome {
    /** Every recipient accepted by the API (or the campaign created). The JMS message is consumed. */
    SENT(null),
    /** Refused for good by the API (invalid number, balance, token...) or given up after the redeliveries. */
    FAILED("failed"),
    /** The request went out and no answer came back: it may have been sent. Never resent automatically. */
    UNCERTAIN("uncertain"),
    /** Not an alert the flow can send: bad JSON, no text, no recipient... */
    INVALID("invalid"),
    /** Nothing was sent and the API can be asked again: the transaction rolls back, the broker redelivers. */
    RETRY(null);

    private final String suffix;

    AlertOutcome(String suffix) {
        this.suffix = suffix;
    }

    /** The queue an alert with this outcome goes to, under the flow's queue ({@code sms.alerts.failed}), or null. */
    public String queue(String base) {
        return suffix == null ? null : base + "." + suffix;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
