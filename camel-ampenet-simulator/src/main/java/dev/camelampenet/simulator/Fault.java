package dev.camelampenet.simulator;

import java.util.Locale;

/** Faults that can be queued for the next requests ({@link AmpenetSimulator#nextFault}). */
public enum Fault {
    /** An HTML 500 page before the server acts: nothing happened. */
    HTTP_500,
    /** The connection is closed before the server acts: nothing happened, the client sees a broken connection. */
    DROP_BEFORE,
    /** The connection is closed after the server acted: the SMS went out, the client sees a broken connection. */
    DROP_AFTER,
    /** "Too Many Attempts." as from the rate limiter: nothing happened. */
    THROTTLE;

    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Fault parse(String key) {
        return valueOf(key.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
