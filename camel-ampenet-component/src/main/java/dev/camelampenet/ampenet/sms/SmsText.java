package dev.camelampenet.ampenet.sms;

/**
 * What a text costs before it is sent: its encoding, its length in that encoding, and its segments. Mirrors the
 * server's counting (docs/ampenet-api.md §9): GSM-7 extension characters take two septets, characters outside the Basic
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

    /** Septets per character for the characters below U+0400 (GSM-7 has none above but the euro sign): 0 = not GSM-7. */
    private static final byte[] SEPTETS = new byte[0x400];

    static {
        for (char c : GSM7_BASIC.toCharArray()) {
            SEPTETS[c] = 1;
        }
        for (char c : GSM7_EXTENSION.toCharArray()) {
            if (c < SEPTETS.length) {
                SEPTETS[c] = 2;
            }
        }
    }

    public static SmsText of(String text) {
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int cost = c < SEPTETS.length ? SEPTETS[c] : c == '€' ? 2 : 0;
            if (cost == 0) {
                return new SmsText(text, SmsEncoding.UCS_2, text.length());
            }
            septets += cost;
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
