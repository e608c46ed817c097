package dev.camelampenet.ampenet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.camelampenet.ampenet.client.AmpenetClient;
import dev.camelampenet.ampenet.client.ApiReply;
import dev.camelampenet.ampenet.error.AmpenetException;
import dev.camelampenet.ampenet.error.AmpenetInsufficientBalanceException;
import dev.camelampenet.ampenet.error.AmpenetRecipientRejectedException;
import dev.camelampenet.ampenet.error.AmpenetValidationException;
import dev.camelampenet.ampenet.model.RejectedRecipient;
import dev.camelampenet.ampenet.model.SendResult;
import dev.camelampenet.ampenet.model.SmsMessage;
import dev.camelampenet.ampenet.sms.Recipient;
import dev.camelampenet.ampenet.sms.ScheduleTime;
import dev.camelampenet.ampenet.sms.SenderId;
import dev.camelampenet.ampenet.sms.SmsText;
import dev.camelampenet.ampenet.wire.WireMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * sms/send done right: recipients normalised and de-duplicated, invalid ones reported rather than dropped, at most
 * 100 per call (the server's cap), the text analysed before any money is spent, and a per-recipient account of what
 * the server accepted, read from its partial-success answers.
 */
final class SmsSender {

    static final int MAX_RECIPIENTS_PER_CALL = 100;
    private static final String OPERATION = AmpenetOperation.SMS_SEND.uri();

    private final AmpenetEndpoint endpoint;
    private final ExchangeInputs inputs;

    SmsSender(AmpenetEndpoint endpoint, ExchangeInputs inputs) {
        this.endpoint = endpoint;
        this.inputs = inputs;
    }

    /** What one exchange has sent so far; published as headers even when a later call fails. */
    private static final class Progress {
        final List<SmsMessage> messages = new ArrayList<>();
        final List<RejectedRecipient> rejected = new ArrayList<>();
        int accepted;
        int calls;
        AmpenetException lastRefusal;
    }

    CompletableFuture<Object> send(Exchange exchange) {
        AmpenetConfiguration config = endpoint.getConfiguration();
        SmsText text = SmsText.of(inputs.text(exchange));
        if (config.getMaxSegments() > 0 && text.segments() > config.getMaxSegments()) {
            throw new AmpenetValidationException(OPERATION, 0, "the text is " + text.segments() + " segments ("
                    + text.length() + " " + text.encoding() + " characters), more than maxSegments " + config.getMaxSegments());
        }
        String sender = inputs.senderId(exchange);
        String senderProblem = SenderId.problem(sender);
        if (senderProblem != null) {
            throw new AmpenetValidationException(OPERATION, 0, senderProblem);
        }
        Object recipientsHeader = exchange.getMessage().getHeader(AmpenetConstants.RECIPIENTS);
        List<String> given = ExchangeInputs.values(recipientsHeader);
        if (given.isEmpty()) {
            throw new AmpenetValidationException(OPERATION, 0, "no recipients: set the " + AmpenetConstants.RECIPIENTS
                    + " header to a number, a comma-separated list or a Collection of numbers");
        }
        Progress progress = new Progress();
        List<String> numbers = new ArrayList<>();
        for (Recipient r : endpoint.phoneNumbers().normaliseAll(given)) {
            if (r.isValid()) {
                numbers.add(r.number());
            } else {
                progress.rejected.add(new RejectedRecipient(r.given(), null, r.problem()));
            }
        }
        if (config.isFailOnRejectedRecipients() && !progress.rejected.isEmpty()) {
            publish(exchange.getMessage(), progress, text, false);
            throw new AmpenetRecipientRejectedException(OPERATION, 0, "nothing sent, because failOnRejectedRecipients is set and "
                    + describe(progress.rejected));
        }
        String type = text.typeFor(inputs.smsType(exchange));
        ObjectNode template = endpoint.client().newBody().put("message", text.text()).put("type", type);
        if (sender != null) {
            template.put("sender_id", sender);
        }
        Object schedule = exchange.getMessage().getHeader(AmpenetConstants.SCHEDULE_TIME);
        // the account's timezone costs a call to /me: asked for only when an absolute time must be converted
        CompletableFuture<ObjectNode> ready = !ScheduleTime.needsAccountZone(schedule)
                ? CompletableFuture.completedFuture(schedule == null ? template
                        : template.put("schedule_time", ScheduleTime.format(schedule, () -> null)))
                : endpoint.accountZone().thenApply(zone -> template.put("schedule_time", ScheduleTime.format(schedule, () -> zone)));
        List<List<String>> chunks = chunks(numbers);
        CompletableFuture<Void> done = ready.thenCompose(body -> sendChunks(body, chunks, 0, progress));
        return done.handle((v, failure) -> {
            publish(exchange.getMessage(), progress, text, schedule != null);
            if (failure != null) {
                throw failure instanceof CompletionException ? (CompletionException) failure : new CompletionException(failure);
            }
            if (progress.accepted == 0 && !progress.rejected.isEmpty()) {
                throw progress.lastRefusal instanceof AmpenetInsufficientBalanceException
                        ? new AmpenetInsufficientBalanceException(OPERATION, progress.lastRefusal.getHttpResponseCode(),
                                "no recipient messaged: " + progress.lastRefusal.getApiMessage())
                        : new AmpenetRecipientRejectedException(OPERATION, progress.lastRefusal == null ? 0
                                : progress.lastRefusal.getHttpResponseCode(), "no recipient messaged: " + describe(progress.rejected));
            }
            if (config.isFailOnRejectedRecipients() && !progress.rejected.isEmpty()) {
                // the server refused some numbers of a call it carried out for the others: those went out and stay
                // listed in the headers, but the route asked to hear about any refusal as a failure
                String what = progress.accepted + " recipient(s) messaged (" + AmpenetConstants.MESSAGE_IDS + "), but "
                        + describe(progress.rejected);
                int status = progress.lastRefusal == null ? 200 : progress.lastRefusal.getHttpResponseCode();
                throw progress.rejected.stream().allMatch(r -> isBalanceRefusal(r.reason()))
                        ? new AmpenetInsufficientBalanceException(OPERATION, status, what)
                        : new AmpenetRecipientRejectedException(OPERATION, status, what);
            }
            return new SendResult(progress.messages, progress.messages.stream().map(SmsMessage::to).collect(Collectors.toList()),
                    progress.rejected, List.of(), List.of(), text.encoding().name(), text.segments(), schedule != null, progress.calls);
        });
    }

    private static List<List<String>> chunks(List<String> numbers) {
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i += MAX_RECIPIENTS_PER_CALL) {
            chunks.add(numbers.subList(i, Math.min(numbers.size(), i + MAX_RECIPIENTS_PER_CALL)));
        }
        return chunks;
    }

    /** One call at a time: a later chunk is only sent once the earlier one's fate is known. */
    private CompletableFuture<Void> sendChunks(ObjectNode template, List<List<String>> chunks, int index, Progress progress) {
        if (index >= chunks.size()) {
            return CompletableFuture.completedFuture(null);
        }
        List<String> chunk = chunks.get(index);
        ObjectNode body = template.deepCopy().put("recipient", String.join(",", chunk));
        progress.calls++;
        AmpenetClient client = endpoint.client();
        return client.call(AmpenetOperation.SMS_SEND, Map.of(), body, null)
                .handle((reply, failure) -> {
                    if (failure == null) {
                        accept(reply, chunk, progress);
                        return null;
                    }
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                    if (cause instanceof AmpenetRecipientRejectedException || cause instanceof AmpenetInsufficientBalanceException) {
                        // the server refused this call's recipients; the other chunks may still go
                        AmpenetException refusal = (AmpenetException) cause;
                        progress.lastRefusal = refusal;
                        reject(chunk, refusal.getApiMessage(), progress);
                        return null;
                    }
                    throw cause instanceof CompletionException ? (CompletionException) cause : new CompletionException(cause);
                })
                .thenCompose(v -> sendChunks(template, chunks, index + 1, progress));
    }

    /**
     * Reads a success answer: one message (single recipient), an array (bulk, where refused numbers are absent and
     * their reasons joined in the message), or null (scheduled, or a v3.1 campaign: accepted without uids).
     */
    private static void accept(ApiReply reply, List<String> chunk, Progress progress) {
        JsonNode data = reply.data();
        if (data == null || data.isNull() || data.isMissingNode()) {
            acceptWithoutUids(reply.message(), chunk, progress);
            return;
        }
        List<SmsMessage> sent = new ArrayList<>();
        if (data.isArray()) {
            data.forEach(row -> sent.add(WireMapper.message(row)));
        } else {
            sent.add(WireMapper.message(data));
        }
        progress.messages.addAll(sent);
        progress.accepted += sent.size();
        List<String> delivered = sent.stream().map(SmsMessage::to).collect(Collectors.toList());
        List<String> refused = chunk.stream().filter(number -> !delivered.contains(number)).collect(Collectors.toList());
        reject(refused, reply.message(), progress);
    }

    /**
     * Records the numbers the server refused, each with its own reason. The bulk path joins one refusal per refused
     * number with spaces, in the order the numbers were sent; some name their number, some (blacklist, balance) do
     * not. When the message splits into exactly one known refusal per number, they are paired in order; otherwise
     * each number gets the refusal that names it, or the whole message.
     */
    /**
     * A scheduled bulk send (and a v3.1 campaign-path send) answers data null: the accepted numbers are queued without
     * uids. Refused ones are only in the message text; a refusal that names its number (invalid, region) is
     * attributed to it, one that does not (balance, blacklist) is reported without a number, since the server does
     * not say which one it was.
     */
    private static void acceptWithoutUids(String message, List<String> chunk, Progress progress) {
        List<String> reasons = message == null ? List.of() : refusals(message);
        List<String> unnamed = new ArrayList<>();
        int refusedCount = 0;
        for (String reason : reasons) {
            Matcher named = NAMED_NUMBER.matcher(reason);
            String number = named.find() ? (named.group(1) != null ? named.group(1) : named.group(2)) : null;
            if (number != null && chunk.contains(number)) {
                progress.rejected.add(new RejectedRecipient(number, number, reason));
            } else {
                unnamed.add(reason);
            }
            refusedCount++;
        }
        for (String reason : unnamed) {
            progress.rejected.add(new RejectedRecipient(null, null, reason + " (the server did not say for which number)"));
        }
        progress.accepted += Math.max(0, chunk.size() - refusedCount);
    }

    private static void reject(List<String> refused, String message, Progress progress) {
        if (refused.isEmpty()) {
            return;
        }
        List<String> reasons = refusals(message);
        boolean paired = reasons.size() == refused.size();
        for (int i = 0; paired && i < refused.size(); i++) {
            Matcher named = NAMED_NUMBER.matcher(reasons.get(i));
            paired = !named.find() || refused.get(i).equals(named.group(1) != null ? named.group(1) : named.group(2));
        }
        for (int i = 0; i < refused.size(); i++) {
            String number = refused.get(i);
            progress.rejected.add(new RejectedRecipient(number, number, paired ? reasons.get(i) : reasonFor(number, message)));
        }
    }

    /** The per-number refusals of the send path (spec sections 6.5 and 8), as the bulk path joins them. */
    private static final Pattern REFUSAL = Pattern.compile("\\d+ is a invalid phone number"
            + "|Number contains in the blacklist"
            + "|Permission to send an SMS has not been enabled for the region indicated by the 'To' number: \\d+"
            + "|There is not enough balance available to send this message\\.You have \\S+ of the \\S+");
    private static final Pattern NAMED_NUMBER = Pattern.compile("^(\\d+) is a invalid phone number|'To' number: (\\d+)$");

    /** Splits a joined refusal message into its refusals; empty when any part of it is not a known refusal. */
    static List<String> refusals(String message) {
        List<String> found = new ArrayList<>();
        if (message == null) {
            return found;
        }
        Matcher m = REFUSAL.matcher(message);
        int end = 0;
        while (m.find()) {
            if (!message.substring(end, m.start()).isBlank()) {
                return List.of();
            }
            found.add(m.group());
            end = m.end();
        }
        return message.substring(end).isBlank() ? found : List.of();
    }

    private static final Pattern INVALID = Pattern.compile("(\\d+) is a invalid phone number");

    /** Picks this number's reason out of the server's space-joined per-number messages. */
    static String reasonFor(String number, String message) {
        if (message == null) {
            return "refused by the server";
        }
        Matcher invalid = INVALID.matcher(message);
        while (invalid.find()) {
            if (invalid.group(1).equals(number)) {
                return number + " is a invalid phone number";
            }
        }
        String region = "Permission to send an SMS has not been enabled for the region indicated by the 'To' number: " + number;
        if (message.contains(region)) {
            return region;
        }
        return message;
    }

    private static void publish(Message message, Progress progress, SmsText text, boolean scheduled) {
        message.setHeader(AmpenetConstants.MESSAGE_IDS,
                Collections.unmodifiableList(progress.messages.stream().map(SmsMessage::uid).collect(Collectors.toList())));
        message.setHeader(AmpenetConstants.SEGMENTS, text.segments());
        message.setHeader(AmpenetConstants.ENCODING, text.encoding().name());
        message.setHeader(AmpenetConstants.REJECTED_RECIPIENTS, List.copyOf(progress.rejected));
    }

    private static boolean isBalanceRefusal(String reason) {
        return reason != null && (reason.startsWith("There is not enough balance available")
                || reason.equals("You have exceeded your sending limit."));
    }

    private static String describe(List<RejectedRecipient> rejected) {
        return rejected.size() + " recipient(s) rejected: " + rejected.stream()
                .map(r -> r.recipient() + " (" + r.reason() + ")").collect(Collectors.joining(", "));
    }
}
