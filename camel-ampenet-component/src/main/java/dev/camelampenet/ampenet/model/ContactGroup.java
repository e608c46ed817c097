package dev.camelampenet.ampenet.model;

/** A contact group: its uid (13 hex characters) and name. */
public record ContactGroup(String uid, String name) {
}
