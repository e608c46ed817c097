package dev.camelampenet.simulator;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Known server bugs (docs/ampenet-api.md §13) the simulator can reproduce. Each profile switches some on by default
 * ({@link Profile#defaultBugs()}); tests and users flip them through the control API or the builder.
 */
public enum ServerBug {
    /** v3.8: GET /sms lists every tenant's messages (the query is not filtered by user). [SRC] */
    UNSCOPED_SMS_LIST,
    /**
     * v3.8/v3.13: listing a non-empty group's contacts fails with an SQL error because the query still selects
     * dropped columns. Inferred from a migration, never observed, and likely patched on live servers, so it is off
     * by default in every profile. [INF]
     */
    CONTACT_LIST_SQL_ERROR,
    /** v3.8: campaign create answers with the first campaign row in the table, not the new one. [SRC] */
    CAMPAIGN_CREATE_RETURNS_FIRST,
    /** v3.8/v3.13: schedule_time is ignored when there is exactly one recipient; it goes out at once. [INF] */
    SINGLE_RECIPIENT_SCHEDULE_IGNORED,
    /**
     * v3.8/v3.13: a campaign to several groups sends one SMS per subscribed contact row, so a number that is in
     * three of the groups gets three SMS (and is charged three times). The server selects the contact rows of the
     * groups and loads them all before any is sent; its "already sent in this campaign" filter only applies to
     * later loads. Switched off, each number gets one SMS. [INF]
     */
    CAMPAIGN_REPEATS_SHARED_NUMBERS;

    /** The name used on the control API and CLI: lower-case with dashes, e.g. {@code unscoped-sms-list}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static ServerBug parse(String key) {
        // valueOf's own message names the Java constant; users typed a key, so answer with the keys they can use
        for (ServerBug value : values()) {
            if (value.key().equals(key.trim().toLowerCase(Locale.ROOT).replace('_', '-'))) {
                return value;
            }
        }
        throw new IllegalArgumentException("Unknown bug '" + key + "'; use one of "
                + Arrays.stream(values()).map(ServerBug::key).collect(Collectors.joining(", ")));
    }
}
