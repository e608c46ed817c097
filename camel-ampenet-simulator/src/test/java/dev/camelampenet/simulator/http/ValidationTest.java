package dev.camelampenet.simulator.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Laravel's validation messages: FormatsMessages::getDisplayableAttribute (str_replace('_', ' ', Str::snake($attr)))
 * and ValidationException::summarize (docs/ampenet-api.md §6.4, §8.3 and Q26).
 */
class ValidationTest {

    /**
     * Laravel's Str::snake, transcribed step by step as an independent oracle: if not ctype_lower, then
     * preg_replace('/\s+/u', '', ucwords($value)), then preg_replace('/(.)(?=[A-Z])/u', '$1_'), then lower.
     */
    private static String laravelDisplayable(String value) {
        String snake = value;
        if (!value.matches("[a-z]+")) {
            StringBuilder ucwords = new StringBuilder();
            boolean start = true;
            for (char c : value.toCharArray()) {
                ucwords.append(start ? Character.toUpperCase(c) : c);
                start = " \t\r\n\f\u000b".indexOf(c) >= 0;
            }
            snake = ucwords.toString().replaceAll("\\s+", "").replaceAll("(.)(?=[A-Z])", "$1_").toLowerCase(Locale.ROOT);
        }
        return snake.replace('_', ' ');
    }

    @ParameterizedTest(name = "{0} -> \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "PHONE|p h o n e",
        "FIRST_NAME|f i r s t  n a m e",
        "LAST_NAME|l a s t  n a m e",
        "contact_list_id|contact list id",
        "sending_server|sending server",
        "phone|phone",
        "recipient|recipient",
        "firstName|first name",
        "first name|first name",
        "BIRTH_DATE|b i r t h  d a t e",
    })
    void displayableAttributeIsStrSnakeWithSpaces(String attribute, String expected) {
        assertThat(Validation.displayable(attribute)).isEqualTo(expected);
        assertThat(laravelDisplayable(attribute)).as("the transcribed Laravel algorithm agrees").isEqualTo(expected);
    }

    @Test
    void firstNameHasTheDoubleSpaceWhereTheUnderscoreWas() {
        // F_I_R_S_T + "_" (kept) + N_A_M_E: the original underscore plus the inserted one become two spaces
        assertThat(Validation.displayable("FIRST_NAME")).isEqualTo("f i r s t  n a m e").contains("t  n");
    }

    @Test
    void requiredMessagesUseTheDisplayableAttribute() {
        assertThatThrownBy(() -> new Validation().required("PHONE", null).throwIfFailed())
                .isInstanceOf(ApiError.class).hasMessage("The p h o n e field is required.")
                .satisfies(e -> assertThat(((ApiError) e).status).as("rendered by the handler").isEqualTo(200));
        assertThatThrownBy(() -> new Validation().required("contact_list_id", " ").throwIfFailed())
                .hasMessage("The contact list id field is required.");
    }

    @Test
    void blankValuesFailRequiredOthersPass() {
        assertThat(new Validation().required("a", "").failed()).isTrue();
        assertThat(new Validation().required("a", java.util.List.of()).failed()).isTrue();
        assertThat(new Validation().required("a", "x").failed()).isFalse();
        assertThat(new Validation().required("a", java.math.BigDecimal.ZERO).failed()).isFalse();
    }

    @Test
    void summaryIsTheFirstMessagePlusHowManyMore() {
        assertThat(new Validation().required("recipient", null).summary()).isEqualTo("The recipient field is required.");
        assertThat(new Validation().required("recipient", null).required("message", null).summary())
                .isEqualTo("The recipient field is required. (and 1 more error)");
        assertThat(new Validation().required("name", null).required("sending_server", null).add("x").summary())
                .isEqualTo("The name field is required. (and 2 more errors)");
    }

    @Test
    void nothingIsThrownWithoutErrors() {
        new Validation().required("recipient", "255712345678").throwIfFailed();
    }
}
