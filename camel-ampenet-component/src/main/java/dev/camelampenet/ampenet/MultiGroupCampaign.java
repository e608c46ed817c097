package dev.camelampenet.ampenet;

/**
 * How sms/campaign reaches a number that is in several of the campaign's groups. The server's own campaign sends one
 * SMS per contact row (v3.8 and v3.13; v3.1 has no campaign route at all), so a number in three of the groups would
 * get three SMS and be charged three times (docs/ampenet-api.md §6.7). The component therefore merges the groups
 * itself unless told that the server de-duplicates.
 */
public enum MultiGroupCampaign {
    /**
     * The default: the component lists the groups' subscribed contacts (every page of every group), merges and
     * de-duplicates their normalised numbers, and sends them through sms/send (chunks of 100, paced, with the
     * accounting headers and the exactly-once redelivery of sms/send). One SMS per distinct number.
     */
    MERGED_SEND,
    /**
     * One POST /sms/campaign for all the groups, as the server runs it. Only for a server known to de-duplicate
     * across groups: no released generation does.
     */
    SERVER_CAMPAIGN
}
