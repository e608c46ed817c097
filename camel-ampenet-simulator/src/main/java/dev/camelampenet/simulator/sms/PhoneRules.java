package dev.camelampenet.simulator.sms;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The server's two phone checks, which differ on purpose: the contact rule and the send path's validatePhone. */
public final class PhoneRules {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Pattern CONTACT_PHONE = Pattern.compile("^[0-9]{7,17}$");
    private static final Pattern SEND_PHONE = Pattern.compile("^[0-9]{7,15}$");
    private static final Pattern SEND_STRIP = Pattern.compile("[+()\\-\\s]");

    private PhoneRules() {
    }

    /** {@code app/Rules/Phone.php}: digits only, 7-17 long, and possible when read with a leading '+'. */
    public static boolean isValidContactPhone(String value) {
        return value != null && CONTACT_PHONE.matcher(value).matches() && parse(value).map(UTIL::isPossibleNumber).orElse(false);
    }

    /** {@code Tool::validatePhone} on the send path: 7-15 digits after stripping. */
    public static boolean isValidSendPhone(String cleaned) {
        return SEND_PHONE.matcher(cleaned).matches();
    }

    /** The send path strips {@code + ( ) -} and spaces from each recipient, then removes duplicates. */
    public static List<String> splitRecipients(String recipient) {
        Set<String> unique = new LinkedHashSet<>();
        for (String part : recipient.split(",")) {
            String cleaned = SEND_STRIP.matcher(part).replaceAll("");
            if (!cleaned.isEmpty()) {
                unique.add(cleaned);
            }
        }
        return new ArrayList<>(unique);
    }

    /** The calling code of a number written with its country code, when libphonenumber knows it. */
    public static Optional<Integer> countryCode(String digits) {
        return parse(digits).map(PhoneNumber::getCountryCode).filter(cc -> !UTIL.getRegionCodesForCountryCode(cc).isEmpty());
    }

    private static Optional<PhoneNumber> parse(String digits) {
        try {
            return Optional.of(UTIL.parse("+" + digits, "ZZ"));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
