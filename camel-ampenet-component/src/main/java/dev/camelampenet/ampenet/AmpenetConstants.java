package dev.camelampenet.ampenet;

import dev.camelampenet.ampenet.api.AmpenetOperation;
import org.apache.camel.spi.Metadata;

/** Message headers of the ampenet component. A header wins over the endpoint option of the same meaning. */
public final class AmpenetConstants {

    @Metadata(label = "producer", description = "Overrides the URI's operation for this exchange: an operation of the"
            + " URI's resource (e.g. create on an ampenet:groups/... endpoint), so one endpoint serves a dynamic route"
            + " without toD.", javaType = "String",
              enums = "list,create,get,update,delete,store,move,send,campaign,me,balance")
    public static final String OPERATION = "CamelAmpenetOperation";

    @Metadata(label = "producer", description = "The contact group uid (13 hex characters). Several uids, comma-separated"
            + " or as a Collection, for sms/campaign and contacts/store (one store per group).", javaType = "String")
    public static final String GROUP_ID = "CamelAmpenetGroupId";

    @Metadata(label = "producer", description = "The group uid a contact moves to (contacts/move), or that groups/delete"
            + " moves the group's contacts to before deleting it; overrides the targetGroupId option.", javaType = "String")
    public static final String TARGET_GROUP_ID = "CamelAmpenetTargetGroupId";

    @Metadata(label = "producer", description = "Contact group names instead of uids: one name or a comma-separated"
            + " list (or a Collection), resolved to uids with groups/list and cached per endpoint (groups/update and"
            + " groups/delete through the component clear the cache). Used wherever a group id is, when no"
            + " CamelAmpenetGroupId header is set; overrides the groupName option.", javaType = "String")
    public static final String GROUP_NAME = "CamelAmpenetGroupName";

    @Metadata(label = "producer", description = "The contact uid for contacts/get, contacts/update and contacts/delete.",
              javaType = "String")
    public static final String CONTACT_ID = "CamelAmpenetContactId";

    @Metadata(label = "producer", description = "The message uid for sms/get.", javaType = "String")
    public static final String MESSAGE_ID = "CamelAmpenetMessageId";

    @Metadata(label = "producer", description = "The campaign uid for campaigns/get.", javaType = "String")
    public static final String CAMPAIGN_ID = "CamelAmpenetCampaignId";

    @Metadata(label = "producer", description = "The recipients of sms/send: a String of numbers separated by commas,"
            + " semicolons or new lines, or a Collection of numbers. Numbers in local form need the defaultRegion option.",
              javaType = "java.util.Collection<String>")
    public static final String RECIPIENTS = "CamelAmpenetRecipients";

    @Metadata(label = "producer", description = "The sender id (up to 11 letters and digits, or a phone number);"
            + " overrides the senderId option.", javaType = "String")
    public static final String SENDER_ID = "CamelAmpenetSenderId";

    @Metadata(label = "producer", description = "The SMS type (plain, unicode, voice, mms, whatsapp, viber, otp);"
            + " overrides the smsType option. A plain text that needs UCS-2 is sent as unicode.", javaType = "String",
              enums = "plain,unicode,voice,mms,whatsapp,viber,otp")
    public static final String SMS_TYPE = "CamelAmpenetSmsType";

    @Metadata(label = "producer", description = "When to send: a String in the API's Y-m-d H:i form, a LocalDateTime"
            + " (taken as the account's time), a ZonedDateTime, an OffsetDateTime or an Instant.", javaType = "java.time.Instant")
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

    @Metadata(label = "producer", description = "After sms/send: the text encoding, GSM_7 or UCS_2.", javaType = "String",
              enums = "GSM_7,UCS_2")
    public static final String ENCODING = "CamelAmpenetEncoding";

    @Metadata(label = "producer", description = "After sms/send: the recipients that were not messaged, each with the"
            + " reason (invalid number, or the API's refusal).", javaType = "java.util.List<dev.camelampenet.ampenet.model.RejectedRecipient>")
    public static final String REJECTED_RECIPIENTS = "CamelAmpenetRejectedRecipients";

    @Metadata(label = "producer", description = "After sms/send, on success and on failure: the normalised numbers that"
            + " were never part of a call that went out. Safe to send again; a redelivery of the same exchange sends"
            + " these and no others.", javaType = "java.util.List<String>")
    public static final String UNSENT_RECIPIENTS = "CamelAmpenetUnsentRecipients";

    @Metadata(label = "producer", description = "After sms/send, on success and on failure: the normalised numbers in a"
            + " call whose outcome is unknown (no answer, or an answer given after the server may have acted). They may"
            + " have been sent: never send them again without checking (sms/list).", javaType = "java.util.List<String>")
    public static final String UNCERTAIN_RECIPIENTS = "CamelAmpenetUncertainRecipients";

    @Metadata(label = "producer", description = "After sms/campaign: which way it went. SERVER_CAMPAIGN: one POST"
            + " /sms/campaign, the body is the Campaign. MERGED_SEND: several groups, whose subscribed contacts the"
            + " component listed, merged and sent with sms/send (one SMS per distinct number); the body is the"
            + " SendResult and the headers are those of sms/send (no campaign uid).", javaType = "String",
              enums = "SERVER_CAMPAIGN,MERGED_SEND")
    public static final String CAMPAIGN_PATH = "CamelAmpenetCampaignPath";

    @Metadata(label = "producer", description = "After contacts/store and contacts/update: the field tags sent that the"
            + " server did not keep, because the contact's group does not define them (the server ignores them"
            + " silently). Empty when every field was kept.", javaType = "java.util.List<String>")
    public static final String IGNORED_FIELDS = "CamelAmpenetIgnoredFields";

    @Metadata(label = "consumer", description = "On exchanges from the sms/list consumer: why the message was emitted,"
            + " NEW or STATUS_CHANGED.", javaType = "String", enums = "NEW,STATUS_CHANGED")
    public static final String EVENT = "CamelAmpenetEvent";

    private AmpenetConstants() {
    }
}
