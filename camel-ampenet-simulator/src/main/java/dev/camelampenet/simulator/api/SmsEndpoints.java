package dev.camelampenet.simulator.api;

import dev.camelampenet.simulator.Profile;
import dev.camelampenet.simulator.ServerBug;
import dev.camelampenet.simulator.http.ApiError;
import dev.camelampenet.simulator.http.ApiRequest;
import dev.camelampenet.simulator.http.ApiResponse;
import dev.camelampenet.simulator.http.Paginator;
import dev.camelampenet.simulator.http.Validation;
import dev.camelampenet.simulator.sms.PhoneRules;
import dev.camelampenet.simulator.state.SmsMessage;

import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** POST /sms/send, GET /sms/{uid}, GET /sms (docs/ampenet-api.md §6.5 and §6.6). */
final class SmsEndpoints {

    static final String SENT = "Your message was successfully delivered";
    static final String SCHEDULED = "Message is scheduled successfully.";
    static final String CAMPAIGN_STORED = "Your campaign successfully store and is being produced in the background. "
            + "Track the process in the Reports -> Campaigns Menu";
    static final int MAX_RECIPIENTS = 100;

    private static final Set<String> TYPES_V31 = Set.of("plain", "unicode", "voice", "mms", "whatsapp");
    private static final Set<String> TYPES = Set.of("plain", "unicode", "voice", "mms", "whatsapp", "viber", "otp");
    private static final DateTimeFormatter FILTER_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private SmsEndpoints() {
    }

    // ---- send ---------------------------------------------------------------------------------------------

    static ApiResponse send(Call call) {
        ApiRequest in = call.request;
        new Validation().required("recipient", in.input("recipient")).required("message", in.input("message")).throwIfFailed();
        Object recipientValue = in.input("recipient");
        if (recipientValue instanceof Collection || recipientValue instanceof Map) {
            // the controller explode()s the value; PHP 8 throws and the handler answers with the raw text
            throw ApiError.handler("explode(): Argument #2 ($string) must be of type string, array given");
        }
        String recipient = ApiRequest.asString(recipientValue);
        String type = in.inputString("type") == null ? "plain" : in.inputString("type");
        String senderId = in.inputString("sender_id");
        checkType(call, type);
        checkTypeParameters(in, type);
        if (senderId != null && call.account.senderIdVerification() && !call.account.isApprovedSender(senderId)) {
            throw ApiError.responder(404, "Originator " + senderId + " is not authorized to send this message");
        }
        if (call.account.balance().signum() == 0) {
            throw ApiError.responder(404, "You have exceeded your sending limit.");
        }
        String scheduleText = in.inputString("schedule_time");
        Instant schedule = scheduleText == null ? null : ScheduleTime.parse(scheduleText, call.account.timezone);
        SmsText text = SmsText.analyse(in.inputString("message"), type);
        boolean bulk = recipient.contains(",");

        if (call.profile == Profile.V3_1 && (bulk || schedule != null)) {
            return legacyCampaignSend(call, recipient, text, senderId, schedule);
        }
        if (!bulk) {
            if (schedule != null && !call.state.bug(ServerBug.SINGLE_RECIPIENT_SCHEDULE_IGNORED)) {
                return bulkSend(call, recipient, text, senderId, schedule);
            }
            return singleSend(call, recipient, text, senderId);
        }
        return bulkSend(call, recipient, text, senderId, schedule);
    }

    private static void checkType(Call call, String type) {
        boolean legacy = call.profile == Profile.V3_1;
        if (!(legacy ? TYPES_V31 : TYPES).contains(type)) {
            throw ApiError.responder(404, legacy
                    ? "Please insert valid sms type called plain, unicode, voice, mms, and whatsapp."
                    : "Please insert valid sms type called plain, unicode, voice, mms, viber, OTP and whatsapp.");
        }
    }

    private static void checkTypeParameters(ApiRequest in, String type) {
        if ("voice".equals(type) && (!in.has("language") || !in.has("gender"))) {
            throw ApiError.responder(404, "Language and gender parameters are required");
        }
        String mediaUrl = in.inputString("media_url");
        if ("mms".equals(type) && mediaUrl == null) {
            throw ApiError.responder(404, "media_url parameter is required");
        }
        if (mediaUrl != null && Set.of("mms", "whatsapp", "viber").contains(type) && !isUrl(mediaUrl)) {
            throw ApiError.responder(404, "Valid media url is required.");
        }
    }

    private static boolean isUrl(String text) {
        try {
            URI uri = new URI(text);
            return uri.getScheme() != null && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }

    /** quickSend: one number, answered with the message or a 403 carrying the reason. */
    private static ApiResponse singleSend(Call call, String recipient, SmsText text, String senderId) {
        List<String> numbers = PhoneRules.splitRecipients(recipient);
        String number = numbers.isEmpty() ? recipient : numbers.get(0);
        try {
            SmsMessage sent = Delivery.deliver(call, number, text, senderId, null, null);
            return Call.success(SENT, call.shapes.sendResult(sent));
        } catch (Delivery.Refusal refusal) {
            throw ApiError.responder(403, refusal.getMessage());
        }
    }

    /** sendApi: up to 100 numbers; refused ones are skipped and their reasons become the message. */
    private static ApiResponse bulkSend(Call call, String recipient, SmsText text, String senderId, Instant schedule) {
        List<String> numbers = PhoneRules.splitRecipients(recipient);
        if (numbers.size() > MAX_RECIPIENTS) {
            throw ApiError.responder(403, "You cannot send more than 100 SMS in a single request.");
        }
        List<SmsMessage> sent = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (String number : numbers) {
            try {
                sent.add(Delivery.deliver(call, number, text, senderId, schedule, null));
            } catch (Delivery.Refusal refusal) {
                reasons.add(refusal.getMessage());
            }
        }
        if (sent.isEmpty()) {
            throw ApiError.responder(403, reasons.isEmpty() ? "Phone numbers required" : String.join(" ", reasons));
        }
        String message = reasons.isEmpty() ? SCHEDULED : String.join(" ", reasons);
        if (schedule != null) {
            return Call.success(message, null); // rows wait in ScheduleMessage: no uids to return
        }
        return Call.success(message, sent.stream().map(call.shapes::bulkRow).collect(Collectors.toList()));
    }

    /** v3.1 sent bulk and scheduled messages through a campaign: no cap, no uids, refused numbers skipped silently. */
    private static ApiResponse legacyCampaignSend(Call call, String recipient, SmsText text, String senderId, Instant schedule) {
        int delivered = 0;
        for (String number : PhoneRules.splitRecipients(recipient)) {
            try {
                Delivery.deliver(call, number, text, senderId, schedule, null);
                delivered++;
            } catch (Delivery.Refusal ignored) {
                // the legacy campaign path drops numbers it cannot send to
            }
        }
        if (delivered == 0) {
            throw ApiError.responder(404, "Valid phone number not found. Please insert at least one valid phone number");
        }
        return Call.success(CAMPAIGN_STORED, null);
    }

    // ---- view and list ------------------------------------------------------------------------------------

    static ApiResponse view(Call call) {
        call.requireAbility("view_reports");
        SmsMessage m = call.message;
        boolean scoped = call.profile != Profile.V3_8;
        if (m.isScheduled() || (scoped && m.account != call.account)) {
            throw ApiError.responder(404, "SMS Info not found");
        }
        return Call.success(null, call.shapes.message(m, false));
    }

    static ApiResponse list(Call call) {
        call.requireAbility("view_reports");
        boolean unscoped = call.state.bug(ServerBug.UNSCOPED_SMS_LIST);
        Collection<SmsMessage> source = unscoped ? call.state.allMessagesNewestFirst() : call.state.messagesNewestFirst(call.account);
        Predicate<SmsMessage> filter = m -> !m.isScheduled();
        String message = null;
        if (call.profile == Profile.V3_13) {
            filter = filter.and(v313Filter(call));
            message = "SMS data fetched successfully";
        }
        int page = Paginator.currentPage(call.request);
        int offset = Paginator.offset(page);
        int[] total = {0};
        List<Map<String, Object>> rows = new ArrayList<>();
        Stream<SmsMessage> stream = source.stream().filter(filter);
        stream.forEach(m -> {
            if (total[0] >= offset && rows.size() < Paginator.PER_PAGE) {
                rows.add(call.shapes.message(m, true));
            }
            total[0]++;
        });
        return Call.success(message, Paginator.page(rows, total[0], page, call.url(),
                call.profile.previousLabel(), call.profile.nextLabel()));
    }

    /** v3.13 list filters: timezone, start_date/end_date (default the last 30 days), sms_type, direction. */
    private static Predicate<SmsMessage> v313Filter(Call call) {
        ApiRequest in = call.request;
        ZoneId zone = call.account.timezone;
        String tz = in.inputString("timezone");
        if (tz != null) {
            try {
                zone = ZoneId.of(tz);
            } catch (DateTimeException e) {
                throw ApiError.responder(422, "Invalid timezone provided.");
            }
        }
        Instant now = call.state.now();
        Instant start = filterDate(in.inputString("start_date"), zone, now.minusSeconds(30L * 24 * 3600));
        Instant end = filterDate(in.inputString("end_date"), zone, now.plusSeconds(1));
        if (!start.isBefore(end)) {
            throw ApiError.responder(422, "Start datetime must be before end datetime.");
        }
        String smsType = in.inputString("sms_type");
        String direction = in.inputString("direction");
        return m -> !m.createdAt.isBefore(start) && !m.createdAt.isAfter(end)
                && (smsType == null || smsType.equals(m.smsType))
                && (direction == null || direction.equals(WireShapes.direction(m)));
    }

    private static Instant filterDate(String text, ZoneId zone, Instant fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return LocalDateTime.parse(text, FILTER_DATE).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiError.responder(422, "Invalid datetime format. Use Y-m-d H:i:s");
        }
    }
}
