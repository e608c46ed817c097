package dev.camelampenet.ampenet.sms;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;

/**
 * A schedule time in the API's {@code Y-m-d H:i} form. The server reads it in the account's profile timezone, so an
 * absolute time (Instant, ZonedDateTime, OffsetDateTime, Date) is converted to that zone; a LocalDateTime or a String
 * is taken as already in it.
 */
public final class ScheduleTime {

    private static final DateTimeFormatter API = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private ScheduleTime() {
    }

    /**
     * The time as the account's local time when the value says it directly (a String or a LocalDateTime), or null
     * for an absolute time, which needs the account's zone ({@link #inZone}).
     *
     * @throws IllegalArgumentException for a String not in the API's form
     */
    public static LocalDateTime local(Object value) {
        if (value instanceof String) {
            String s = ((String) value).trim().replace(' ', 'T');
            try {
                return LocalDateTime.parse(s.length() == 16 ? s + ":00" : s);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + value + "' is not a date and time in the API's Y-m-d H:i form,"
                        + " e.g. 2026-12-20 07:00");
            }
        }
        return value instanceof LocalDateTime ? (LocalDateTime) value : null;
    }

    /** An absolute time (Instant, ZonedDateTime, OffsetDateTime, Date) as local time in the account's zone. */
    public static LocalDateTime inZone(Object value, ZoneId zone) {
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
            throw new IllegalArgumentException("not an absolute time: " + (value == null ? "null" : value.getClass().getName()));
        }
        return LocalDateTime.ofInstant(instant, zone);
    }

    public static String format(LocalDateTime time) {
        return API.format(time);
    }
}
