package dev.camelampenet.simulator.api;

import dev.camelampenet.simulator.ServerBug;
import dev.camelampenet.simulator.http.ApiError;
import dev.camelampenet.simulator.http.ApiRequest;
import dev.camelampenet.simulator.http.ApiResponse;
import dev.camelampenet.simulator.http.Paginator;
import dev.camelampenet.simulator.http.Validation;
import dev.camelampenet.simulator.sms.PhoneRules;
import dev.camelampenet.simulator.state.Contact;
import dev.camelampenet.simulator.state.ContactGroup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The contact routes (docs/ampenet-api.md §6.4). From v3.8 requests use the group's upper-case field tags ({@code
 * PHONE}, {@code FIRST_NAME}, ...); up to v3.1 lower-case {@code phone}, {@code first_name}, {@code last_name}.
 */
final class ContactEndpoints {

    static final String PAGE_NOT_FOUND = "Sorry, but the page you were trying to view does not exist.";
    private static final Pattern NUMERIC = Pattern.compile("^[0-9]+(\\.[0-9]+)?$");

    private ContactEndpoints() {
    }

    static ApiResponse store(Call call) {
        call.authorize("create_contact");
        ApiRequest in = call.request;
        ContactGroup group = call.group;
        String phoneKey = phoneKey(call);
        String phone = in.inputString(phoneKey);
        Validation validation = new Validation().required(phoneKey, phone);
        if (phone != null && !PhoneRules.isValidContactPhone(phone)) {
            validation.add(phone + " is a invalid phone number");
        }
        validation.throwIfFailed();
        // The controller's own duplicate check reads lower-case "phone" only, so it fires for v3.1 clients and for
        // v3.8 clients that send both spellings.
        String lowerPhone = in.inputString("phone");
        if (lowerPhone != null && group.findByPhone(lowerPhone).isPresent()) {
            throw ApiError.handler("You have already subscribed to " + group.name());
        }
        if (call.state.isBlacklisted(phone)) {
            throw ApiError.responder(422, "This phone was blacklisted");
        }
        Map<String, String> fields = fieldValues(call);
        if (call.profile.upperCaseContactFields()) {
            for (String required : group.requiredFieldTags()) {
                if (fields.getOrDefault(required, "").isEmpty()) {
                    throw ApiError.responder(422, "The " + Validation.displayable(required) + " field is required.");
                }
            }
        }
        Contact contact = call.state.addContact(group, phone, fields)
                .orElseThrow(() -> ApiError.responder(422, "The " + Validation.displayable(phoneKey) + " has already been taken."));
        Object data = call.profile.upperCaseContactFields() ? call.shapes.contact(contact) : call.shapes.contactRow(contact);
        return Call.success("Contact was successfully added", data);
    }

    static ApiResponse search(Call call) {
        call.requireAbility("view_contact");
        Contact contact = contactInGroup(call);
        return Call.success(call.profile.upperCaseContactFields() ? "Contact was successfully retrieved" : null,
                call.shapes.contact(contact));
    }

    static ApiResponse update(Call call) {
        call.authorize("update_contact");
        Contact contact = contactInGroup(call);
        String phoneKey = phoneKey(call);
        String phone = call.request.inputString(phoneKey);
        Validation validation = new Validation().required(phoneKey, phone);
        if (phone != null && !NUMERIC.matcher(phone).matches()) {
            validation.add("The " + Validation.displayable(phoneKey) + " must be a number.");
        }
        validation.throwIfFailed();
        if (!call.state.updateContact(contact, phone, fieldValues(call))) {
            throw ApiError.handler("The " + Validation.displayable(phoneKey) + " has already been taken.");
        }
        return Call.success("Contact was successfully updated", call.shapes.contact(contact));
    }

    static ApiResponse delete(Call call) {
        call.requireAbility("delete_contact");
        call.state.deleteContact(contactInGroup(call));
        return Call.success("Contact was successfully deleted", null);
    }

    static ApiResponse all(Call call) {
        call.requireAbility("view_contact");
        ContactGroup group = call.group;
        int total = group.size();
        if (total > 0 && call.state.bug(ServerBug.CONTACT_LIST_SQL_ERROR)) {
            throw ApiError.handler("SQLSTATE[42S22]: Column not found: 1054 Unknown column 'first_name' in 'field list' "
                    + "(Connection: mysql, SQL: select `uid`, `phone`, `first_name`, `last_name` from `contacts` where "
                    + "`group_id` = " + group.id + " limit 25 offset " + Paginator.offset(Paginator.currentPage(call.request)) + ")");
        }
        int page = Paginator.currentPage(call.request);
        List<Map<String, Object>> rows = group.contacts(Paginator.offset(page), Paginator.PER_PAGE).stream()
                .map(call.shapes::contact).collect(Collectors.toList());
        return Call.success(null, Paginator.page(rows, total, page, call.url(),
                call.profile.previousLabel(), call.profile.nextLabel()));
    }

    private static String phoneKey(Call call) {
        return call.profile.upperCaseContactFields() ? "PHONE" : "phone";
    }

    /** Search, update and delete answer 404 when the contact exists but belongs to another group. */
    private static Contact contactInGroup(Call call) {
        if (!call.group.contains(call.contact)) {
            throw ApiError.responder(404, PAGE_NOT_FOUND);
        }
        return call.contact;
    }

    /** The group's custom field values from the request; keys the group does not define are ignored. */
    private static Map<String, String> fieldValues(Call call) {
        Map<String, String> values = new LinkedHashMap<>();
        if (call.profile.upperCaseContactFields()) {
            for (String tag : call.group.fieldTags()) {
                String value = call.request.inputString(tag);
                if (value != null) {
                    values.put(tag, value);
                }
            }
        } else {
            putIfPresent(values, "FIRST_NAME", call.request.inputString("first_name"));
            putIfPresent(values, "LAST_NAME", call.request.inputString("last_name"));
        }
        return values;
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
