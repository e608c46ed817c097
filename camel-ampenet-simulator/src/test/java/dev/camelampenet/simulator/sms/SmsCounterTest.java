package dev.camelampenet.simulator.sms;

import dev.camelampenet.simulator.sms.SmsCounter.Count;
import dev.camelampenet.simulator.sms.SmsCounter.Encoding;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Segment counting as {@code app/Library/SMSCounter.php} does it (docs/ampenet-api.md §9). */
class SmsCounterTest {

    /** The code points of SMSCounter::getGsm7bitMap() in the vendor source: GSM 03.38, as the server knows it. */
    private static final int[] VENDOR_GSM7_MAP = {
        10, 12, 13, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56,
        57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84,
        85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110,
        111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 161, 163, 164, 165, 167, 191,
        196, 197, 198, 199, 201, 209, 214, 216, 220, 223, 224, 228, 229, 230, 232, 233, 236, 241, 242, 246, 248, 249,
        252, 915, 916, 920, 923, 926, 928, 931, 934, 936, 937, 8364,
    };
    /** SMSCounter::getAddedGsm7bitExMap(): each of these takes an escape plus the character. */
    private static final int[] VENDOR_GSM7_EXTENSION = {12, 91, 92, 93, 94, 123, 124, 125, 126, 8364};

    private static int segments(String text) {
        return SmsCounter.count(text).segments;
    }

    @ParameterizedTest(name = "{0} GSM-7 characters = {1} segment(s)")
    @CsvSource({"1,1", "160,1", "161,2", "306,2", "307,3", "459,3", "460,4"})
    void gsm7UsesOneHundredSixtyThenOneHundredFiftyThreePerPart(int length, int expected) {
        Count count = SmsCounter.count("a".repeat(length));

        assertThat(count.encoding).isEqualTo(Encoding.GSM_7);
        assertThat(count.length).isEqualTo(length);
        assertThat(count.segments).isEqualTo(expected);
    }

    @ParameterizedTest(name = "extension character {0} counts 2")
    @ValueSource(strings = {"€", "[", "]", "{", "}", "^", "~", "|", "\\", "\f"})
    void extensionCharactersCountTwo(String c) {
        assertThat(SmsCounter.count(c).encoding).isEqualTo(Encoding.GSM_7);
        assertThat(SmsCounter.count(c).length).isEqualTo(2);
        assertThat(segments(c.repeat(80))).isEqualTo(1);
        assertThat(segments(c.repeat(81))).isEqualTo(2);
    }

    @Test
    void extensionCharactersMixWithBasicOnesInOneLength() {
        assertThat(segments("€" + "a".repeat(158))).isEqualTo(1); // 160
        assertThat(segments("€" + "a".repeat(159))).isEqualTo(2); // 161
        assertThat(SmsCounter.count("€" + "a".repeat(159)).length).isEqualTo(161);
    }

    @ParameterizedTest(name = "{0} UCS-2 characters = {1} segment(s)")
    @CsvSource({"1,1", "70,1", "71,2", "134,2", "135,3", "201,3", "202,4"})
    void ucs2UsesSeventyThenSixtySevenPerPart(int length, int expected) {
        Count count = SmsCounter.count("Ж".repeat(length));

        assertThat(count.encoding).isEqualTo(Encoding.UCS_2);
        assertThat(count.segments).isEqualTo(expected);
    }

    @Test
    void oneNonGsmCharacterTurnsTheWholeTextIntoUcs2() {
        String text = "a".repeat(69) + "Ж";

        assertThat(SmsCounter.count(text).encoding).isEqualTo(Encoding.UCS_2);
        assertThat(segments(text)).isEqualTo(1);
        assertThat(segments("a".repeat(70) + "Ж")).isEqualTo(2);
        assertThat(SmsCounter.count("`").encoding).as("the backtick is not in the GSM table").isEqualTo(Encoding.UCS_2);
    }

    @Test
    void anEmojiCountsTwoUnits() {
        assertThat(SmsCounter.count("😀").length).isEqualTo(2);
        assertThat(segments("😀" + "Ж".repeat(68))).isEqualTo(1); // 70 units
        assertThat(segments("😀" + "Ж".repeat(69))).isEqualTo(2); // 71 units
        assertThat(segments("😀".repeat(35))).isEqualTo(1);
        assertThat(segments("😀".repeat(36))).isEqualTo(2);
    }

    @Test
    void emptyTextIsZeroSegments() {
        assertThat(segments("")).isZero();
        assertThat(segments(null)).isZero();
    }

    @Test
    void theCharacterTablesAreTheVendorsOwn() {
        IntStream.of(VENDOR_GSM7_MAP).forEach(cp -> {
            Count count = SmsCounter.count(new String(Character.toChars(cp)));
            boolean extension = IntStream.of(VENDOR_GSM7_EXTENSION).anyMatch(e -> e == cp);
            assertThat(count.encoding).as("U+%04X", cp).isEqualTo(Encoding.GSM_7);
            assertThat(count.length).as("U+%04X", cp).isEqualTo(extension ? 2 : 1);
        });
        // everything else below U+2200 (Latin, Greek, Cyrillic...) needs UCS-2
        IntStream.range(0, 0x2200).filter(cp -> IntStream.of(VENDOR_GSM7_MAP).noneMatch(v -> v == cp))
                .forEach(cp -> assertThat(SmsCounter.count(new String(Character.toChars(cp))).encoding)
                        .as("U+%04X", cp).isEqualTo(Encoding.UCS_2));
    }
}
