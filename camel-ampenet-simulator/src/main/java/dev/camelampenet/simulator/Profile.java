package dev.camelampenet.simulator;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A server generation of the Ultimate SMS v3 API, as recorded in docs/ampenet-api.md §1 (docs/simulator.md lists what
 * differs).
 * <p>
 * The profile decides wire shapes (contact fields, balance, send result, list rows), which routes exist and which
 * of the known server bugs ({@link ServerBug}) are switched on by default.
 */
public enum Profile {
    /** Laravel 9 era: lower-case contact fields, {@code remaining_unit}, no throttle, no campaign routes. */
    V3_1("v3.1"),
    /** The default: upper-case contact field tags, {@code remaining_balance}, 1000/min throttle. */
    V3_8("v3.8"),
    /** Laravel 12: extra {@code id}/{@code sms_type}/{@code direction}/{@code sms_count}, scoped and filtered list. */
    V3_13("v3.13");

    private final String label;

    Profile(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Accepts {@code v3.8}, {@code 3.8}, {@code V3_8}, {@code legacy31}-style names. */
    public static Profile parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace('_', '.');
        if (t.startsWith("v")) {
            t = t.substring(1);
        }
        switch (t) {
            case "3.1": case "3.1.0": case "legacy31": return V3_1;
            case "3.8": case "3.8.0": return V3_8;
            case "3.13": case "3.13.0": case "313": return V3_13;
            default:
                throw new IllegalArgumentException("Unknown profile '" + text + "'; use one of v3.1, v3.8, v3.13");
        }
    }

    /** Contacts use upper-case field tags (PHONE, FIRST_NAME...) and custom_fields since v3.8. */
    public boolean upperCaseContactFields() {
        return this != V3_1;
    }

    /** ThrottleRequests:api is in the api middleware group only from v3.8. */
    public boolean throttled() {
        return this != V3_1;
    }

    /** POST /sms/campaign arrived in v3.7, GET /campaign/{uid}/view in late v3.8 builds. */
    public boolean hasCampaignRoutes() {
        return this != V3_1;
    }

    /** ApiResponser::error added {@code "data": null} up to v3.1 only. */
    public boolean errorEnvelopeHasData() {
        return this == V3_1;
    }

    /** Laravel 10+ ships the pagination language file; older builds print the raw keys. */
    public String previousLabel() {
        return this == V3_1 ? "pagination.previous" : "&laquo; Previous";
    }

    public String nextLabel() {
        return this == V3_1 ? "pagination.next" : "Next &raquo;";
    }

    /** The bugs of docs/ampenet-api.md §13 that a server of this generation shows, unless switched. */
    public Set<ServerBug> defaultBugs() {
        switch (this) {
            case V3_1:
                return EnumSet.noneOf(ServerBug.class);
            case V3_8:
                return EnumSet.of(ServerBug.UNSCOPED_SMS_LIST, ServerBug.CAMPAIGN_CREATE_RETURNS_FIRST,
                        ServerBug.SINGLE_RECIPIENT_SCHEDULE_IGNORED, ServerBug.CAMPAIGN_REPEATS_SHARED_NUMBERS);
            default:
                return EnumSet.of(ServerBug.SINGLE_RECIPIENT_SCHEDULE_IGNORED, ServerBug.CAMPAIGN_REPEATS_SHARED_NUMBERS);
        }
    }

    @Override
    public String toString() {
        return label;
    }
}
