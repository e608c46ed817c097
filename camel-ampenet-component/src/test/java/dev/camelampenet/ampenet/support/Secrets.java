package dev.camelampenet.ampenet.support;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks that a token (or its secret part after the Sanctum id) shows up nowhere in a failure or a text. */
public final class Secrets {

    private Secrets() {
    }

    public static void assertNoToken(Throwable failure, String... tokens) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        assertNoToken(trace + "\n" + failure, tokens);
    }

    public static void assertNoToken(String text, String... tokens) {
        for (String token : tokens) {
            String secret = token.contains("|") ? token.substring(token.indexOf('|') + 1) : token;
            assertThat(text).as("text must not contain the token").doesNotContain(token).doesNotContain(secret);
        }
    }
}
