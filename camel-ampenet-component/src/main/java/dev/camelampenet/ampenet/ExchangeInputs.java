package dev.camelampenet.ampenet;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** Reads an operation's inputs from the exchange: a header wins over the endpoint option, which wins over the component's. */
final class ExchangeInputs {

    private final AmpenetEndpoint endpoint;

    ExchangeInputs(AmpenetEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    private AmpenetConfiguration config() {
        return endpoint.getConfiguration();
    }

    String groupId(Exchange exchange) {
        String id = string(exchange.getMessage(), AmpenetConstants.GROUP_ID);
        return id != null ? id : config().getGroupId();
    }

    /** One or more group ids for sms/campaign. */
    List<String> groupIds(Exchange exchange) {
        Object value = exchange.getMessage().getHeader(AmpenetConstants.GROUP_ID);
        List<String> ids = value == null ? split(config().getGroupId()) : values(value);
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("sms/campaign needs one or more group ids in the " + AmpenetConstants.GROUP_ID
                    + " header or the groupId option");
        }
        return ids;
    }

    String required(Exchange exchange, String header, String what) {
        String value = string(exchange.getMessage(), header);
        if (value == null) {
            throw new IllegalArgumentException("Ampenet " + endpoint.getApiOperation().uri() + " needs " + what + " in the "
                    + header + " header");
        }
        return value;
    }

    String senderId(Exchange exchange) {
        String id = string(exchange.getMessage(), AmpenetConstants.SENDER_ID);
        return id != null ? id : config().getSenderId();
    }

    String smsType(Exchange exchange) {
        String type = string(exchange.getMessage(), AmpenetConstants.SMS_TYPE);
        return type != null ? type : config().getSmsType();
    }

    Integer page(Exchange exchange) {
        Object page = exchange.getMessage().getHeader(AmpenetConstants.PAGE);
        if (page == null) {
            return null;
        }
        Integer number = exchange.getContext().getTypeConverter().convertTo(Integer.class, page);
        if (number == null || number < 1) {
            throw new IllegalArgumentException(AmpenetConstants.PAGE + " must be a page number from 1, got '" + page + "'");
        }
        return number;
    }

    /** The message text: the body as a String, required. */
    String text(Exchange exchange) {
        return text(exchange, "the message text");
    }

    /** The body as a String, required; {@code what} names it in the error (the message text, the group name). */
    String text(Exchange exchange, String what) {
        String text = exchange.getMessage().getBody(String.class);
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Ampenet " + endpoint.getApiOperation().uri() + " needs " + what + " as the body");
        }
        return text.strip(); // the server trims it too (Laravel's TrimStrings); counting must see what is sent
    }

    static String string(Message message, String header) {
        Object value = message.getHeader(header);
        if (value == null) {
            return null;
        }
        String s = value.toString().trim();
        return s.isEmpty() ? null : s;
    }

    /** A String of values separated by commas, semicolons or line breaks, or a Collection / array of them. */
    static List<String> values(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof Collection) {
            for (Object o : (Collection<?>) value) {
                if (o != null) {
                    out.addAll(split(o.toString()));
                }
            }
        } else if (value instanceof Object[]) {
            for (Object o : (Object[]) value) {
                if (o != null) {
                    out.addAll(split(o.toString()));
                }
            }
        } else if (value != null) {
            out.addAll(split(value.toString()));
        }
        return out;
    }

    private static final Pattern SEPARATORS = Pattern.compile("[,;\\r\\n]+");

    private static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String part : SEPARATORS.split(text)) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }
}
