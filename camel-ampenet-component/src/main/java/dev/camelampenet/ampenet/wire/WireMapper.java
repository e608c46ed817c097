package dev.camelampenet.ampenet.wire;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.camelampenet.ampenet.model.Balance;
import dev.camelampenet.ampenet.model.Campaign;
import dev.camelampenet.ampenet.model.Contact;
import dev.camelampenet.ampenet.model.ContactGroup;
import dev.camelampenet.ampenet.model.ContactStatus;
import dev.camelampenet.ampenet.model.Page;
import dev.camelampenet.ampenet.model.Profile;
import dev.camelampenet.ampenet.model.SmsMessage;
import dev.camelampenet.ampenet.sms.SmsRequest;

/**
 * The one place that knows the API's JSON, both directions, for every server generation (docs/ampenet-api.md §6):
 * the request bodies the component sends; upper-case contact tags and custom_fields (v3.8+) or lower-case columns
 * (v3.1); remaining_balance or remaining_unit; status or customer_status; cost as a string or a number; the v3.13
 * extras. The server's message texts are in {@link ServerMessages}, the send answers in {@link SendAnswer}.
 */
public final class WireMapper {

    private static final String PHONE = "PHONE";
    private static final String FIRST_NAME = "FIRST_NAME";
    private static final String LAST_NAME = "LAST_NAME";

    private WireMapper() {
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    // ---- requests -------------------------------------------------------------------------------------------

    /** sms/send for some recipients: the message part is the same for every call of a bulk send. */
    public static ObjectNode sendBody(SmsRequest request, List<String> recipients) {
        return message(NODES.objectNode().put("recipient", String.join(",", recipients)), request);
    }

    /** sms/campaign to one or more groups (the server reads a comma list). */
    public static ObjectNode campaignBody(SmsRequest request, List<String> groupUids) {
        return message(NODES.objectNode().put("contact_list_id", String.join(",", groupUids)), request);
    }

    private static ObjectNode message(ObjectNode body, SmsRequest request) {
        body.put("message", request.text()).put("type", request.type());
        putIfNotNull(body, "sender_id", request.senderId());
        putIfNotNull(body, "schedule_time", request.scheduleTime());
        return body;
    }

    /** groups/create and groups/update. */
    public static ObjectNode groupBody(String name) {
        return NODES.objectNode().put("name", name);
    }

    /**
     * contacts/store and contacts/update. The phone must already be normalised. Lower-case names go to v3.1 servers,
     * upper-case tags to v3.8+; sending both lets either generation find what it reads.
     */
    public static ObjectNode contactBody(Contact c, boolean upperCaseTags, boolean lowerCaseNames) {
        ObjectNode body = NODES.objectNode();
        if (upperCaseTags) {
            putIfNotNull(body, PHONE, c.getPhone());
            putIfNotNull(body, FIRST_NAME, c.getFirstName());
            putIfNotNull(body, LAST_NAME, c.getLastName());
            c.getCustomFields().forEach((tag, value) -> putIfNotNull(body, tag.toUpperCase(Locale.ROOT), value));
        }
        if (lowerCaseNames) {
            putIfNotNull(body, "phone", c.getPhone());
            putIfNotNull(body, "first_name", c.getFirstName());
            putIfNotNull(body, "last_name", c.getLastName());
        }
        return body;
    }

    // ---- groups and contacts --------------------------------------------------------------------------------

    public static ContactGroup group(JsonNode n) {
        return new ContactGroup(text(n, "uid"), text(n, "name"));
    }

    public static Contact contact(JsonNode n) {
        Contact c = new Contact();
        c.setUid(text(n, "uid"));
        c.setPhone(text(n, "phone")); // a JSON number on the wire; digits either way
        c.setStatus(n.has("status") ? ContactStatus.fromWire(text(n, "status")) : ContactStatus.SUBSCRIBED);
        JsonNode custom = n.path("custom_fields");
        Map<String, String> fields = new LinkedHashMap<>();
        if (custom.isObject()) {
            for (Map.Entry<String, JsonNode> e : custom.properties()) {
                fields.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText());
            }
        }
        c.setFirstName(emptyToNull(fields.containsKey(FIRST_NAME) ? fields.remove(FIRST_NAME) : text(n, "first_name")));
        c.setLastName(emptyToNull(fields.containsKey(LAST_NAME) ? fields.remove(LAST_NAME) : text(n, "last_name")));
        c.setCustomFields(fields);
        return c;
    }

    /**
     * The field tags a contact answer shows the group keeps: {@code PHONE}, every key of {@code custom_fields}
     * (v3.8+: the answer lists every field of the group, empty ones as ""), or the legacy columns {@code first_name}
     * and {@code last_name} (v3.1). Upper-case, as the server's tags.
     */
    public static Set<String> keptFieldTags(JsonNode contactAnswer) {
        Set<String> tags = new LinkedHashSet<>();
        tags.add(PHONE);
        contactAnswer.path("custom_fields").fieldNames().forEachRemaining(tag -> tags.add(tag.toUpperCase(Locale.ROOT)));
        if (contactAnswer.has("first_name")) {
            tags.add(FIRST_NAME);
        }
        if (contactAnswer.has("last_name")) {
            tags.add(LAST_NAME);
        }
        return tags;
    }

    /** The field tags a contact sets: FIRST_NAME, LAST_NAME and its custom fields, upper-case (PHONE aside). */
    public static Set<String> fieldTags(Contact c) {
        Set<String> tags = new LinkedHashSet<>();
        if (c.getFirstName() != null) {
            tags.add(FIRST_NAME);
        }
        if (c.getLastName() != null) {
            tags.add(LAST_NAME);
        }
        c.getCustomFields().forEach((tag, value) -> {
            if (value != null) {
                tags.add(tag.toUpperCase(Locale.ROOT));
            }
        });
        return tags;
    }

    // ---- messages -------------------------------------------------------------------------------------------

    public static SmsMessage message(JsonNode n) {
        String status = n.has("customer_status") ? text(n, "customer_status") : text(n, "status");
        if (status != null && status.indexOf('|') > 0) {
            status = status.substring(0, status.indexOf('|')); // v3.1 returns the raw gateway answer, "Delivered|200"
        }
        return new SmsMessage(text(n, "uid"), text(n, "to"), text(n, "from"), text(n, "message"), status,
                decimal(n.path("cost")), n.has("sms_count") && !n.get("sms_count").isNull() ? n.get("sms_count").asInt() : null,
                text(n, "sms_type"), text(n, "direction"), text(n, "sent_at"));
    }

    // ---- account --------------------------------------------------------------------------------------------

    public static Balance balance(JsonNode n) {
        String text = n.has("remaining_balance") ? text(n, "remaining_balance") : text(n, "remaining_unit");
        if (text == null && n.has("sms_credit_balance")) {
            text = n.get("sms_credit_balance").asText();
        }
        String expires = text(n, "expired_on");
        if (text == null || text.equalsIgnoreCase("Unlimited")) {
            return new Balance(null, null, true, text, expires);
        }
        String number = text.replaceAll("[^0-9.\\-]", "");
        String prefix = text.replaceAll("[0-9.,\\-\\s].*$", "").trim();
        BigDecimal amount = number.isEmpty() ? null : new BigDecimal(number);
        return new Balance(amount, prefix.isEmpty() ? null : prefix, amount != null && amount.signum() < 0, text, expires);
    }

    /** The token the server returns in /me is deliberately not read. */
    public static Profile profile(JsonNode n) {
        return new Profile(text(n, "uid"), text(n, "first_name"), text(n, "last_name"), text(n, "email"),
                text(n, "locale"), text(n, "timezone"), text(n, "last_access_at"));
    }

    // ---- campaigns ------------------------------------------------------------------------------------------

    public static Campaign campaign(JsonNode n) {
        // create answers {uid, campaign_name, status}; view answers {id, name, ...} where v3.8's id is the uid
        String uid = text(n, "uid");
        if (uid == null && n.path("id").isTextual()) {
            uid = text(n, "id");
        }
        String name = n.has("campaign_name") ? text(n, "campaign_name") : text(n, "name");
        Map<String, Long> stats = new LinkedHashMap<>();
        JsonNode s = n.path("stats");
        if (s.isObject()) {
            s.properties().forEach(e -> stats.put(e.getKey(), e.getValue().asLong()));
        }
        return new Campaign(uid, name, text(n, "status"), text(n, "message"), n.has("type") ? text(n, "type") : text(n, "sms_type"),
                text(n, "created_at"), stats);
    }

    // ---- pages ----------------------------------------------------------------------------------------------

    public static <T> Page<T> page(JsonNode paginator, Function<JsonNode, T> item) {
        List<T> items = new ArrayList<>();
        paginator.path("data").forEach(n -> items.add(item.apply(n)));
        return new Page<>(items, paginator.path("current_page").asInt(1), paginator.path("last_page").asInt(1),
                paginator.path("per_page").asInt(25), paginator.path("total").asInt(items.size()));
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        return v.isNumber() ? v.numberValue() instanceof BigDecimal ? ((BigDecimal) v.numberValue()).toPlainString() : v.asText() : v.asText();
    }

    private static BigDecimal decimal(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        String text = v.asText();
        if (PLAIN_NUMBER.matcher(text).matches()) { // "1", "0.0325": the usual case
            return new BigDecimal(text);
        }
        String s = NOT_NUMBER.matcher(text).replaceAll("");
        return s.isEmpty() ? null : new BigDecimal(s);
    }

    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    private static final Pattern NOT_NUMBER = Pattern.compile("[^0-9.\\-]");

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static void putIfNotNull(ObjectNode body, String key, String value) {
        if (value != null) {
            body.put(key, value);
        }
    }
}
