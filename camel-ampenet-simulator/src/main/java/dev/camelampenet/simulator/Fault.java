package dev.camelampenet.simulator;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Faults that can be queued for the next requests ({@link AmpenetSimulator#nextFault}). */
public enum Fault {
    /** An HTML 500 page before the server acts: nothing happened. */
    HTTP_500,
    /** The connection is closed before the server acts: nothing happened, the client sees a broken connection. */
    DROP_BEFORE,
    /** The connection is closed after the server acted: the SMS went out, the client sees a broken connection. */
    DROP_AFTER,
    /** "Too Many Attempts." as from the rate limiter: nothing happened. */
    THROTTLE,
    /** The server acts, then answers 200 text/html: PHP warnings printed before the JSON it meant to send. */
    HTML_AFTER,
    /** The server acts, then answers 200 with an error envelope no client knows (an SQL deadlock). */
    ERROR_AFTER,
    /** The server acts, then sends half of the body its Content-Length announced and closes the connection. */
    TRUNCATED_AFTER;

    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Fault parse(String key) {
        // valueOf's own message names the Java constant; users typed a key, so answer with the keys they can use
        for (Fault value : values()) {
            if (value.key().equals(key.trim().toLowerCase(Locale.ROOT).replace('_', '-'))) {
                return value;
            }
        }
        throw new IllegalArgumentException("Unknown fault '" + key + "'; use one of "
                + Arrays.stream(values()).map(Fault::key).collect(Collectors.joining(", ")));
    }
}
