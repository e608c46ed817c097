package dev.camelampenet.simulator.sms;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contact Phone rule and the send path's validatePhone, which differ on purpose
 * (docs/ampenet-api.md §6.4 and §6.5).
 */
class PhoneRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "255712345678",      // Tanzania mobile
        "12025550775",       // a US number with its country code (docs/ampenet-api.md §6.4)
        "2901234",           // 7 digits: Saint Helena, a 4-digit national number
        "49151234567890123", // 17 digits, still a possible German number
    })
    void contactRuleAcceptsPossibleNumbersWithCountryCode(String phone) {
        assertThat(PhoneRules.isValidContactPhone(phone)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "+255712345678",       // the rule is digits only: the '+' is added by the rule itself
        "255 712345678",
        "25571234567a",
        "290123",              // 6 digits
        "491512345678901234",  // 18 digits
        "1234567",             // 7 digits but not a possible +1 number
        "0712345678",          // national format: no country code
        "999123456789",        // no such country code
        "88017214578912",      // Bangladesh, but too long to be possible
    })
    void contactRuleRejectsEverythingElse(String phone) {
        assertThat(PhoneRules.isValidContactPhone(phone)).isFalse();
    }

    @Test
    void contactRuleRejectsNull() {
        assertThat(PhoneRules.isValidContactPhone(null)).isFalse();
    }

    @Test
    void sendRuleIsOnlySevenToFifteenDigits() {
        assertThat(PhoneRules.isValidSendPhone("1234567")).as("no country check on the send path").isTrue();
        assertThat(PhoneRules.isValidSendPhone("123456789012345")).isTrue();
        assertThat(PhoneRules.isValidSendPhone("123456")).isFalse();
        assertThat(PhoneRules.isValidSendPhone("1234567890123456")).isFalse();
        assertThat(PhoneRules.isValidSendPhone("25571234567a")).isFalse();
        assertThat(PhoneRules.isValidSendPhone("+255712345678")).as("checked after stripping").isFalse();
    }

    @Test
    void recipientsAreStrippedOfPlusParenthesesDashesAndSpaces() {
        assertThat(PhoneRules.splitRecipients("+255 (712) 345-678")).containsExactly("255712345678");
        assertThat(PhoneRules.splitRecipients("+1 (202) 555-0775,+44 20 7946 0958"))
                .containsExactly("12025550775", "442079460958");
    }

    @Test
    void duplicatesAreRemovedKeepingTheFirstOccurrenceOrder() {
        assertThat(PhoneRules.splitRecipients("255712345679,255712345678,+255 712 345 679,255712345677,255712345678"))
                .containsExactly("255712345679", "255712345678", "255712345677");
    }

    @Test
    void emptyPartsAreDropped() {
        assertThat(PhoneRules.splitRecipients("255712345678,,  ,255712345679,")).containsExactly("255712345678", "255712345679");
    }

    @Test
    void countryCodeIsReadWithALeadingPlus() {
        assertThat(PhoneRules.countryCode("255712345678")).contains(255);
        assertThat(PhoneRules.countryCode("12025550775")).contains(1);
        assertThat(PhoneRules.countryCode("999123456789")).isEmpty();
    }
}
