package dev.camelampenet.phonebook.store;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.spi.PropertiesComponent;

/**
 * Where the flows keep their shared state ({@code phonebook.store.*}, docs/operations.md): a PostgreSQL database that
 * several instances of the application share, or, when {@code phonebook.store.url} is empty, the embedded default (each
 * instance's own files, as before).
 * <p>
 * The password is a secret: {@link #toString()} and every message built with {@link #mask(String)} show {@code ****}
 * instead. A password written into the URL ({@code ?password=...}, or {@code //user:secret@host}) is taken out of it
 * here, so the URL that is logged, handed to the pool and shown by the driver's metadata (Flyway logs it) never
 * carries it.
 */
public final class StoreSettings {

    static final String MASK = "****";

    /** A password parameter with its separator, and the separator of the next parameter if any. */
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("([?&;])password=([^&;#]*)([&;]?)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern USER_INFO = Pattern.compile("^(jdbc:[a-z0-9]+:)?(//)([^/@?#]*)@", Pattern.CASE_INSENSITIVE);

    /** null: the embedded default; never contains a password. */
    private final String url;
    private final String user;
    private final String password;
    /** Every spelling of a secret seen (the setting and one found in the URL), for {@link #mask(String)}. */
    private final List<String> secrets;

    private StoreSettings(String url, String user, String password, List<String> secrets) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.secrets = List.copyOf(secrets);
    }

    /** Reads {@code phonebook.store.url}, {@code .user} and {@code .password}; absent keys are empty. */
    public static StoreSettings from(PropertiesComponent pc) {
        return of(get(pc, "phonebook.store.url"), get(pc, "phonebook.store.user"), get(pc, "phonebook.store.password"));
    }

    /**
     * The settings for these values. A password given on its own wins over one in the URL (which is dropped all the
     * same); blank values mean none.
     */
    public static StoreSettings of(String url, String user, String password) {
        String cleanUrl = blankToNull(url);
        String cleanUser = blankToNull(user);
        // a password is taken as given (spaces may be part of it); only an empty one means none
        String cleanPassword = password == null || password.isEmpty() ? null : password;
        List<String> secrets = new ArrayList<>();
        if (cleanPassword != null) {
            secrets.add(cleanPassword);
        }
        if (cleanUrl != null) {
            String urlPassword = null;
            Matcher info = USER_INFO.matcher(cleanUrl);
            if (info.find()) {
                // pgjdbc reads no user info from the URL; take it out so it is neither logged nor misread as a host
                String userInfo = info.group(3);
                int colon = userInfo.indexOf(':');
                String infoUser = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
                if (colon >= 0) {
                    urlPassword = decode(userInfo.substring(colon + 1));
                    secrets.add(userInfo.substring(colon + 1)); // as written, in case a message quotes the raw URL
                }
                if (cleanUser == null && !infoUser.isEmpty()) {
                    cleanUser = infoUser;
                }
                cleanUrl = cleanUrl.substring(0, info.start(3)) + cleanUrl.substring(info.end());
            }
            // again until none is left: a removal consumes the separator a second password parameter starts with
            for (QueryPassword query = removePasswordParameter(cleanUrl); !query.rawValues.isEmpty();
                    query = removePasswordParameter(cleanUrl)) {
                cleanUrl = query.url;
                for (String raw : query.rawValues) {
                    secrets.add(raw);
                    urlPassword = urlPassword != null ? urlPassword : decode(raw);
                }
            }
            if (urlPassword != null && !urlPassword.isEmpty()) {
                secrets.add(urlPassword);
                if (cleanPassword == null) {
                    cleanPassword = urlPassword;
                }
            }
        }
        if (cleanPassword != null) {
            secrets.add(URLEncoder.encode(cleanPassword, StandardCharsets.UTF_8)); // how it would appear in a URL
        }
        secrets.removeIf(s -> s == null || s.isEmpty());
        // longest first, so a secret that contains another is masked whole
        secrets.sort((a, b) -> Integer.compare(b.length(), a.length()));
        return new StoreSettings(cleanUrl, cleanUser, cleanPassword, secrets);
    }

    /** The embedded default: no URL is set, so each instance keeps its state in its own files. */
    public boolean embedded() {
        return url == null;
    }

    /** The JDBC URL without any password (null when {@link #embedded()}). */
    public String url() {
        return url;
    }

    /** The database user, or null to let the driver decide (the URL's {@code user} parameter, or none). */
    public String user() {
        return user;
    }

    /** The password: for opening connections only, never for a message or a log line. */
    String password() {
        return password;
    }

    /** The text with every spelling of the password replaced by {@code ****}: for every message that could hold it. */
    public String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }

    @Override
    public String toString() {
        return "StoreSettings[" + (embedded() ? "embedded" : "url=" + mask(url) + ", user=" + user)
                + ", password=" + (password == null ? "(none)" : MASK) + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoreSettings other && Objects.equals(url, other.url) && Objects.equals(user, other.user)
                && Objects.equals(password, other.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, user);
    }

    private record QueryPassword(String url, List<String> rawValues) {
    }

    /**
     * Drops every {@code password=} parameter: after ? or &amp; (pgjdbc's), or after ; (other drivers' habit, so that a
     * URL of the wrong kind is masked too before its message quotes it).
     */
    private static QueryPassword removePasswordParameter(String url) {
        List<String> values = new ArrayList<>();
        Matcher m = PASSWORD_PARAMETER.matcher(url);
        StringBuilder kept = new StringBuilder();
        int last = 0;
        while (m.find()) {
            values.add(m.group(2));
            kept.append(url, last, m.start());
            // keep the separator when another parameter follows ("?password=x&ssl=true" -> "?ssl=true")
            if (m.group(3) != null && !m.group(3).isEmpty()) {
                kept.append(m.group(1));
            }
            last = m.end();
        }
        kept.append(url.substring(last));
        return new QueryPassword(kept.toString(), values);
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value; // not percent-encoded after all: taken as written
        }
    }

    private static String get(PropertiesComponent pc, String key) {
        return pc.resolveProperty(key).orElse("");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
