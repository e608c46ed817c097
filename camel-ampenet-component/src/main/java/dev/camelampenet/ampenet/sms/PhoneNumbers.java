package dev.camelampenet.ampenet.sms;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Reads phone numbers the way people write them ("+255 712 345 678", "0712-345-678", "255712345678") and writes
 * them the way the API wants them: country code and national number as digits. Local forms need a default region.
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    /** One instance per default region, so a number normalised by a flow is known to the endpoint that sends it. */
    private static final Map<String, PhoneNumbers> BY_REGION = new ConcurrentHashMap<>();
    /**
     * Bounds {@link #produced} (about 100 bytes a number): a number is sent moments after it was normalised (a CSV
     * import has a few dozen rows in flight), so the recent ones are enough; one that fell out is parsed again. At
     * 100,000 it held 10 MB for the whole life of an import, a third of the heap a million-row import needs.
     */
    private static final int MAX_REMEMBERED = 16_384;

    private final String defaultRegion;
    /**
     * The numbers this instance wrote: a number is normalised once, where it enters (a CSV row, an alert), and the
     * endpoint that sends it recognises its own output instead of parsing it again.
     */
    private final Set<String> produced = ConcurrentHashMap.newKeySet();

    /** The shared instance for a default region (null for none). */
    public static PhoneNumbers forRegion(String defaultRegion) {
        String key = defaultRegion == null || defaultRegion.isBlank() ? "" : defaultRegion.trim().toUpperCase(Locale.ROOT);
        return BY_REGION.computeIfAbsent(key, k -> new PhoneNumbers(k.isEmpty() ? null : defaultRegion)); // checked as given
    }

    /** @param defaultRegion ISO 3166 code such as TZ, or null when every number carries its country code */
    public PhoneNumbers(String defaultRegion) {
        if (defaultRegion != null && !defaultRegion.isBlank()
                && !UTIL.getSupportedRegions().contains(defaultRegion.trim().toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("defaultRegion '" + defaultRegion + "' is not an ISO 3166 country code"
                    + " libphonenumber knows (e.g. TZ, KE, UG)");
        }
        this.defaultRegion = defaultRegion == null || defaultRegion.isBlank() ? null : defaultRegion.trim().toUpperCase(Locale.ROOT);
    }

    public Recipient normalise(String given) {
        if (given != null && produced.contains(given)) {
            return new Recipient(given, given, null); // already this instance's output
        }
        String raw = given == null ? "" : given.trim();
        if (raw.isEmpty()) {
            return new Recipient(given, null, "empty phone number");
        }
        String digits = digitsOf(raw);
        if (digits != null && digits.startsWith("00")) {
            digits = digits.length() > 2 ? "+" + digits.substring(2) : null;
        }
        if (digits == null) {
            return new Recipient(given, null, "not a phone number: only digits, spaces, + ( ) - . are allowed");
        }
        boolean international = digits.startsWith("+");
        PhoneNumber number = null;
        boolean valid = false;
        // no country code starts with 0, so "0712..." is only worth reading as a local number (asking the parser for
        // "+0712..." would cost it an exception, for every row of a CSV in local form)
        if (international || digits.charAt(0) != '0') {
            number = parse(international ? digits : "+" + digits, "ZZ");
            valid = number != null && UTIL.isValidNumber(number);
        }
        if (!international && !valid && defaultRegion != null) {
            // not the API's own form (country code without '+'): read it as a local number
            number = parse(digits, defaultRegion);
            valid = number != null && UTIL.isValidNumber(number);
        }
        if (!valid) {
            return new Recipient(given, null, "not a valid phone number" + (defaultRegion == null && !international
                    ? " (numbers in local form need the defaultRegion option)" : ""));
        }
        // what the E.164 format is, without its '+'
        String normalised = number.getCountryCode() + UTIL.getNationalSignificantNumber(number);
        if (produced.size() >= MAX_REMEMBERED) {
            produced.clear();
        }
        produced.add(normalised);
        return new Recipient(given, normalised, null);
    }

    /**
     * The number without its separators (white space, parentheses, dashes, dots, slashes), or null when anything but
     * digits is left apart from one leading '+' (a character loop: this runs for every recipient of every exchange).
     */
    static String digitsOf(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                out.append(c);
            } else if (c == '+' && out.length() == 0) {
                out.append(c);
            } else if (!(c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r' // regex \s
                    || c == '(' || c == ')' || c == '-' || c == '.' || c == '/')) {
                return null;
            }
        }
        return out.length() == 0 || (out.length() == 1 && out.charAt(0) == '+') ? null : out.toString();
    }

    private static PhoneNumber parse(String text, String region) {
        try {
            return UTIL.parse(text, region);
        } catch (NumberParseException e) {
            return null;
        }
    }

    /** Normalises many numbers, keeping the first of each duplicate (by normalised number) and the order. */
    public List<Recipient> normaliseAll(Collection<String> given) {
        Map<String, Recipient> unique = new LinkedHashMap<>();
        List<Recipient> invalid = new ArrayList<>();
        for (String g : given) {
            Recipient r = normalise(g);
            if (r.isValid()) {
                unique.putIfAbsent(r.number(), r);
            } else {
                invalid.add(r);
            }
        }
        List<Recipient> all = new ArrayList<>(unique.values());
        all.addAll(invalid);
        return all;
    }
}
