package dev.camelampenet.phonebook.csvimport;

import java.util.List;

/**
 * Tells comma, semicolon and tab separated files apart. The header decides: the separator it holds most often
 * (outside quotes) wins, comma on a tie. A header with none of them is a one-column file unless the next lines say
 * otherwise, so those are looked at next. Excel writes semicolons where the decimal mark is a comma; CRMs write
 * commas; "Unicode text" exports use tabs.
 */
public final class DelimiterDetector {

    private DelimiterDetector() {
    }

    /** @param firstLines the first non-blank lines of the file, header first (a few are enough) */
    public static CsvDelimiter detect(List<String> firstLines) {
        for (String line : firstLines) {
            CsvDelimiter found = detect(line);
            if (found != null) {
                return found;
            }
        }
        return CsvDelimiter.COMMA;
    }

    /** The separator this line uses most often outside quotes, or null when it has none. */
    static CsvDelimiter detect(String line) {
        int[] counts = new int[CsvDelimiter.values().length];
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                continue;
            }
            if (!quoted) {
                for (CsvDelimiter d : CsvDelimiter.values()) {
                    if (c == d.character()) {
                        counts[d.ordinal()]++;
                    }
                }
            }
        }
        CsvDelimiter best = null;
        for (CsvDelimiter d : CsvDelimiter.values()) {
            if (counts[d.ordinal()] > 0 && (best == null || counts[d.ordinal()] > counts[best.ordinal()])) {
                best = d;
            }
        }
        return best;
    }
}
