package dev.camelampenet.ampenet;

import java.util.Locale;
import java.util.Map;

import dev.camelampenet.ampenet.error.AmpenetValidationException;
import dev.camelampenet.ampenet.model.Contact;
import dev.camelampenet.ampenet.model.ContactStatus;
import dev.camelampenet.ampenet.sms.PhoneNumbers;
import dev.camelampenet.ampenet.sms.Recipient;

/**
 * Turns the body of contacts/store and contacts/update into a {@link Contact}: the POJO itself, a {@code Map}
 * (keys {@code phone}/{@code mobile}/{@code PHONE}, {@code firstName}/{@code first_name}/{@code FIRST_NAME},
 * {@code lastName}/..., {@code customFields}, anything else a custom field) or a String phone number. The phone is
 * normalised (the server wants digits with the country code).
 */
final class ContactInput {

    private ContactInput() {
    }

    static Contact from(Object body, PhoneNumbers numbers, String operation) {
        Contact contact;
        if (body instanceof Contact) {
            Contact given = (Contact) body;
            contact = new Contact(given.getPhone()).withFirstName(given.getFirstName()).withLastName(given.getLastName());
            contact.setCustomFields(given.getCustomFields());
            contact.setStatus(given.getStatus());
        } else if (body instanceof Map) {
            contact = fromMap((Map<?, ?>) body);
        } else if (body instanceof CharSequence) {
            contact = new Contact(body.toString());
        } else {
            throw new AmpenetValidationException(operation, 0, "the body must be a Contact, a Map or a phone number String, not "
                    + (body == null ? "empty" : body.getClass().getName()));
        }
        if (contact.getPhone() == null || contact.getPhone().isBlank()) {
            throw new AmpenetValidationException(operation, 0, "the contact needs a phone number (key phone in a Map): the API"
                    + " requires it on store and on update");
        }
        Recipient phone = numbers.normalise(contact.getPhone());
        if (!phone.isValid()) {
            throw new AmpenetValidationException(operation, 0, "contact phone '" + contact.getPhone() + "' is "
                    + phone.problem());
        }
        contact.setPhone(phone.number());
        return contact;
    }

    private static Contact fromMap(Map<?, ?> map) {
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
                                c.withCustomField(k.toString().toUpperCase(Locale.ROOT), v.toString());
                            }
                        });
                    }
                    break;
                case "uid":
                    break;
                default:
                    c.withCustomField(key.toUpperCase(Locale.ROOT), value.toString());
            }
        }
        return c;
    }

    /** firstName, first_name, FIRST_NAME, "First Name" all read as firstname. */
    private static String normalise(String key) {
        return key.replaceAll("[\\s_\\-]", "").toLowerCase(Locale.ROOT);
    }
}
