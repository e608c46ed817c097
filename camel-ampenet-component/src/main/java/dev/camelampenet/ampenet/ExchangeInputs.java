package dev.camelampenet.ampenet;

import java.io.InputStream;
import java.io.Reader;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import dev.camelampenet.ampenet.api.AmpenetOperation;
import dev.camelampenet.ampenet.error.AmpenetValidationException;
import dev.camelampenet.ampenet.model.Contact;
import dev.camelampenet.ampenet.sms.Recipient;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.NoTypeConversionAvailableException;
import org.apache.camel.TypeConversionException;
import org.apache.camel.StreamCache;
import org.apache.camel.WrappedFile;

/**
 * The one reader of an operation's inputs: a header wins over the endpoint option, which wins over the component's.
 * Every value is checked here, before any call, and every problem is an {@link AmpenetValidationException} that
 * names the operation and the input, so a route handles bad input with one clause.
 */
final class ExchangeInputs {

    private static final Pattern SEPARATORS = Pattern.compile("[,;\\r\\n]+");

    private final AmpenetEndpoint endpoint;

    ExchangeInputs(AmpenetEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    private AmpenetConfiguration config() {
        return endpoint.getConfiguration();
    }

    /** The URI's operation, or the one the {@code CamelAmpenetOperation} header names within the URI's resource. */
    AmpenetOperation operation(Exchange exchange) {
        AmpenetOperation uri = endpoint.getApiOperation();
        String wanted = string(exchange.getMessage(), AmpenetConstants.OPERATION);
        if (wanted == null) {
            return uri;
        }
        String name = wanted.contains("/") ? wanted.substring(wanted.indexOf('/') + 1) : wanted;
        String resource = wanted.contains("/") ? wanted.substring(0, wanted.indexOf('/')) : uri.resource();
        AmpenetOperation op = resource.equalsIgnoreCase(uri.resource()) ? AmpenetOperation.find(resource, name) : null;
        if (op == null) {
            throw invalid(uri, AmpenetConstants.OPERATION, "'" + wanted + "' is not an operation of " + uri.resource()
                    + " (the URI's resource); use one of " + operationsOf(uri.resource()));
        }
        return op;
    }

    private static String operationsOf(String resource) {
        List<String> names = new ArrayList<>();
        for (AmpenetOperation op : AmpenetOperation.values()) {
            if (op.resource().equals(resource)) {
                names.add(op.operation());
            }
        }
        return String.join(", ", names);
    }

    /** True when Camel's error handler is redelivering this exchange (it copies the original message back first). */
    boolean isRedelivery(Exchange exchange) {
        Message in = exchange.getMessage();
        Integer counter = in.getHeader(Exchange.REDELIVERY_COUNTER, Integer.class);
        return (counter != null && counter > 0) || Boolean.TRUE.equals(in.getHeader(Exchange.REDELIVERED, Boolean.class));
    }

    // ---- the message of sms/send and sms/campaign ---------------------------------------------------------

    /** The text, type, sender and schedule time, as given (checked for type; {@link SmsRequests} checks the rest). */
    MessageInput message(Exchange exchange, AmpenetOperation op) {
        return new MessageInput(text(exchange, op, "the SMS text"), smsType(exchange, op), senderId(exchange),
                scheduleTime(exchange, op));
    }

    record MessageInput(String text, String type, String senderId, Object scheduleTime) {
    }

    /**
     * The body as text, required. Text is a String, or what Camel streams text in (bytes, a stream, a file); a
     * {@code Map}, a list or any other object is refused rather than sent as its {@code toString()}.
     */
    String text(Exchange exchange, AmpenetOperation op, String what) {
        Object body = exchange.getMessage().getBody();
        if (body != null && !(body instanceof CharSequence || body instanceof byte[] || body instanceof InputStream
                || body instanceof Reader || body instanceof StreamCache || body instanceof WrappedFile)) {
            throw invalid(op, "the body", what + " must be text (a String), not a " + body.getClass().getName());
        }
        String text = exchange.getMessage().getBody(String.class);
        if (text == null || text.isBlank()) {
            throw invalid(op, "the body", "needs " + what + "; the body is " + (text == null ? "empty" : "blank"));
        }
        return text.strip(); // the server trims it too (Laravel's TrimStrings); counting must see what is sent
    }

    String senderId(Exchange exchange) {
        String id = string(exchange.getMessage(), AmpenetConstants.SENDER_ID);
        return id != null ? id : config().getSenderId();
    }

    private static final List<String> SMS_TYPES = List.of("plain", "unicode", "voice", "mms", "whatsapp", "viber", "otp");

    String smsType(Exchange exchange, AmpenetOperation op) {
        String type = string(exchange.getMessage(), AmpenetConstants.SMS_TYPE);
        if (type == null) {
            return config().getSmsType();
        }
        if (!SMS_TYPES.contains(type.toLowerCase(Locale.ROOT))) {
            throw invalid(op, AmpenetConstants.SMS_TYPE, "'" + type + "' is not one of " + String.join(", ", SMS_TYPES));
        }
        return type.toLowerCase(Locale.ROOT);
    }

    private Object scheduleTime(Exchange exchange, AmpenetOperation op) {
        Object value = exchange.getMessage().getHeader(AmpenetConstants.SCHEDULE_TIME);
        if (value instanceof CharSequence) {
            String s = value.toString().trim();
            return s.isEmpty() ? null : s;
        }
        if (value == null || value instanceof LocalDateTime || value instanceof ZonedDateTime || value instanceof OffsetDateTime
                || value instanceof Instant || value instanceof Date) {
            return value;
        }
        throw invalid(op, AmpenetConstants.SCHEDULE_TIME, "must be a String (Y-m-d H:i), LocalDateTime, ZonedDateTime,"
                + " OffsetDateTime, Instant or Date, not a " + value.getClass().getName());
    }

    // ---- recipients ---------------------------------------------------------------------------------------

    /**
     * The recipients as given: a String of numbers separated by commas, semicolons or line breaks, or a Collection or
     * array of numbers (as text or as Java numbers). Anything else, and any number with a control character, is
     * refused: such input is corrupt, and a number read from it could reach the wrong person.
     */
    List<String> recipients(Exchange exchange, AmpenetOperation op) {
        Object value = exchange.getMessage().getHeader(AmpenetConstants.RECIPIENTS);
        List<String> out = new ArrayList<>();
        if (value instanceof CharSequence) {
            out.addAll(split(value.toString()));
        } else if (value instanceof Collection || value instanceof Object[]) {
            Iterable<?> items = value instanceof Collection ? (Collection<?>) value : List.of((Object[]) value);
            int index = 0;
            for (Object item : items) {
                if (item instanceof CharSequence || item instanceof Long || item instanceof Integer || item instanceof java.math.BigInteger) {
                    out.addAll(split(item.toString()));
                } else if (item != null) {
                    throw invalid(op, AmpenetConstants.RECIPIENTS, "item " + index + " is a " + item.getClass().getName()
                            + ", not a phone number (a String or a whole number)");
                }
                index++;
            }
        } else if (value != null) {
            throw invalid(op, AmpenetConstants.RECIPIENTS, "must be a String of numbers or a Collection of them, not a "
                    + value.getClass().getName());
        }
        if (out.isEmpty()) {
            throw invalid(op, AmpenetConstants.RECIPIENTS, "no recipients: set it to a number, a comma-separated list or a"
                    + " Collection of numbers");
        }
        for (String number : out) {
            int control = firstControl(number);
            if (control >= 0) {
                throw invalid(op, AmpenetConstants.RECIPIENTS, "'" + printable(number) + "' contains a control character"
                        + String.format(" (U+%04X)", control));
            }
        }
        return out;
    }

    // ---- contacts -----------------------------------------------------------------------------------------

    /**
     * The body of contacts/store and contacts/update as a {@link Contact}: the POJO, or a {@code Map}, a JSON object
     * or a phone number String through Camel's type converters ({@link ContactConverter}), or any other POJO through
     * Jackson (its properties as the keys of a Map: unknown ones are custom fields by tag). The phone is normalised
     * here, once.
     */
    Contact contact(Exchange exchange, AmpenetOperation op) {
        Object body = exchange.getMessage().getBody();
        Contact given;
        if (body instanceof Contact) {
            given = (Contact) body;
        } else if (body instanceof Map || body instanceof CharSequence) {
            try {
                given = exchange.getContext().getTypeConverter().mandatoryConvertTo(Contact.class, exchange, body);
            } catch (NoTypeConversionAvailableException | TypeConversionException e) {
                Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
                throw invalid(op, "the body", cause.getMessage());
            }
        } else if (isBean(body)) {
            try {
                given = ContactConverter.fromBean(body);
            } catch (IllegalArgumentException e) {
                throw invalid(op, "the body", "a " + body.getClass().getName() + " cannot be read as a contact: " + e.getMessage());
            }
        } else {
            throw invalid(op, "the body", "must be a Contact, a Map, a JSON object, a phone number String or a POJO, not "
                    + (body == null ? "empty" : "a " + body.getClass().getName()));
        }
        if (given.getPhone() == null || given.getPhone().isBlank()) {
            throw invalid(op, "the body", "the contact needs a phone number (key phone in a Map): the API requires it on"
                    + " store and on update");
        }
        int control = firstControl(given.getPhone());
        Recipient phone = control >= 0 ? null : endpoint.phoneNumbers().normalise(given.getPhone());
        if (phone == null || !phone.isValid()) {
            throw invalid(op, "the body", "contact phone '" + printable(given.getPhone()) + "' is "
                    + (phone == null ? "not a phone number (it contains a control character)" : phone.problem()));
        }
        Contact contact = new Contact(phone.number()).withFirstName(given.getFirstName()).withLastName(given.getLastName());
        contact.setCustomFields(given.getCustomFields());
        contact.setStatus(given.getStatus());
        return contact;
    }

    /** An application's own object (a POJO or record), not a JDK value, an array, a file or a stream. */
    private static boolean isBean(Object body) {
        return body != null && !body.getClass().isArray() && !body.getClass().getName().startsWith("java.")
                && !(body instanceof WrappedFile) && !(body instanceof StreamCache);
    }

    // ---- groups -------------------------------------------------------------------------------------------

    /**
     * The groups an operation works on: uids ({@code CamelAmpenetGroupId}) or names ({@code CamelAmpenetGroupName}),
     * headers first, then the options; a uid wins over a name at the same level.
     */
    GroupSelection groups(Exchange exchange, AmpenetOperation op) {
        Message in = exchange.getMessage();
        List<String> ids = list(in.getHeader(AmpenetConstants.GROUP_ID));
        if (ids.isEmpty()) {
            List<String> names = list(in.getHeader(AmpenetConstants.GROUP_NAME));
            if (names.isEmpty()) {
                ids = split(config().getGroupId());
                names = ids.isEmpty() ? split(config().getGroupName()) : List.of();
            }
            if (!names.isEmpty()) {
                if (names.size() > 1 && !takesSeveralGroups(op)) {
                    throw invalid(op, AmpenetConstants.GROUP_NAME, "takes one group, got " + names.size());
                }
                names.forEach(name -> checkId(op, AmpenetConstants.GROUP_NAME, name, false));
                return new GroupSelection(List.of(), names);
            }
        }
        if (ids.isEmpty()) {
            throw invalid(op, AmpenetConstants.GROUP_ID, "needs a contact group: the " + AmpenetConstants.GROUP_ID + " or "
                    + AmpenetConstants.GROUP_NAME + " header, or the groupId or groupName option");
        }
        if (ids.size() > 1 && !takesSeveralGroups(op)) {
            throw invalid(op, AmpenetConstants.GROUP_ID, "takes one group, got " + ids.size());
        }
        ids.forEach(id -> checkId(op, AmpenetConstants.GROUP_ID, id, true));
        if (op == AmpenetOperation.CONTACTS_STORE && new HashSet<>(ids).size() < ids.size()) {
            // one store per group: a group given twice would answer its own store with "already taken"
            throw invalid(op, AmpenetConstants.GROUP_ID, "names a group twice: " + String.join(",", ids));
        }
        return new GroupSelection(ids, List.of());
    }

    private static boolean takesSeveralGroups(AmpenetOperation op) {
        return op == AmpenetOperation.SMS_CAMPAIGN || op == AmpenetOperation.CONTACTS_STORE;
    }

    /**
     * The group contacts/move moves to, or that groups/delete moves the group's contacts to: the header, else the
     * option. Null only when neither is set and the operation does not need one (groups/delete then keeps the API's
     * own behaviour). A value that is set but blank is refused rather than read as "none": for groups/delete that
     * would silently delete the contacts the route meant to keep.
     */
    String targetGroupId(Exchange exchange, AmpenetOperation op) {
        Object header = exchange.getMessage().getHeader(AmpenetConstants.TARGET_GROUP_ID);
        Object value = header != null ? header : config().getTargetGroupId();
        String input = header != null ? AmpenetConstants.TARGET_GROUP_ID : "the targetGroupId option";
        if (value == null) {
            if (op == AmpenetOperation.CONTACTS_MOVE) {
                throw invalid(op, AmpenetConstants.TARGET_GROUP_ID, "needs the group uid to move the contact to: the "
                        + AmpenetConstants.TARGET_GROUP_ID + " header or the targetGroupId option");
            }
            return null;
        }
        List<String> ids = list(value);
        if (ids.isEmpty()) {
            throw invalid(op, input, "is blank; give the uid of the group to move to"
                    + (op == AmpenetOperation.GROUPS_DELETE ? " (or remove it to delete the group with its contacts)" : ""));
        }
        if (ids.size() > 1) {
            throw invalid(op, input, "takes one group uid, got " + ids.size());
        }
        String target = checkId(op, input, ids.get(0), true);
        if (!GROUP_UID.matcher(target).matches()) {
            // a name here would only fail at the store, after the read (and for groups/delete after listing): the
            // target is a new input, so it is held to the API's uid form from the start
            throw invalid(op, input, "'" + printable(target) + "' is not a group uid (13 hex characters, e.g."
                    + " 65fa8465d3b58); the target takes a uid, not a name");
        }
        return target;
    }

    /** The API's uids are PHP uniqid(): 13 hex characters (docs/ampenet-api.md, Q18). */
    private static final Pattern GROUP_UID = Pattern.compile("[0-9a-fA-F]{13}");

    /** Refuses a move onto itself: the store would answer "already taken" and the delete would then lose the contact. */
    static void checkTargetIsNotSource(AmpenetOperation op, String source, String target) {
        if (source.equals(target)) {
            throw invalid(op, AmpenetConstants.TARGET_GROUP_ID, "'" + printable(target) + "' is the source group itself");
        }
    }

    /** Group uids, or names to resolve to uids. */
    record GroupSelection(List<String> ids, List<String> names) {
    }

    String contactId(Exchange exchange, AmpenetOperation op) {
        return requiredId(exchange, op, AmpenetConstants.CONTACT_ID, "the contact uid");
    }

    String messageId(Exchange exchange, AmpenetOperation op) {
        return requiredId(exchange, op, AmpenetConstants.MESSAGE_ID, "the message uid");
    }

    String campaignId(Exchange exchange, AmpenetOperation op) {
        return requiredId(exchange, op, AmpenetConstants.CAMPAIGN_ID, "the campaign uid");
    }

    private String requiredId(Exchange exchange, AmpenetOperation op, String header, String what) {
        String value = string(exchange.getMessage(), header);
        if (value == null) {
            throw invalid(op, header, "needs " + what + " in the " + header + " header");
        }
        return checkId(op, header, value, true);
    }

    /**
     * An id goes into the URL path. Encoding keeps '/' from splitting it, but not '.' and '..', which a web server
     * that normalises paths resolves: {@code contacts/{gid}/delete/..} would become {@code DELETE contacts/{gid}},
     * the whole group. So an id that is empty, a dot segment, or holds a slash or a control character is refused.
     */
    private static String checkId(AmpenetOperation op, String input, String id, boolean pathSegment) {
        String problem = id.isBlank() ? "is empty"
                : firstControl(id) >= 0 ? "contains a control character"
                : pathSegment && (id.equals(".") || id.equals("..")) ? "is a dot segment, which would change the URL path"
                : pathSegment && (id.indexOf('/') >= 0 || id.indexOf('\\') >= 0) ? "contains a slash" : null;
        if (problem != null) {
            throw invalid(op, input, "'" + printable(id) + "' " + problem);
        }
        return id;
    }

    // ---- paging -------------------------------------------------------------------------------------------

    Integer page(Exchange exchange, AmpenetOperation op) {
        Object page = exchange.getMessage().getHeader(AmpenetConstants.PAGE);
        if (page == null) {
            return null;
        }
        Integer number = page instanceof Number || page instanceof CharSequence
                ? exchange.getContext().getTypeConverter().tryConvertTo(Integer.class, page) : null;
        if (number == null || number < 1) {
            throw invalid(op, AmpenetConstants.PAGE, "must be a page number from 1, got '" + page + "'");
        }
        return number;
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    static AmpenetValidationException invalid(AmpenetOperation op, String input, String problem) {
        return new AmpenetValidationException(op.uri(), 0, input + ": " + problem);
    }

    private static String string(Message message, String header) {
        Object value = message.getHeader(header);
        if (value == null) {
            return null;
        }
        String s = value.toString().trim();
        return s.isEmpty() ? null : s;
    }

    /**
     * A comma list, or a Collection or an array of values taken whole: a group named "Smith, Jones" can only be given
     * in a Collection.
     */
    private static List<String> list(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof Collection || value instanceof Object[]) {
            for (Object o : value instanceof Collection ? (Collection<?>) value : List.of((Object[]) value)) {
                if (o != null && !o.toString().isBlank()) {
                    out.add(o.toString().strip());
                }
            }
        } else if (value != null) {
            out.addAll(split(value.toString()));
        }
        return out;
    }

    private static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String part : SEPARATORS.split(text)) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }

    /** The first ISO control character other than a tab, or -1. */
    private static int firstControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) && c != '\t') {
                return c;
            }
        }
        return -1;
    }

    /** For error messages: control characters shown as \\uXXXX, long values cut. */
    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && out.length() < 60; i++) {
            char c = s.charAt(i);
            out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return s.length() > 60 ? out + "..." : out.toString();
    }
}
