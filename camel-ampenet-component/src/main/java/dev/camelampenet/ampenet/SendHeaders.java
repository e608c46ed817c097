package dev.camelampenet.ampenet;

import java.util.stream.Collectors;

import dev.camelampenet.ampenet.model.SendResult;
import dev.camelampenet.ampenet.model.SmsMessage;
import org.apache.camel.Message;

/** The headers of sms/send, the same on success and on failure: where every recipient ended, and what the text cost. */
final class SendHeaders {

    private SendHeaders() {
    }

    static void publish(Message message, SendResult result) {
        message.setHeader(AmpenetConstants.MESSAGE_IDS, result.messages().stream().map(SmsMessage::uid).collect(Collectors.toUnmodifiableList()));
        message.setHeader(AmpenetConstants.REJECTED_RECIPIENTS, result.rejected());
        message.setHeader(AmpenetConstants.UNSENT_RECIPIENTS, result.unsent());
        message.setHeader(AmpenetConstants.UNCERTAIN_RECIPIENTS, result.uncertain());
        message.setHeader(AmpenetConstants.SEGMENTS, result.segments());
        message.setHeader(AmpenetConstants.ENCODING, result.encoding());
    }
}
