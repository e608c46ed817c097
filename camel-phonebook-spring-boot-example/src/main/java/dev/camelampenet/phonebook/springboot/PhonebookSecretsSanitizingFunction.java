package dev.camelampenet.phonebook.springboot;

import java.util.Locale;

import dev.camelampenet.phonebook.store.StoreSettings;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.stereotype.Component;

/**
 * Keeps the example's own secrets, the store's and the broker's passwords, out of {@code /actuator/env} and
 * {@code /actuator/configprops}. Spring Boot masks every value there unless {@code management.endpoint.*.show-values}
 * is {@code always} or {@code when-authorized}; then it masks nothing by itself (Spring Boot 3 has no list of
 * sensitive keys any more), and only {@link SanitizingFunction} beans stand between the password and the page. The
 * API token has the starter's function.
 * <ul>
 * <li>by key: {@code phonebook.<anything>.password} in any spelling relaxed binding accepts
 * ({@code PHONEBOOK_STORE_PASSWORD}, {@code phonebook.store.password});</li>
 * <li>by value: any other property whose value holds the store's password in one of its spellings
 * ({@link StoreSettings#mask}: as given, URL-encoded, or written into the URL), or the broker's password, such as a
 * {@code db.secret=...} that {@code phonebook.store.password} refers to with a placeholder, or a command line.</li>
 * </ul>
 */
@Component
public class PhonebookSecretsSanitizingFunction implements SanitizingFunction {

    /** Broker passwords shorter than this are not looked for inside other values: too likely to match by chance. */
    private static final int MIN_LENGTH_FOR_VALUE_MATCH = 6;

    private final PhonebookProperties properties;

    public PhonebookSecretsSanitizingFunction(PhonebookProperties properties) {
        this.properties = properties;
    }

    @Override
    public SanitizableData apply(SanitizableData data) {
        if (isPasswordKey(data.getKey()) || containsSecret(data.getValue())) {
            return data.withSanitizedValue();
        }
        return data;
    }

    /** phonebook[.anything].password, however it is spelt. */
    static boolean isPasswordKey(String key) {
        if (key == null) {
            return false;
        }
        String canonical = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return canonical.startsWith("phonebook") && canonical.endsWith("password");
    }

    private boolean containsSecret(Object value) {
        if (value == null) {
            return false;
        }
        String text = value.toString();
        // every spelling of the store's password, including one written into phonebook.store.url itself (a short
        // password masks more than it needs to: better than showing it)
        if (!properties.toStoreSettings().mask(text).equals(text)) {
            return true;
        }
        String broker = properties.getBroker().getPassword();
        return broker != null && broker.length() >= MIN_LENGTH_FOR_VALUE_MATCH && text.contains(broker);
    }
}
