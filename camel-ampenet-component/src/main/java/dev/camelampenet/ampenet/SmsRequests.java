package dev.camelampenet.ampenet;

import java.time.LocalDateTime;
import java.util.concurrent.CompletableFuture;

import dev.camelampenet.ampenet.api.AmpenetOperation;
import dev.camelampenet.ampenet.sms.ScheduleTime;
import dev.camelampenet.ampenet.sms.SenderId;
import dev.camelampenet.ampenet.sms.SmsRequest;
import dev.camelampenet.ampenet.sms.SmsText;

/**
 * Builds the message part shared by sms/send and sms/campaign, with every check that must come before money is
 * spent: the segment cap, the sender id rule, the type the text needs, and a schedule time in the account's
 * timezone that is not in the past.
 */
final class SmsRequests {

    private final AmpenetEndpoint endpoint;

    SmsRequests(AmpenetEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** Checks what it can at once (throws), then completes once the schedule time is resolved. */
    CompletableFuture<SmsRequest> build(ExchangeInputs.MessageInput input, AmpenetOperation op) {
        SmsText text = SmsText.of(input.text());
        int cap = endpoint.getConfiguration().getMaxSegments();
        if (text.segments() > cap) {
            throw ExchangeInputs.invalid(op, "the body", "the text is " + text.segments() + " segments (" + text.length() + " "
                    + text.encoding() + " characters), more than maxSegments " + cap + "; raise maxSegments to send it");
        }
        String senderProblem = SenderId.problem(input.senderId());
        if (senderProblem != null) {
            throw ExchangeInputs.invalid(op, AmpenetConstants.SENDER_ID, senderProblem);
        }
        String type = text.typeFor(input.type());
        Object schedule = input.scheduleTime();
        if (schedule == null) {
            return CompletableFuture.completedFuture(new SmsRequest(text, type, input.senderId(), null));
        }
        LocalDateTime local;
        try {
            local = ScheduleTime.local(schedule);
        } catch (IllegalArgumentException e) {
            throw ExchangeInputs.invalid(op, AmpenetConstants.SCHEDULE_TIME, e.getMessage());
        }
        // the server reads schedule_time in the account's timezone: an absolute time is converted to it, and any time
        // is checked against the account's clock (the zone is asked for once per endpoint)
        return endpoint.accountZone().thenApply(zone -> {
            LocalDateTime at = local != null ? local : ScheduleTime.inZone(schedule, zone);
            if (at.isBefore(LocalDateTime.now(zone).withSecond(0).withNano(0))) {
                throw ExchangeInputs.invalid(op, AmpenetConstants.SCHEDULE_TIME, "'" + ScheduleTime.format(at)
                        + "' (account time, " + zone + ") is in the past");
            }
            return new SmsRequest(text, type, input.senderId(), ScheduleTime.format(at));
        });
    }

}
