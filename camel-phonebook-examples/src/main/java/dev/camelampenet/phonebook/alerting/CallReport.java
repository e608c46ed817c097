package dev.camelampenet.phonebook.alerting;

/**
 * What one {@code sms/send} call said about one alert beyond the per-recipient record it left in the send ledger:
 * why it stopped short, and whether the recipients it did not reach may be sent again.
 *
 * @param error the call's failure (the API's or the transport's message), null when it ended normally
 * @param retryUnsent true when nothing speaks against sending the unsent recipients again: the call was rate limited,
 *                    the API unreachable, or the component stopped after a call of unknown outcome (the recipients
 *                    after it never went out); false when the API refused for good (token, permission, balance...)
 */
public record CallReport(String error, boolean retryUnsent) {

    static final CallReport DONE = new CallReport(null, true);
}
