package dev.camelampenet.ampenet.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Every {@code ampenet:<resource>/<operation>} the component serves, with the HTTP call behind it (docs/ampenet-api.md:
 * the POSTs on show, search and all are the server's, whatever its docs say).
 */
public enum AmpenetOperation {
    GROUPS_LIST("groups", "list", "GET", "/contacts", true),
    GROUPS_CREATE("groups", "create", "POST", "/contacts", false),
    GROUPS_GET("groups", "get", "POST", "/contacts/{gid}/show", true),
    GROUPS_UPDATE("groups", "update", "PATCH", "/contacts/{gid}", false),
    GROUPS_DELETE("groups", "delete", "DELETE", "/contacts/{gid}", false),
    CONTACTS_STORE("contacts", "store", "POST", "/contacts/{gid}/store", false),
    CONTACTS_GET("contacts", "get", "POST", "/contacts/{gid}/search/{uid}", true),
    CONTACTS_UPDATE("contacts", "update", "PATCH", "/contacts/{gid}/update/{uid}", false),
    CONTACTS_DELETE("contacts", "delete", "DELETE", "/contacts/{gid}/delete/{uid}", false),
    CONTACTS_LIST("contacts", "list", "POST", "/contacts/{gid}/all", true),
    /** Several calls (read in the source, store in the target, delete from the source): its first one is given here. */
    CONTACTS_MOVE("contacts", "move", "POST", "/contacts/{gid}/search/{uid}", false),
    SMS_SEND("sms", "send", "POST", "/sms/send", false),
    SMS_GET("sms", "get", "GET", "/sms/{uid}", true),
    SMS_LIST("sms", "list", "GET", "/sms", true),
    SMS_CAMPAIGN("sms", "campaign", "POST", "/sms/campaign", false),
    CAMPAIGNS_GET("campaigns", "get", "GET", "/campaign/{uid}/view", true),
    PROFILE_ME("profile", "me", "GET", "/me", true),
    PROFILE_BALANCE("profile", "balance", "GET", "/balance", true);

    private final String resource;
    private final String operation;
    private final String method;
    private final String path;
    private final boolean read;

    AmpenetOperation(String resource, String operation, String method, String path, boolean read) {
        this.resource = resource;
        this.operation = operation;
        this.method = method;
        this.path = path;
        this.read = read;
    }

    public String resource() {
        return resource;
    }

    public String operation() {
        return operation;
    }

    public String method() {
        return method;
    }

    /** The path template under the base URL, with {gid} and {uid} placeholders. */
    public String path() {
        return path;
    }

    /**
     * True when the call changes nothing on the server, so repeating it can never duplicate anything (some reads
     * are POSTs on this API, so the HTTP method cannot tell).
     */
    public boolean isRead() {
        return read;
    }

    /** True for the operations that send SMS (and spend units). */
    public boolean isSending() {
        return this == SMS_SEND || this == SMS_CAMPAIGN;
    }

    /** {@code groups/list} etc. */
    public String uri() {
        return resource + "/" + operation;
    }

    /** The operation {@code resource/operation} (any case), or null when the API has no such operation. */
    public static AmpenetOperation find(String resource, String operation) {
        for (AmpenetOperation op : values()) {
            if (op.resource.equalsIgnoreCase(resource) && op.operation.equalsIgnoreCase(operation)) {
                return op;
            }
        }
        return null;
    }

    /**
     * Resolves the URI path {@code <resource>/<operation>} (any case), or fails with the form and the list of what
     * exists, so a typo is fixed from the message alone.
     */
    public static AmpenetOperation fromPath(String path) {
        String[] parts = (path == null ? "" : path).toLowerCase(Locale.ROOT).split("/", -1);
        if (parts.length == 2) {
            for (AmpenetOperation op : values()) {
                if (op.resource.equals(parts[0]) && op.operation.equals(parts[1])) {
                    return op;
                }
            }
        }
        throw new IllegalArgumentException("Unknown Ampenet operation 'ampenet:" + path + "'. An Ampenet URI is"
                + " ampenet:<resource>/<operation>, with one of: "
                + Arrays.stream(values()).map(AmpenetOperation::uri).collect(Collectors.joining(", ")));
    }
}
