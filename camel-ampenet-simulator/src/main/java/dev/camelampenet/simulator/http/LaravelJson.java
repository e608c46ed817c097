package dev.camelampenet.simulator.http;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON as PHP's {@code json_encode} with Laravel's default flags writes it: {@code /} escaped as {@code \/} and
 * every non-ASCII character as a lowercase {@code \u00e9} escape, so clients that compare bytes see what the real
 * server sends. Key order is insertion order (responses are built from LinkedHashMaps).
 */
public final class LaravelJson {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private static final ObjectMapper WRITER = JsonMapper.builder().build();

    static {
        WRITER.getFactory().setCharacterEscapes(new PhpEscapes());
    }

    private LaravelJson() {
    }

    public static byte[] write(Object value) {
        try {
            return WRITER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class PhpEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private static final SerializedString SLASH = new SerializedString("\\/");
        private final int[] ascii;

        PhpEscapes() {
            ascii = CharacterEscapes.standardAsciiEscapesForJSON();
            ascii['/'] = CharacterEscapes.ESCAPE_CUSTOM;
            // Jackson escapes the other control characters with upper-case hex (001F); PHP writes lower-case (001f)
            for (int c = 0; c < 0x20; c++) {
                if (ascii[c] == CharacterEscapes.ESCAPE_STANDARD) {
                    ascii[c] = CharacterEscapes.ESCAPE_CUSTOM;
                }
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch == '/') {
                return SLASH;
            }
            if (ch < 0x20 || ch > 0x7F) {
                return new SerializedString(String.format("\\u%04x", ch));
            }
            return null;
        }
    }
}
