package dev.camelampenet.phonebook.alerting;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camelampenet.ampenet.sms.PhoneNumbers;
import dev.camelampenet.ampenet.sms.Recipient;
import dev.camelampenet.ampenet.sms.SenderId;

/**
 * Reads an alert from a JMS message: a JSON object, or a plain text with the recipients in headers.
 * <pre>
 * {"id": "disk-42", "to": ["255712345678", "0713 000 111"], "text": "Disk full on db1", "senderId": "OPS",
 *  "scheduleAt": "2026-12-20T07:00:00+03:00"}
 * {"group": "on-call", "text": "Disk full on db1"}
 * </pre>
 * Everything is checked before any money is spent: a message that cannot be sent as it is becomes
 * {@link InvalidAlertException} with a reason a person can act on.
 */
public final class AlertParser {

    static final Set<String> FIELDS = Set.of("id", "to", "group", "text", "senderId", "scheduleAt");
    private static final DateTimeFormatter API_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final int MAX_ID_LENGTH = 200;

    private final ObjectMapper json;
    private final PhoneNumbers phones;
    private final String defaultSenderId;

    public AlertParser(ObjectMapper json, PhoneNumbers phones, String defaultSenderId) {
        this.json = json;
        this.phones = phones;
        this.defaultSenderId = defaultSenderId == null || defaultSenderId.isBlank() ? null : defaultSenderId.trim();
    }

    /**
     * @param body the message body (String or byte[])
     * @param headers the message's headers
     * @param messageId the JMSMessageID, the alert's id when it brings none
     */
    public Alert parse(Object body, Map<String, Object> headers, String messageId) throws InvalidAlertException {
        String text = body instanceof byte[] ? new String((byte[]) body, StandardCharsets.UTF_8) : body == null ? null : body.toString();
        if (text == null || text.isBlank()) {
            throw new InvalidAlertException("the message is empty: send a JSON alert or the SMS text with an AlertTo or AlertGroup header");
        }
        boolean plain = headers.get(AlertHeaders.TO) != null || headers.get(AlertHeaders.GROUP) != null;
        if (!plain && text.trim().startsWith("{")) {
            return fromJson(text, messageId);
        }
        if (!plain) {
            throw new InvalidAlertException("a plain-text alert needs an AlertTo (numbers) or AlertGroup header; or send a JSON alert");
        }
        return build(string(headers.get(AlertHeaders.ID)), split(string(headers.get(AlertHeaders.TO))),
                string(headers.get(AlertHeaders.GROUP)), text, string(headers.get(AlertHeaders.SENDER_ID)),
                string(headers.get(AlertHeaders.SCHEDULE_AT)), messageId, "AlertTo");
    }

    private Alert fromJson(String body, String messageId) throws InvalidAlertException {
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidAlertException("not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidAlertException("a JSON alert must be an object such as {\"to\": \"255712345678\", \"text\": \"...\"}");
        }
        JsonNode idNode = node.get("id");
        String id = idNode != null && idNode.isValueNode() && !idNode.isNull() && idNode.asText().length() <= MAX_ID_LENGTH
                && !idNode.asText().isBlank() ? idNode.asText().trim() : null;
        try {
            return fromJson(node, messageId);
        } catch (InvalidAlertException e) {
            throw e.alertId() == null && id != null ? new InvalidAlertException(e.getMessage(), id) : e;
        }
    }

    private Alert fromJson(JsonNode node, String messageId) throws InvalidAlertException {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidAlertException("unknown field '" + name + "' (the fields are id, to, group, text, senderId, scheduleAt)");
            }
        }
        List<String> to = new ArrayList<>();
        JsonNode toNode = node.get("to");
        if (toNode != null && !toNode.isNull()) {
            if (toNode.isArray()) {
                for (JsonNode n : toNode) {
                    if (!n.isTextual() && !n.isNumber()) {
                        throw new InvalidAlertException("to: every recipient must be a phone number as a string, got " + n);
                    }
                    to.add(n.asText());
                }
                if (to.isEmpty()) {
                    throw new InvalidAlertException("to is an empty list");
                }
            } else if (toNode.isTextual() || toNode.isNumber()) {
                to.addAll(split(toNode.asText()));
            } else {
                throw new InvalidAlertException("to must be a phone number or a list of them, got " + toNode);
            }
        }
        return build(field(node, "id"), to, field(node, "group"), field(node, "text"), field(node, "senderId"),
                field(node, "scheduleAt"), messageId, "to");
    }

    private static String field(JsonNode node, String name) throws InvalidAlertException {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() && !v.isNumber()) {
            throw new InvalidAlertException(name + " must be a string, got " + v);
        }
        return v.asText();
    }

    private Alert build(String id, List<String> to, String group, String text, String senderId, String scheduleAt,
                        String messageId, String toName) throws InvalidAlertException {
        try {
            return check(id, to, group, text, senderId, scheduleAt, messageId, toName);
        } catch (InvalidAlertException e) {
            throw id != null && !id.isBlank() && id.length() <= MAX_ID_LENGTH ? new InvalidAlertException(e.getMessage(), id.trim()) : e;
        }
    }

    private Alert check(String id, List<String> to, String group, String text, String senderId, String scheduleAt,
                        String messageId, String toName) throws InvalidAlertException {
        if (id != null && (id.isBlank() || id.length() > MAX_ID_LENGTH)) {
            throw new InvalidAlertException("id must be 1 to " + MAX_ID_LENGTH + " characters");
        }
        String alertId = id != null ? id.trim() : messageId;
        if (text == null || text.isBlank()) {
            throw new InvalidAlertException("no text: the SMS text is missing or blank");
        }
        boolean hasGroup = group != null && !group.isBlank();
        if (!to.isEmpty() && hasGroup) {
            throw new InvalidAlertException("both " + toName + " and group: an alert goes to numbers or to one contact group, not both");
        }
        if (to.isEmpty() && !hasGroup) {
            throw new InvalidAlertException("no recipient: set " + toName + " (a number or a list of numbers) or group (a contact group)");
        }
        Set<String> numbers = new LinkedHashSet<>();
        for (String given : to) {
            Recipient r = phones.normalise(given);
            if (!r.isValid()) {
                throw new InvalidAlertException(toName + ": '" + given + "' is " + r.problem());
            }
            numbers.add(r.number());
        }
        String sender = senderId == null || senderId.isBlank() ? defaultSenderId : senderId.trim();
        String senderProblem = SenderId.problem(sender);
        if (senderProblem != null) {
            throw new InvalidAlertException("senderId: " + senderProblem);
        }
        return new Alert(alertId, List.copyOf(numbers), hasGroup ? group.trim() : null, text, sender, scheduleTime(scheduleAt));
    }

    /** An absolute time stays absolute (the component converts it to the account's zone); a local one is the account's. */
    static Object scheduleTime(String value) throws InvalidAlertException {
        if (value == null || value.isBlank()) {
            return null;
        }
        String s = value.trim();
        try {
            return OffsetDateTime.parse(s);
        } catch (DateTimeParseException notAbsolute) {
            try {
                String iso = s.replace(' ', 'T');
                return API_TIME.format(LocalDateTime.parse(iso.length() == 16 ? iso + ":00" : iso));
            } catch (DateTimeParseException e) {
                throw new InvalidAlertException("scheduleAt '" + s + "' is not a time: use 2026-12-20T07:00:00+03:00, or"
                        + " 2026-12-20 07:00 in the account's timezone");
            }
        }
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }

    private static List<String> split(String numbers) {
        List<String> out = new ArrayList<>();
        if (numbers != null) {
            for (String n : numbers.split("[,;\\n]")) {
                if (!n.isBlank()) {
                    out.add(n.trim());
                }
            }
        }
        return out;
    }
}
