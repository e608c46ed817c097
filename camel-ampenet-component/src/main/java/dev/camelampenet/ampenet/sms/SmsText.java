package dev.camelampenet.ampenet.sms;

/**
 * What a text costs before it is sent: its encoding, its length in that encoding, and its segments. Mirrors the
 * server's counting (spec 6.5): GSM-7 extension characters take two septets, characters outside the Basic
 * Multilingual Plane two UCS-2 units.
 */
public final class SmsText {

    private static final String GSM7_BASIC =
            "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
                    + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM7_EXTENSION = "\f^{}\\[~]|€";

    private final String text;
    private final SmsEncoding encoding;
    private final int length;
    private final int segments;

    private SmsText(String text, SmsEncoding encoding, int length) {
        this.text = text;
        this.encoding = encoding;
        this.length = length;
        this.segments = encoding.segmentsFor(length);
    }

    public static SmsText of(String text) {
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM7_BASIC.indexOf(c) >= 0) {
                septets++;
            } else if (GSM7_EXTENSION.indexOf(c) >= 0) {
                septets += 2;
            } else {
                return new SmsText(text, SmsEncoding.UCS_2, text.length());
            }
        }
        return new SmsText(text, SmsEncoding.GSM_7, septets);
    }

    public String text() {
        return text;
    }

    public SmsEncoding encoding() {
        return encoding;
    }

    /** Septets for GSM-7, UTF-16 units for UCS-2. */
    public int length() {
        return length;
    }

    public int segments() {
        return segments;
    }

    /** The type to send: a plain text that needs UCS-2 must go as unicode. */
    public String typeFor(String requested) {
        return encoding == SmsEncoding.UCS_2 && "plain".equals(requested) ? "unicode" : requested;
    }
}
