package dev.camelampenet.phonebook.alerting;

import java.util.List;
import java.util.Map;

import dev.camelampenet.ampenet.error.AmpenetAuthenticationException;
import dev.camelampenet.ampenet.error.AmpenetConnectionException;
import dev.camelampenet.ampenet.error.AmpenetPartialSendException;
import dev.camelampenet.ampenet.error.AmpenetRateLimitedException;
import dev.camelampenet.ampenet.error.AmpenetUnknownOutcomeException;
import dev.camelampenet.ampenet.model.RejectedRecipient;
import dev.camelampenet.ampenet.model.SendResult;
import dev.camelampenet.ampenet.model.SmsMessage;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the flow reads the component's accounting of one sms/send, and what the verdict makes of a recipient's place:
 * every number in exactly one place, an unaccounted one never taken for unsent.
 */
class AlertSendAccountTest {

    private static final String A = "255713000001";
    private static final String B = "255713000002";
    private static final String C = "255713000003";
    private static final String D = "255713000004";

    private final DefaultCamelContext context = new DefaultCamelContext();

    private Exchange succeeded(SendResult result) {
        Exchange e = new DefaultExchange(context);
        e.getMessage().setBody(result);
        return e;
    }

    private Exchange failed(Exception failure) {
        Exchange e = new DefaultExchange(context);
        e.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
        return e;
    }

    private static SendResult result(List<String> sent, List<RejectedRecipient> rejected, List<String> unsent, List<String> uncertain) {
        return new SendResult(sent.stream().map(n -> new SmsMessage("uid-" + n, n, null, "t", "Delivered", null, 1, null, null, null)).toList(),
                sent, rejected, unsent, uncertain, "GSM_7", 1, false, 1);
    }

    @Test
    void aPartWayRateLimitedSendIsReadFromItsResultAndItsUnsentMayGoAgain() {
        AmpenetRateLimitedException cause = new AmpenetRateLimitedException("sms/send", 404, "Too Many Attempts.");
        SendAccount a = SendAccount.of(failed(new AmpenetPartialSendException(cause,
                result(List.of(A), List.of(new RejectedRecipient(B, B, "Number contains in the blacklist")), List.of(C, D), List.of()))),
                List.of(A, B, C, D));
        assertThat(a.sent).containsExactly(Map.entry(A, "uid-" + A));
        assertThat(a.rejected).containsExactly(Map.entry(B, "Number contains in the blacklist"));
        assertThat(a.unsent).containsExactly(C, D);
        assertThat(a.uncertain).isEmpty();
        assertThat(a.error).as("the call's own failure, not the wrapper's account").isEqualTo("Too Many Attempts.");
        assertThat(a.retryUnsent).isTrue();
    }

    @Test
    void aLostAnswerLeavesItsCallUncertainAndTheCallsAfterItUnsentAndRetryable() {
        AmpenetUnknownOutcomeException cause = new AmpenetUnknownOutcomeException("sms/send", 0, "no answer came back", null);
        SendAccount a = SendAccount.of(failed(new AmpenetPartialSendException(cause, result(List.of(A), List.of(), List.of(D), List.of(B, C)))),
                List.of(A, B, C, D));
        assertThat(a.uncertain).containsExactly(B, C);
        assertThat(a.unsent).containsExactly(D);
        assertThat(a.uncertainReason).isEqualTo("no answer came back");
        assertThat(a.retryUnsent).as("the component only stopped out of caution: D never went out").isTrue();
    }

    @Test
    void aRefusalForGoodLeavesTheUnsentUnsentButNotToRetry() {
        AmpenetAuthenticationException refused = new AmpenetAuthenticationException("sms/send", 401, "Unauthenticated.");
        refused.attach(result(List.of(), List.of(), List.of(A, B), List.of()));
        SendAccount a = SendAccount.of(failed(refused), List.of(A, B));
        assertThat(a.unsent).containsExactly(A, B);
        assertThat(a.retryUnsent).isFalse();
        AlertResult r = AlertVerdict.summarise(new Alert("x", List.of(A, B), null, "t", null, null), null,
                new CallReport(a.error, a.retryUnsent));
        assertThat(r.outcome()).isEqualTo(AlertOutcome.FAILED);
        assertThat(r.unsent()).containsExactly(A, B);
        assertThat(r.error()).isEqualTo("Unauthenticated.");
    }

    @Test
    void aFailureWithoutAccountingSendsNothingAgainWhenItCannotTellWhoGotIt() {
        SendAccount unexpected = SendAccount.of(failed(new IllegalStateException("boom")), List.of(A, B));
        assertThat(unexpected.uncertain).containsExactly(A, B);
        assertThat(unexpected.unsent).isEmpty();

        SendAccount refusedConnection = SendAccount.of(failed(new AmpenetConnectionException("sms/send", 0, "Connection refused; nothing was sent")),
                List.of(A, B));
        assertThat(refusedConnection.unsent).as("provably nothing went out").containsExactly(A, B);
        assertThat(refusedConnection.error).isEqualTo("Connection refused; nothing was sent");
    }

    @Test
    void aPartWaySendNeverReportsTheFailedCallsNothingWasSentAsTheSends() {
        AmpenetConnectionException cause = new AmpenetConnectionException("sms/send", 0, "Connection refused; nothing was sent");
        SendAccount a = SendAccount.of(failed(new AmpenetPartialSendException(cause, result(List.of(A), List.of(), List.of(B), List.of()))),
                List.of(A, B));
        assertThat(a.error).isEqualTo("Connection refused; that call sent nothing");
    }

    @Test
    void aScheduledSendWithoutUidsIsSentUnlessARefusalNamesNoNumber() {
        SendResult scheduled = new SendResult(List.of(), List.of(), List.of(), List.of(), List.of(), "GSM_7", 1, true, 1);
        SendAccount a = SendAccount.of(succeeded(scheduled), List.of(A, B));
        assertThat(a.sent).containsOnlyKeys(A, B).containsValues((String) null);

        SendResult unnamed = new SendResult(List.of(), List.of(), List.of(new RejectedRecipient(null, null, "Number contains in the blacklist")),
                List.of(), List.of(), "GSM_7", 1, true, 1);
        SendAccount b = SendAccount.of(succeeded(unnamed), List.of(A, B));
        assertThat(b.uncertain).as("either may be the refused one").containsExactly(A, B);
    }

    @Test
    void theVerdictPutsUncertainFirstThenRefusedOrUnsentAndRetriesWhileUnsentMayGo() {
        Alert alert = new Alert("v", List.of(A, B, C), null, "t", null, null);
        SendLedger.Entry entry = new SendLedger.Entry("v", null, null, "b-1", 0, Map.of(
                A, new SendLedger.Recipient(SendLedger.Standing.SENT, "u1"),
                B, new SendLedger.Recipient(SendLedger.Standing.UNCERTAIN, "no answer came back")), false);
        AlertResult retry = AlertVerdict.summarise(alert, entry, new CallReport("no answer came back", true));
        assertThat(retry.outcome()).isEqualTo(AlertOutcome.RETRY);
        assertThat(AlertVerdict.progress(retry)).isEqualTo("1 of 3 recipient(s) sent, 1 uncertain (never resent), 1 not sent yet (no answer came back)");

        SendLedger.Entry done = new SendLedger.Entry("v", null, null, "b-2", 0, Map.of(
                A, new SendLedger.Recipient(SendLedger.Standing.SENT, "u1"),
                B, new SendLedger.Recipient(SendLedger.Standing.UNCERTAIN, "no answer came back"),
                C, new SendLedger.Recipient(SendLedger.Standing.REJECTED, "Number contains in the blacklist")), false);
        AlertResult settled = AlertVerdict.summarise(alert, done, CallReport.DONE);
        assertThat(settled.outcome()).isEqualTo(AlertOutcome.UNCERTAIN);
        assertThat(settled.sent()).containsExactly(A + ":u1");
        assertThat(settled.uncertain()).containsExactly(B);
        assertThat(settled.rejected()).containsExactly(C + ": Number contains in the blacklist");
        assertThat(settled.error()).isEqualTo("1 of 3 recipient(s) may have been sent: no answer came back");
    }
}
