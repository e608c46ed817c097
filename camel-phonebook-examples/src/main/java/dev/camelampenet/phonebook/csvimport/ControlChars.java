package dev.camelampenet.phonebook.csvimport;

/**
 * Text from a dropped file (its name, its cells, messages that quote them) made safe for a log line or a report
 * cell: a line break in a file name must not start a forged log line, and a bidi override must not turn a name
 * around on screen. Line breaks and tabs become {@code \n}, {@code \r}, {@code \t}; other control characters (C0,
 * DEL, C1), line and paragraph separators, bidi controls and the BOM become {@code \\uXXXX}.
 * <p>
 * Two flavours: {@link #escape} for log lines also doubles a backslash, so an escaped name can never be mistaken for
 * a name that was written that way; {@link #escapeControls} for the ledger and the report leaves backslashes alone,
 * so it can be applied twice without changing anything (the report escapes what the ledger stored, also ledgers
 * written before this existed).
 */
public final class ControlChars {

    private ControlChars() {
    }

    /** For a log line: every character that could break or disguise a line escaped, and backslashes; null becomes "". */
    public static String escape(String text) {
        return escape(text, true);
    }

    /** For a ledger field or a report cell: the same without touching backslashes, so applying it twice is harmless. */
    public static String escapeControls(String text) {
        return escape(text, false);
    }

    private static String escape(String text, boolean backslash) {
        if (text == null) {
            return "";
        }
        int i = 0;
        while (i < text.length() && !needsEscape(text.charAt(i), backslash)) {
            i++;
        }
        if (i == text.length()) {
            return text; // the usual case: nothing to do, no copy
        }
        StringBuilder sb = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c == '\\') {
                        sb.append(backslash ? "\\\\" : "\\");
                    } else if (needsEscape(c, false)) {
                        sb.append(String.format("\\u%04X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    private static boolean needsEscape(char c, boolean backslash) {
        return c < 0x20 || (backslash && c == '\\') || (c >= 0x7F && c <= 0x9F)
                || c == '\u2028' || c == '\u2029'                 // line and paragraph separators
                || (c >= '\u202A' && c <= '\u202E')               // bidi embeddings and overrides
                || (c >= '\u2066' && c <= '\u2069')               // bidi isolates
                || c == '\u200E' || c == '\u200F' || c == '\u061C' // bidi marks
                || c == '\uFEFF';
    }
}
