package dev.camelampenet.ampenet;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

import dev.camelampenet.ampenet.api.AmpenetOperation;
import dev.camelampenet.ampenet.client.ApiReply;
import dev.camelampenet.ampenet.client.CallOutcome;
import dev.camelampenet.ampenet.error.AmpenetException;
import dev.camelampenet.ampenet.error.AmpenetInsufficientBalanceException;
import dev.camelampenet.ampenet.error.AmpenetPartialSendException;
import dev.camelampenet.ampenet.error.AmpenetRecipientRejectedException;
import dev.camelampenet.ampenet.error.AmpenetUnknownOutcomeException;
import dev.camelampenet.ampenet.metrics.AmpenetMetrics;
import dev.camelampenet.ampenet.model.RejectedRecipient;
import dev.camelampenet.ampenet.model.SendResult;
import dev.camelampenet.ampenet.sms.Recipient;
import dev.camelampenet.ampenet.sms.SmsRequest;
import dev.camelampenet.ampenet.wire.SendAnswer;
import dev.camelampenet.ampenet.wire.ServerMessages;
import dev.camelampenet.ampenet.wire.WireMapper;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * sms/send: recipients normalised and de-duplicated, invalid ones reported rather than dropped, at most 100 per call
 * (the server's cap), one call at a time, and every recipient accounted for (sent, rejected, unsent, uncertain) on
 * success and on failure. A redelivery of the exchange sends only the recipients no earlier attempt settled
 * ({@link SendProgress}).
 */
final class SmsSender {

    private static final Logger LOG = LoggerFactory.getLogger(SmsSender.class);
    static final int MAX_RECIPIENTS_PER_CALL = 100;
    private static final AmpenetOperation OPERATION = AmpenetOperation.SMS_SEND;

    private final AmpenetEndpoint endpoint;
    private final ExchangeInputs inputs;
    private final SmsRequests requests;

    SmsSender(AmpenetEndpoint endpoint, ExchangeInputs inputs, SmsRequests requests) {
        this.endpoint = endpoint;
        this.inputs = inputs;
        this.requests = requests;
    }

    CompletableFuture<Object> send(Exchange exchange) {
        return send(exchange, inputs.message(exchange, OPERATION), inputs.recipients(exchange, OPERATION));
    }

    /**
     * Sends the message to the numbers given (as written: normalised, de-duplicated and checked here). Also the
     * second half of a campaign to several groups ({@link MergedCampaign}), which gives the groups' merged numbers.
     */
    CompletableFuture<Object> send(Exchange exchange, ExchangeInputs.MessageInput message, List<String> given) {
        boolean redelivery = inputs.isRedelivery(exchange);
        List<String> numbers = new ArrayList<>();
        List<RejectedRecipient> invalid = new ArrayList<>();
        for (Recipient r : endpoint.phoneNumbers().normaliseAll(given)) {
            if (r.isValid()) {
                numbers.add(r.number());
            } else {
                invalid.add(new RejectedRecipient(r.given(), null, r.problem()));
            }
        }
        if (!redelivery) {
            // refused by the component's own check, counted once per exchange (a redelivery checks them again)
            endpoint.metrics().recipientsRefused(invalid.size());
        }
        return requests.build(message, OPERATION).thenCompose(request -> {
            SendProgress progress = SendProgress.of(exchange, redelivery, endpoint.getEndpointKey(), request, numbers);
            if (endpoint.getConfiguration().isFailOnRejectedRecipients() && !invalid.isEmpty()) {
                SendResult result = progress.result(numbers, invalid, request);
                SendHeaders.publish(exchange.getMessage(), result);
                throw new AmpenetRecipientRejectedException(OPERATION.uri(), 0, "nothing sent, because"
                        + " failOnRejectedRecipients is set and " + describe(invalid)).attach(result);
            }
            return sendChunks(request, chunks(progress.pending(numbers)), 0, progress)
                    .thenApply(failure -> finish(exchange, numbers, invalid, request, progress, failure));
        });
    }

    private static List<List<String>> chunks(List<String> numbers) {
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i += MAX_RECIPIENTS_PER_CALL) {
            chunks.add(numbers.subList(i, Math.min(numbers.size(), i + MAX_RECIPIENTS_PER_CALL)));
        }
        return chunks;
    }

    /**
     * One call at a time: a later chunk goes only once the earlier one's fate is known. Completes with the failure
     * that stopped the send, or null. A refusal of a chunk's recipients is data and the send goes on; any other
     * failure stops it, leaving the rest unsent (and that chunk uncertain when its outcome is unknown).
     */
    private CompletableFuture<AmpenetException> sendChunks(SmsRequest request, List<List<String>> chunks, int index,
                                                           SendProgress progress) {
        if (index >= chunks.size()) {
            return CompletableFuture.completedFuture(null);
        }
        List<String> chunk = chunks.get(index);
        progress.called();
        return endpoint.client().outcome(OPERATION, Map.of(), WireMapper.sendBody(request, chunk), null).thenCompose(outcome -> {
            if (outcome.isAnswered()) {
                ApiReply reply = outcome.reply();
                SendAnswer answer = SendAnswer.accepted(reply.message(), reply.data(), chunk);
                if (answer.note() != null) {
                    LOG.warn("Ampenet sms/send: {}", answer.note());
                }
                progress.record(answer, 200);
                count(answer, request);
            } else if (refusesRecipients(outcome)) {
                SendAnswer refusal = SendAnswer.refused(outcome.error().getApiMessage(), chunk);
                progress.record(refusal, outcome.error().getHttpResponseCode());
                count(refusal, request);
            } else {
                if (outcome.isUncertain()) {
                    progress.uncertain(chunk, outcome.error().getApiMessage());
                }
                return CompletableFuture.completedFuture(outcome.error());
            }
            return sendChunks(request, chunks, index + 1, progress);
        });
    }

    /**
     * Counts what one answer settled: the SMS it accepted with their parts and the units it says it debited (the
     * message's own figures where the answer has them, the component's analysis otherwise), and the numbers refused.
     */
    private void count(SendAnswer answer, SmsRequest request) {
        AmpenetMetrics metrics = endpoint.metrics();
        int analysed = request.analysed().segments();
        long segments = (long) Math.max(0, answer.sent().size() - answer.messages().size()) * analysed;
        BigDecimal units = null;
        for (var m : answer.messages()) {
            segments += m.segments() != null ? m.segments() : analysed;
            if (m.cost() != null) {
                units = units == null ? m.cost() : units.add(m.cost());
            }
        }
        metrics.smsAccepted(answer.sent().size(), segments, units);
        metrics.recipientsRefused(answer.refused().size());
    }

    private static boolean refusesRecipients(CallOutcome outcome) {
        return outcome.error() instanceof AmpenetRecipientRejectedException
                || outcome.error() instanceof AmpenetInsufficientBalanceException;
    }

    /** Publishes the accounting, then decides: the result, or one exception that carries the same accounting. */
    private Object finish(Exchange exchange, List<String> numbers, List<RejectedRecipient> invalid, SmsRequest request,
                          SendProgress progress, AmpenetException failure) {
        SendResult result = progress.result(numbers, invalid, request);
        SendHeaders.publish(exchange.getMessage(), result);
        AmpenetException error = failure;
        if (error == null && !result.uncertain().isEmpty()) {
            // an earlier attempt's uncertain call (or an answer that could not say who was refused) stays uncertain:
            // the exchange must not end as a success that hides it
            error = new AmpenetUnknownOutcomeException(OPERATION.uri(), 0, result.uncertain().size()
                    + " recipient(s) may or may not have been sent (" + progress.notes() + ")", null);
        }
        if (error == null && result.accepted() == 0 && !result.rejected().isEmpty()) {
            error = refusal("no recipient messaged: ", result.rejected(), progress.refusalStatus());
        }
        if (error == null && endpoint.getConfiguration().isFailOnRejectedRecipients() && !result.rejected().isEmpty()) {
            // the server refused some numbers of a call it carried out for the others: those went out and stay
            // listed in the headers, but the route asked to hear about any refusal as a failure
            error = refusal(result.accepted() + " recipient(s) messaged (" + AmpenetConstants.MESSAGE_IDS + "), but ",
                    result.rejected(), progress.refusalStatus());
        }
        if (error == null) {
            return result;
        }
        // a refusal is the answer for every recipient it names; a call that failed or left recipients uncertain cut
        // the send in two, and then the exception must say plainly that repeating it is not safe
        boolean cut = failure != null || !result.uncertain().isEmpty();
        boolean partial = !result.sent().isEmpty() || (!result.uncertain().isEmpty() && !result.unsent().isEmpty());
        throw new CompletionException(cut && partial ? new AmpenetPartialSendException(error, result) : error.attach(result));
    }

    /** @param httpStatus of the last refusing answer; 0 when every refusal was the component's own check */
    private static AmpenetException refusal(String prefix, List<RejectedRecipient> rejected, int httpStatus) {
        String what = prefix + describe(rejected);
        return rejected.stream().allMatch(r -> ServerMessages.isBalanceRefusal(r.reason()))
                ? new AmpenetInsufficientBalanceException(OPERATION.uri(), httpStatus, what)
                : new AmpenetRecipientRejectedException(OPERATION.uri(), httpStatus, what);
    }

    private static String describe(List<RejectedRecipient> rejected) {
        return rejected.size() + " recipient(s) rejected: " + rejected.stream()
                .map(r -> r.recipient() + " (" + r.reason() + ")").collect(Collectors.joining(", "));
    }
}
