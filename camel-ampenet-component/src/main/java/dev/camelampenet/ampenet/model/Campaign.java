package dev.camelampenet.ampenet.model;

import java.util.Map;

/**
 * A campaign: one text sent to the subscribed contacts of one or more groups.
 *
 * @param status new, queued, sending, scheduled, processing, done, failed...
 * @param stats counts by delivery status (delivered_count, undelivered_count, failed_count...), empty on create
 */
public record Campaign(String uid, String name, String status, String text, String type, String createdAt,
                       Map<String, Long> stats) {
}
