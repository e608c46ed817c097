package dev.camelampenet.simulator.api;

import dev.camelampenet.simulator.sms.SmsCounter;

/** A message text after the server's analysis: the type it will really go out as, its encoding and segments. */
final class SmsText {
    final String text;
    final String type;
    final SmsCounter.Encoding encoding;
    final int segments;

    private SmsText(String text, String type, SmsCounter.Encoding encoding, int segments) {
        this.text = text;
        this.type = type;
        this.encoding = encoding;
        this.segments = segments;
    }

    /** Counts segments; a plain message that needs UCS-2 is sent, and priced, as unicode. */
    static SmsText analyse(String text, String requestedType) {
        SmsCounter.Count count = SmsCounter.count(text);
        String type = requestedType;
        if (count.encoding == SmsCounter.Encoding.UCS_2 && "plain".equals(type)) {
            type = "unicode";
        }
        int segments = count.segments;
        if ("whatsapp".equals(type)) {
            segments = Math.max(1, (text.length() + 999) / 1000);
        } else if (("voice".equals(type) || "mms".equals(type)) && segments == 0) {
            segments = 1;
        }
        return new SmsText(text, type, count.encoding, segments);
    }
}
