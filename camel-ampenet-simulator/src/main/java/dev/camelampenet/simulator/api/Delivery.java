package dev.camelampenet.simulator.api;

import dev.camelampenet.simulator.sms.PhoneRules;
import dev.camelampenet.simulator.state.SmsMessage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * The delivery stage for one number, shared by send and campaign: phone check, blacklist, price coverage, balance
 * debit, then the Reports row. Its refusals are the 403 texts of docs/ampenet-api.md §8.4.
 */
final class Delivery {

    /** A number that could not be delivered, with the server's reason. */
    static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;

        Refusal(String message) {
            super(message, null, false, false);
        }
    }

    private Delivery() {
    }

    static SmsMessage deliver(Call call, String number, SmsText text, String from, Instant scheduledFor,
                              String campaignUid) throws Refusal {
        if (!PhoneRules.isValidSendPhone(number)) {
            throw new Refusal(number + " is a invalid phone number");
        }
        if (call.state.isBlacklisted(number)) {
            throw new Refusal("Number contains in the blacklist");
        }
        Optional<BigDecimal> price = PhoneRules.countryCode(number).flatMap(call.account::pricePerSegment);
        if (price.isEmpty()) {
            throw new Refusal("Permission to send an SMS has not been enabled for the region indicated by the 'To' number: " + number);
        }
        BigDecimal cost = price.get().multiply(BigDecimal.valueOf(text.segments));
        BigDecimal before = call.account.balance();
        if (!call.account.debit(cost)) {
            throw new Refusal("There is not enough balance available to send this message.You have "
                    + Formats.plain(before) + " of the " + Formats.plain(cost));
        }
        String status = scheduledFor != null ? "Scheduled" : "Delivered";
        return call.state.recordMessage(call.account, number, from, text.text, text.type, text.encoding, text.segments,
                cost, SmsMessage.Direction.OUTGOING, status, scheduledFor, campaignUid, call.request.id);
    }
}
