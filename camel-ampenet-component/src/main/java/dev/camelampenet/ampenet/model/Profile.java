package dev.camelampenet.ampenet.model;

/**
 * The account profile ({@code ampenet:profile/me}). The server also returns the API token here; the component
 * drops it, so a profile can be logged or marshalled safely.
 */
public record Profile(String uid, String firstName, String lastName, String email, String locale, String timezone,
                      String lastAccessAt) {
}
