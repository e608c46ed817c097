package dev.camelampenet.ampenet.sms;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.function.Supplier;

/**
 * Writes a schedule time in the API's {@code Y-m-d H:i} form. The server reads it in the account's profile
 * timezone, so an absolute time (Instant, ZonedDateTime, OffsetDateTime, Date) is converted to that zone; a
 * LocalDateTime or a String is taken as already in it.
 */
public final class ScheduleTime {

    private static final DateTimeFormatter API = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private ScheduleTime() {
    }

    /** True for an absolute time, which must be converted to the account's timezone (so that has to be known). */
    public static boolean needsAccountZone(Object value) {
        return value != null && !(value instanceof String) && !(value instanceof LocalDateTime);
    }

    /**
     * @param accountZone the account's timezone, asked for only when an absolute time needs converting
     */
    public static String format(Object value, Supplier<ZoneId> accountZone) {
        if (value == null) {
            return null;
        }
        if (value instanceof String) {
            String s = ((String) value).trim();
            try {
                return API.format(LocalDateTime.parse(s.replace(' ', 'T').length() == 16 ? s.replace(' ', 'T') + ":00" : s.replace(' ', 'T')));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("CamelAmpenetScheduleTime '" + s + "' is not a date and time in the API's"
                        + " Y-m-d H:i form, e.g. 2026-12-20 07:00");
            }
        }
        if (value instanceof LocalDateTime) {
            return API.format((LocalDateTime) value);
        }
        Instant instant;
        if (value instanceof Instant) {
            instant = (Instant) value;
        } else if (value instanceof ZonedDateTime) {
            instant = ((ZonedDateTime) value).toInstant();
        } else if (value instanceof OffsetDateTime) {
            instant = ((OffsetDateTime) value).toInstant();
        } else if (value instanceof Date) {
            instant = ((Date) value).toInstant();
        } else {
            throw new IllegalArgumentException("CamelAmpenetScheduleTime must be a String, LocalDateTime, ZonedDateTime,"
                    + " OffsetDateTime, Instant or Date; got " + value.getClass().getName());
        }
        return API.format(instant.atZone(accountZone.get()));
    }
}
