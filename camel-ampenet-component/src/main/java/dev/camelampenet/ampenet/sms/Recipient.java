package dev.camelampenet.ampenet.sms;

/**
 * One recipient as the route gave it and as the API needs it: digits with country code, no '+'.
 *
 * @param given the text the route supplied
 * @param number the normalised number, or null when invalid
 * @param problem why it is invalid, or null
 */
public record Recipient(String given, String number, String problem) {

    public boolean isValid() {
        return number != null;
    }
}
