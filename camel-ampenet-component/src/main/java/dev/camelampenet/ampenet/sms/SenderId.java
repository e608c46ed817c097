package dev.camelampenet.ampenet.sms;

import java.util.regex.Pattern;

/**
 * The sender id rule the API documents but does not enforce (docs/ampenet-api.md §6.5 and Q17): up to 11 letters and digits,
 * or a phone number. Checked before sending because gateways reject longer ones after the money is spent.
 */
public final class SenderId {

    private static final Pattern ALPHANUMERIC = Pattern.compile("^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$");
    private static final Pattern NUMERIC = Pattern.compile("^\\+?[0-9]{3,15}$");

    private SenderId() {
    }

    /** Null when acceptable, else what is wrong. */
    public static String problem(String senderId) {
        if (senderId == null) {
            return null;
        }
        if (ALPHANUMERIC.matcher(senderId).matches() || NUMERIC.matcher(senderId).matches()) {
            return null;
        }
        return "sender id '" + senderId + "' must be up to 11 letters and digits, or a phone number";
    }
}
