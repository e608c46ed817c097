package dev.camelampenet.simulator;

import java.util.List;
import java.util.Locale;

/**
 * A field of a contact group, as a customer defines it in the web UI (Contacts → a group → Fields): the tag the API
 * uses as a request key and in {@code custom_fields}, a display name, a type, and whether a contact needs a value.
 * Every group has PHONE (required) plus, when created, FIRST_NAME and LAST_NAME (optional), all of type text.
 *
 * @param type one of {@link #TYPES}; recorded and shown, but the API does not check values against it (the
 *             server's rules only check PHONE and the required fields)
 */
public record GroupField(String tag, String name, String type, boolean required) {

    public static final List<String> TYPES = List.of("text", "number", "date", "datetime", "textarea", "dropdown",
            "multiselect", "checkbox", "radio");

    public GroupField {
        if (tag == null || !tag.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("A field tag is letters, digits and underscores, starting with a letter; got '" + tag + "'");
        }
        if (name == null || name.isBlank()) {
            name = defaultName(tag);
        }
        type = type == null || type.isBlank() ? "text" : type.trim().toLowerCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("Unknown field type '" + type + "'; use one of " + String.join(", ", TYPES));
        }
    }

    /** {@code FIRST_NAME} → {@code First name}, the label the web UI would show for a tag typed without one. */
    static String defaultName(String tag) {
        String words = tag.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
