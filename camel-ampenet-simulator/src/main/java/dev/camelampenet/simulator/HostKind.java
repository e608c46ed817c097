package dev.camelampenet.simulator;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The web server in front of the Laravel app. It matters for one thing: the app ships an Apache {@code .htaccess}
 * that redirects any path ending in a slash, while an nginx host passes the path on and Laravel's router ignores the
 * trailing slash.
 */
public enum HostKind {
    /** The shipped {@code .htaccess} answers {@code …/balance/} with a 301 to {@code …/balance}. */
    APACHE,
    /** {@code …/balance/} is answered as {@code …/balance}. */
    NGINX;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static HostKind parse(String key) {
        for (HostKind value : values()) {
            if (value.key().equals(key.trim().toLowerCase(Locale.ROOT))) {
                return value;
            }
        }
        throw new IllegalArgumentException("Unknown host kind '" + key + "'; use one of "
                + Arrays.stream(values()).map(HostKind::key).collect(Collectors.joining(", ")));
    }
}
