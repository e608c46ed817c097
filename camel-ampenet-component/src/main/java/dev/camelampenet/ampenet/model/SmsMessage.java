package dev.camelampenet.ampenet.model;

import java.math.BigDecimal;

/**
 * A message as the API reports it (send result row, sms/get, sms/list, the consumer).
 *
 * @param status the customer status: Delivered or Failed at send time, later what the delivery report says
 *               (Enroute, Undelivered, Expired, Rejected...). Older servers' "Delivered|200" reads as "Delivered".
 * @param cost units charged (null when the server did not say)
 * @param segments SMS parts (null on servers that do not report it)
 * @param type sms type and direction are reported by v3.13 servers only (else null)
 */
public record SmsMessage(String uid, String to, String from, String text, String status, BigDecimal cost,
                         Integer segments, String type, String direction, String sentAt) {
}
