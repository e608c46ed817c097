package dev.camelampenet.simulator.sms;

/**
 * Counts SMS segments the way the server's {@code app/Library/SMSCounter.php} does: GSM-7 160/153 with the
 * extension table counting 2, otherwise UCS-2 70/67 where characters above U+FFFF count 2 (UTF-16 units).
 */
public final class SmsCounter {

    /** GSM 03.38 basic character set. */
    private static final String GSM7_BASIC =
            "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
                    + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /** GSM 03.38 extension table: each costs an escape plus the character. */
    private static final String GSM7_EXTENSION = "\f^{}\\[~]|€";

    public enum Encoding { GSM_7, UCS_2 }

    /** The outcome of counting one text. */
    public static final class Count {
        public final Encoding encoding;
        public final int length;
        public final int segments;

        Count(Encoding encoding, int length, int segments) {
            this.encoding = encoding;
            this.length = length;
            this.segments = segments;
        }
    }

    private SmsCounter() {
    }

    public static Count count(String text) {
        if (text == null || text.isEmpty()) {
            return new Count(Encoding.GSM_7, 0, 0);
        }
        int gsmLength = gsm7Length(text);
        if (gsmLength >= 0) {
            return new Count(Encoding.GSM_7, gsmLength, segments(gsmLength, 160, 153));
        }
        int units = text.length(); // UTF-16 code units: astral characters count 2
        return new Count(Encoding.UCS_2, units, segments(units, 70, 67));
    }

    /** Length in GSM-7 septets, or -1 when the text needs UCS-2. */
    static int gsm7Length(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM7_BASIC.indexOf(c) >= 0) {
                length++;
            } else if (GSM7_EXTENSION.indexOf(c) >= 0) {
                length += 2;
            } else {
                return -1;
            }
        }
        return length;
    }

    private static int segments(int length, int single, int perPart) {
        return length <= single ? 1 : (length + perPart - 1) / perPart;
    }
}
