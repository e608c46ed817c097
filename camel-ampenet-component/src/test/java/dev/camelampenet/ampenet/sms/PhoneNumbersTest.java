package dev.camelampenet.ampenet.sms;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How numbers are read: the API's own form, international and local forms with separators, and what is refused and
 * why. (The reading runs for every recipient of every exchange, so it avoids regular expressions and parser
 * exceptions; these cases pin that it still reads exactly what it read before.)
 */
class PhoneNumbersTest {

    private static final String NOT_A_NUMBER = "not a phone number: only digits, spaces, + ( ) - . are allowed";
    private static final String INVALID = "not a valid phone number";
    private static final String NEEDS_REGION = INVALID + " (numbers in local form need the defaultRegion option)";

    @ParameterizedTest(name = "[{0}] with region {1}")
    @CsvSource(delimiter = ';', nullValues = "NULL", value = {
            "255712345678; NULL; 255712345678; NULL",
            "255712345678; TZ; 255712345678; NULL",
            "+255 712 345 678; NULL; 255712345678; NULL",
            "+255-712-345-678; NULL; 255712345678; NULL",
            "255 (0) 712 345 678; NULL; 255712345678; NULL",
            "00255712345678; NULL; 255712345678; NULL",
            "'+255754000111 '; NULL; 255754000111; NULL",
            "+1 650 253 0000; TZ; 16502530000; NULL",
            "16502530000; NULL; 16502530000; NULL",
            "0039 06 1234 5678; NULL; 390612345678; NULL",
            "+44 20 7946 0958; TZ; 442079460958; NULL",
            "0712 345 678; TZ; 255712345678; NULL",
            "0712-345-678; TZ; 255712345678; NULL",
            "(0712) 345.678; TZ; 255712345678; NULL",
            "0712/345/678; TZ; 255712345678; NULL",
            "0754 000 111; TZ; 255754000111; NULL",
            "712345678; TZ; 255712345678; NULL",
            "0712 345 678; NULL; NULL; " + NEEDS_REGION,
            "712345678; NULL; NULL; " + NEEDS_REGION,
            "12345; NULL; NULL; " + NEEDS_REGION,
            "12345; TZ; NULL; " + INVALID,
            "0; TZ; NULL; " + INVALID,
            "000; NULL; NULL; " + INVALID,
            "+0712345678; TZ; NULL; " + INVALID,
            "+999123456; NULL; NULL; " + INVALID,
            "911; TZ; NULL; " + INVALID,
            "00; TZ; NULL; " + NOT_A_NUMBER,
            "+; TZ; NULL; " + NOT_A_NUMBER,
            "++255712345678; NULL; NULL; " + NOT_A_NUMBER,
            "2+55712345678; NULL; NULL; " + NOT_A_NUMBER,
            "abc; TZ; NULL; " + NOT_A_NUMBER,
            "''; TZ; NULL; empty phone number",
            "'  '; TZ; NULL; empty phone number",
    })
    void readsNumbersAsTheApiWantsThem(String given, String region, String number, String problem) {
        Recipient r = new PhoneNumbers(region).normalise(given);

        assertThat(r.number()).isEqualTo(number);
        assertThat(r.problem()).isEqualTo(problem);
        assertThat(r.given()).isEqualTo(given);
    }

    @Test
    void whiteSpaceIsWhatRegularExpressionsCallWhiteSpace() {
        PhoneNumbers tz = new PhoneNumbers("TZ");

        assertThat(tz.normalise("0712\t345\n678").number()).isEqualTo("255712345678");
        assertThat(tz.normalise("0712\u2003345678").problem()).isEqualTo(NOT_A_NUMBER); // an em space is not a separator
        assertThat(tz.normalise(null).problem()).isEqualTo("empty phone number");
    }

    @Test
    void manyNumbersKeepTheFirstOfEachDuplicateAndPutTheInvalidLast() {
        List<Recipient> all = new PhoneNumbers("TZ").normaliseAll(Arrays.asList("bad", "0712 345 678", "+255712345678",
                "0754000111", "12345"));

        assertThat(all).extracting(Recipient::given).containsExactly("0712 345 678", "0754000111", "bad", "12345");
        assertThat(all).extracting(Recipient::number).containsExactly("255712345678", "255754000111", null, null);
    }
}
