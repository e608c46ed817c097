package dev.camelampenet.ampenet.model;

/**
 * A recipient that was not messaged.
 *
 * @param recipient as the route gave it
 * @param number the normalised number (digits with country code), or null when it could not be read
 * @param reason why: the component's own check, or the API's refusal text
 */
public record RejectedRecipient(String recipient, String number, String reason) {
}
