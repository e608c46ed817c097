package dev.camelampenet.ampenet;

import org.apache.camel.spi.Metadata;

/** Message headers of the ampenet component. A header wins over the endpoint option of the same meaning. */
public final class AmpenetConstants {

    @Metadata(label = "producer", description = "The contact group uid (13 hex characters). Several uids, comma-separated"
            + " or as a Collection, for sms/campaign.", javaType = "String")
    public static final String GROUP_ID = "CamelAmpenetGroupId";

    @Metadata(label = "producer", description = "The contact uid for contacts/get, contacts/update and contacts/delete.",
              javaType = "String")
    public static final String CONTACT_ID = "CamelAmpenetContactId";

    @Metadata(label = "producer", description = "The message uid for sms/get.", javaType = "String")
    public static final String MESSAGE_ID = "CamelAmpenetMessageId";

    @Metadata(label = "producer", description = "The campaign uid for campaigns/get.", javaType = "String")
    public static final String CAMPAIGN_ID = "CamelAmpenetCampaignId";

    @Metadata(label = "producer", description = "The recipients of sms/send: a String of numbers separated by commas,"
            + " semicolons or new lines, or a Collection of numbers. Numbers in local form need the defaultRegion option.",
              javaType = "Object")
    public static final String RECIPIENTS = "CamelAmpenetRecipients";

    @Metadata(label = "producer", description = "The sender id (up to 11 letters and digits, or a phone number);"
            + " overrides the senderId option.", javaType = "String")
    public static final String SENDER_ID = "CamelAmpenetSenderId";

    @Metadata(label = "producer", description = "The SMS type (plain, unicode, voice, mms, whatsapp, viber, otp);"
            + " overrides the smsType option. A plain text that needs UCS-2 is sent as unicode.", javaType = "String")
    public static final String SMS_TYPE = "CamelAmpenetSmsType";

    @Metadata(label = "producer", description = "When to send: a String in the API's Y-m-d H:i form, a LocalDateTime"
            + " (taken as the account's time), a ZonedDateTime, an OffsetDateTime or an Instant.", javaType = "Object")
    public static final String SCHEDULE_TIME = "CamelAmpenetScheduleTime";

    @Metadata(label = "producer", description = "For list operations: fetch only this page (1-based, 25 items per page)"
            + " instead of all pages.", javaType = "Integer")
    public static final String PAGE = "CamelAmpenetPage";

    @Metadata(label = "producer", description = "After sms/send: the uids of the messages created, one per accepted"
            + " recipient (empty when the API scheduled them, as it returns no uids then).", javaType = "java.util.List<String>")
    public static final String MESSAGE_IDS = "CamelAmpenetMessageIds";

    @Metadata(label = "producer", description = "After sms/send: the number of segments of the text per recipient.",
              javaType = "Integer")
    public static final String SEGMENTS = "CamelAmpenetSegments";

    @Metadata(label = "producer", description = "After sms/send: the text encoding, GSM_7 or UCS_2.", javaType = "String")
    public static final String ENCODING = "CamelAmpenetEncoding";

    @Metadata(label = "producer", description = "After sms/send: the recipients that were not messaged, each with the"
            + " reason (invalid number, or the API's refusal).", javaType = "java.util.List<dev.camelampenet.ampenet.model.RejectedRecipient>")
    public static final String REJECTED_RECIPIENTS = "CamelAmpenetRejectedRecipients";

    @Metadata(label = "consumer", description = "On exchanges from the sms/list consumer: why the message was emitted,"
            + " NEW or STATUS_CHANGED.", javaType = "String")
    public static final String EVENT = "CamelAmpenetEvent";

    private AmpenetConstants() {
    }
}
