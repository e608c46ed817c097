package dev.camelampenet.simulator.api;

import dev.camelampenet.simulator.Profile;
import dev.camelampenet.simulator.state.Account;
import dev.camelampenet.simulator.state.Campaign;
import dev.camelampenet.simulator.state.Contact;
import dev.camelampenet.simulator.state.ContactGroup;
import dev.camelampenet.simulator.state.SmsMessage;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shape of every object the API returns, per server generation (docs/ampenet-api.md §6.1 to §6.8). This is the
 * one place that knows which keys, types and order a profile uses.
 */
public final class WireShapes {

    private final Profile profile;

    public WireShapes(Profile profile) {
        this.profile = profile;
    }

    // ---- profile and balance ----------------------------------------------------------------------------------

    Map<String, Object> me(Account a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uid", a.uid);
        m.put("api_token", a.token());
        m.put("first_name", a.firstName);
        m.put("last_name", a.lastName);
        m.put("email", a.email);
        m.put("locale", "en");
        m.put("timezone", a.timezone.getId());
        m.put("last_access_at", profile == Profile.V3_1
                ? Formats.customerDateTime(a.createdAt, a.timezone) : Formats.iso(a.createdAt));
        return m;
    }

    Map<String, Object> balance(Account a) {
        BigDecimal units = a.balance();
        boolean unlimited = a.isUnlimited();
        Map<String, Object> m = new LinkedHashMap<>();
        if (profile == Profile.V3_1) {
            m.put("remaining_unit", unlimited ? "Unlimited" : Formats.units(units));
        } else {
            m.put("remaining_balance", unlimited ? "Unlimited" : "$" + Formats.units(units));
        }
        m.put("expired_on", Formats.customerDateTime(a.subscriptionEndsAt, a.timezone));
        return m;
    }

    // ---- groups -------------------------------------------------------------------------------------------

    /** show and list: uid first. */
    Map<String, Object> group(ContactGroup g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uid", g.uid);
        m.put("name", g.name());
        return m;
    }

    /** create and update return the model after fill(): name first. */
    Map<String, Object> groupAfterSave(ContactGroup g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", g.name());
        m.put("uid", g.uid);
        return m;
    }

    // ---- contacts -----------------------------------------------------------------------------------------

    /** search, update and (>= v3.8) store and list. */
    Map<String, Object> contact(Contact c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uid", c.uid);
        m.put("phone", phoneNumber(c.phone()));
        if (profile.upperCaseContactFields()) {
            m.put("status", c.status());
            m.put("custom_fields", c.fields());
        } else {
            Map<String, String> f = c.fields();
            m.put("first_name", emptyToNull(f.get("FIRST_NAME")));
            m.put("last_name", emptyToNull(f.get("LAST_NAME")));
        }
        return m;
    }

    /** v3.1 store answers with the whole Eloquent row in attribute order. */
    Map<String, Object> contactRow(Contact c) {
        Map<String, String> f = c.fields();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("customer_id", c.group.owner.id);
        m.put("group_id", c.group.id);
        m.put("phone", phoneNumber(c.phone()));
        m.put("first_name", emptyToNull(f.get("FIRST_NAME")));
        m.put("last_name", emptyToNull(f.get("LAST_NAME")));
        m.put("uid", c.uid);
        m.put("updated_at", Formats.iso(c.updatedAt()));
        m.put("created_at", Formats.iso(c.createdAt));
        m.put("id", c.id);
        return m;
    }

    /** The {@code integer} cast: a JSON number, leading zeros lost. */
    static Object phoneNumber(String digits) {
        return digits.length() <= 18 ? (Object) Long.parseLong(digits) : new BigInteger(digits);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    // ---- messages -----------------------------------------------------------------------------------------

    /** Single-recipient send result. */
    Map<String, Object> sendResult(SmsMessage s) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (profile == Profile.V3_13) {
            m.put("id", s.seq);
        }
        m.put("uid", s.uid);
        m.put("to", s.to);
        m.put("from", s.from);
        m.put("message", s.message);
        // <= v3.1 returns the raw gateway answer, >= v3.8 the customer status
        m.put("status", profile == Profile.V3_1 ? s.gatewayStatus() : s.status());
        m.put("cost", profile == Profile.V3_13 ? (Object) s.cost : Formats.plain(s.cost));
        if (profile != Profile.V3_1) {
            m.put("sms_count", s.segments);
        }
        if (profile == Profile.V3_13) {
            m.put("media_url", null);
        }
        return m;
    }

    /** One row of the bulk send result: the status key is customer_status here. */
    Map<String, Object> bulkRow(SmsMessage s) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (profile == Profile.V3_13) {
            m.put("id", s.seq);
        }
        m.put("uid", s.uid);
        m.put("to", s.to);
        m.put("from", s.from);
        m.put("message", s.message);
        m.put("customer_status", s.status());
        m.put("cost", profile == Profile.V3_13 ? (Object) s.cost : Formats.plain(s.cost));
        m.put("sms_count", s.segments);
        return m;
    }

    /** GET /sms/{uid} and each row of GET /sms. */
    Map<String, Object> message(SmsMessage s, boolean listRow) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (profile == Profile.V3_13 && listRow) {
            m.put("id", s.seq);
        }
        m.put("uid", s.uid);
        m.put("to", s.to);
        m.put("from", s.from);
        m.put("message", s.message);
        switch (profile) {
            case V3_1:
                m.put("status", s.gatewayStatus()); // the same column the send answer shows
                m.put("cost", Formats.plain(s.cost));
                break;
            case V3_8:
                m.put("customer_status", s.status());
                m.put("cost", Formats.plain(s.cost));
                break;
            default:
                m.put("sms_type", s.smsType);
                m.put("direction", direction(s));
                m.put("status", s.status());
                m.put("sms_count", s.segments);
                m.put("cost", Formats.plain(s.cost));
                if (listRow) {
                    m.put("sent_at", Formats.sql(s.createdAt, s.account.timezone));
                }
        }
        return m;
    }

    static String direction(SmsMessage s) {
        return s.direction == SmsMessage.Direction.INCOMING ? "incoming" : "outgoing";
    }

    // ---- campaigns ----------------------------------------------------------------------------------------

    Map<String, Object> campaignCreated(Campaign c) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (profile == Profile.V3_13) {
            m.put("id", c.id);
        }
        m.put("uid", c.uid);
        m.put("campaign_name", c.name);
        m.put("status", c.status());
        if (profile == Profile.V3_13) {
            m.put("message", c.message);
            m.put("created_at", Formats.iso(c.createdAt));
            m.put("sms_type", c.smsType);
        }
        return m;
    }

    Map<String, Object> campaign(Campaign c) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (profile == Profile.V3_13) {
            m.put("id", c.id);
            m.put("uid", c.uid);
        } else {
            m.put("id", c.uid);
        }
        m.put("name", c.name);
        m.put("message", c.message);
        m.put("status", c.status());
        m.put("type", c.smsType);
        m.put("created_at", Formats.customerDateTime(c.createdAt, c.account.timezone));
        if (c.runAt != null) {
            m.put("start_at", Formats.customerDateTime(c.runAt, c.account.timezone));
        }
        if (c.deliveryAt() != null && "done".equals(c.status())) {
            m.put("delivery_at", Formats.customerDateTime(c.deliveryAt(), c.account.timezone));
        }
        m.put("stats", campaignStats(c.messages()));
        return m;
    }

    private static Map<String, Object> campaignStats(List<SmsMessage> messages) {
        String[] statuses = {"Enroute", "Delivered", "Expired", "Undelivered", "Rejected", "Accepted", "Skipped", "Failed"};
        Map<String, Object> stats = new LinkedHashMap<>();
        for (String status : statuses) {
            long count = messages.stream().filter(m -> status.equalsIgnoreCase(m.status())).count();
            stats.put(status.toLowerCase(java.util.Locale.ROOT) + "_count", count);
        }
        return stats;
    }
}
