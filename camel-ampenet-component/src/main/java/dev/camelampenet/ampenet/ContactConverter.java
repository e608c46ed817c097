package dev.camelampenet.ampenet;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.camelampenet.ampenet.model.Contact;
import dev.camelampenet.ampenet.model.ContactStatus;
import org.apache.camel.Converter;

/**
 * Camel type conversions to {@link Contact}, the body of contacts/store and contacts/update: from a {@code Map} (keys
 * {@code phone}/{@code mobile}/{@code PHONE}, {@code firstName}/{@code first_name}/{@code FIRST_NAME},
 * {@code lastName}/..., {@code customFields}, anything else a custom field by its tag, compared case-insensitively),
 * from a JSON object in a String (the same keys), from a plain String phone number, and ({@link #fromBean}) from any
 * POJO Jackson can read. The shape only: the endpoint normalises the phone.
 */
@Converter(generateLoader = true)
public final class ContactConverter {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private ContactConverter() {
    }

    /**
     * A JSON object (the text starts with '{') or a phone number.
     *
     * @throws IllegalArgumentException for text that starts as JSON but is not a JSON object
     */
    @Converter
    public static Contact toContact(String text) {
        String s = text.strip();
        if (!s.startsWith("{")) {
            return new Contact(s);
        }
        try {
            return toContact(JSON.readValue(s, Map.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the contact is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() : ""), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("the contact cannot be read: " + e.getMessage(), e);
        }
    }

    @Converter
    public static Contact toContact(Map<?, ?> map) {
        Contact c = new Contact();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                continue;
            }
            String key = e.getKey().toString();
            Object value = e.getValue();
            switch (normalise(key)) {
                case "phone": case "mobile": case "msisdn": case "number": case "phonenumber":
                    c.setPhone(value.toString());
                    break;
                case "firstname":
                    c.setFirstName(value.toString());
                    break;
                case "lastname":
                    c.setLastName(value.toString());
                    break;
                case "status":
                    c.setStatus(ContactStatus.fromWire(value.toString()));
                    break;
                case "customfields":
                    if (value instanceof Map) {
                        ((Map<?, ?>) value).forEach((k, v) -> {
                            if (k != null && v != null) {
                                c.withCustomField(tag(k.toString()), v.toString());
                            }
                        });
                    }
                    break;
                case "uid":
                    break;
                default:
                    c.withCustomField(tag(key), value.toString());
            }
        }
        return c;
    }

    /**
     * Any other object (a POJO, a record) through Jackson: its properties read as the keys of a {@code Map} would be,
     * so a property {@code company} sets the custom field {@code COMPANY}.
     *
     * @throws IllegalArgumentException when Jackson cannot read the object as a set of properties
     */
    public static Contact fromBean(Object bean) {
        Map<?, ?> properties = JSON.convertValue(bean, Map.class);
        return toContact(properties == null ? Map.of() : properties);
    }

    /**
     * A custom field's key as the server's tag: upper-case since v3.8 (the server compares tags exactly), with spaces
     * and dashes as underscores, so "company", "Company" and "COMPANY" all reach the field COMPANY, and "Company name"
     * reaches COMPANY_NAME.
     */
    static String tag(String key) {
        return key.strip().replaceAll("[\\s\\-]+", "_").toUpperCase(Locale.ROOT);
    }

    /** firstName, first_name, FIRST_NAME, "First Name" all read as firstname. */
    private static String normalise(String key) {
        return key.replaceAll("[\\s_\\-]", "").toLowerCase(Locale.ROOT);
    }
}
