package dev.camelampenet.simulator.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Laravel FormRequest validation messages: {@code The <attribute> field is required.} with the attribute made
 * "displayable" by Str::snake (so {@code PHONE} reads {@code p h o n e}), summarised as the first message plus
 * {@code (and N more error[s])}. The result is an HTTP 200 error, because the handler renders it.
 */
public final class Validation {

    private final List<String> errors = new ArrayList<>();

    public Validation required(String attribute, Object value) {
        if (ApiRequest.isBlank(value)) {
            errors.add("The " + displayable(attribute) + " field is required.");
        }
        return this;
    }

    public Validation add(String message) {
        errors.add(message);
        return this;
    }

    public boolean failed() {
        return !errors.isEmpty();
    }

    public void throwIfFailed() {
        if (!errors.isEmpty()) {
            throw ApiError.handler(summary());
        }
    }

    String summary() {
        String first = errors.get(0);
        int more = errors.size() - 1;
        if (more == 0) {
            return first;
        }
        return first + " (and " + more + " more " + (more == 1 ? "error" : "errors") + ")";
    }

    /**
     * {@code FormatsMessages::getDisplayableAttribute}: snake_case, then underscores to spaces. Str::snake puts a
     * delimiter before every upper-case letter of an all-caps name, which is where "p h o n e" comes from.
     */
    public static String displayable(String attribute) {
        if (attribute.chars().allMatch(Character::isLowerCase)) {
            return attribute;
        }
        // ucwords() then preg_replace('/(.)(?=[A-Z])/u', '$1_'): an underscore after any character followed by a capital
        String words = capitaliseWords(attribute).replaceAll("\\s+", "");
        StringBuilder snake = new StringBuilder();
        for (int i = 0; i < words.length(); i++) {
            snake.append(words.charAt(i));
            if (i + 1 < words.length() && Character.isUpperCase(words.charAt(i + 1))) {
                snake.append('_');
            }
        }
        return snake.toString().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String capitaliseWords(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean start = true;
        for (char c : text.toCharArray()) {
            out.append(start ? Character.toUpperCase(c) : c);
            start = Character.isWhitespace(c);
        }
        return out.toString();
    }
}
