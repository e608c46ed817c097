package dev.camelampenet.simulator.http;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** json_encode with Laravel's default flags (docs/ampenet-api.md §3, "JSON encoding"). */
class LaravelJsonTest {

    private static String write(Object value) {
        return new String(LaravelJson.write(value), StandardCharsets.UTF_8);
    }

    @Test
    void slashesAreEscaped() {
        assertThat(write("http://127.0.0.1:8089/api/v3/sms?page=2")).isEqualTo("\"http:\\/\\/127.0.0.1:8089\\/api\\/v3\\/sms?page=2\"");
    }

    @Test
    void nonAsciiIsALowercaseUnicodeEscape() {
        assertThat(write("é")).isEqualTo("\"\\u00e9\"");
        assertThat(write("€")).isEqualTo("\"\\u20ac\"");
        assertThat(write("Привет")).isEqualTo("\"\\u041f\\u0440\\u0438\\u0432\\u0435\\u0442\"");
    }

    @Test
    void astralCharactersAreTwoSurrogateEscapes() {
        assertThat(write("😀")).isEqualTo("\"\\ud83d\\ude00\"");
    }

    @Test
    void theOutputIsPureAscii() {
        byte[] bytes = LaravelJson.write("Jambo é € 😀 Ж");
        for (byte b : bytes) {
            assertThat(b & 0xFF).isLessThan(0x80);
        }
    }

    @Test
    void quotesBackslashesAndNewlinesUseTheShortEscapes() {
        assertThat(write("a\"b\\c\nd\te")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\"");
    }

    @Test
    void otherControlCharactersAreLowercaseEscapesToo() {
        // PHP writes every \\u escape with lowercase hex digits, control characters included
        assertThat(write("\u001f\u0000")).isEqualTo("\"\\u001f\\u0000\"");
    }

    @Test
    void keysKeepInsertionOrderAndNullsAreWritten() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "success");
        body.put("message", null);
        body.put("data", Map.of("cost", new BigDecimal("1")));
        assertThat(write(body)).isEqualTo("{\"status\":\"success\",\"message\":null,\"data\":{\"cost\":1}}");
    }

    @Test
    void theReaderStillParsesWhatTheWriterWrote() throws Exception {
        String json = write(Map.of("url", "http://x/é😀"));
        assertThat(LaravelJson.MAPPER.readTree(json).path("url").asText()).isEqualTo("http://x/é😀");
    }
}
