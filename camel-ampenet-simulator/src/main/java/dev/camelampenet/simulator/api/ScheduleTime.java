package dev.camelampenet.simulator.api;

import dev.camelampenet.simulator.http.ApiError;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * {@code schedule_time}: documented as {@code Y-m-d H:i}, parsed by Carbon (lenient) in the user's profile
 * timezone, seconds zeroed. Text Carbon cannot read is an uncaught exception, so an HTTP 200 error.
 */
final class ScheduleTime {

    private static final DateTimeFormatter[] LOCAL = {
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"),
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"),
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"),
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"),
    };

    private ScheduleTime() {
    }

    static Instant parse(String text, ZoneId zone) {
        for (DateTimeFormatter f : LOCAL) {
            try {
                return LocalDateTime.parse(text, f).atZone(zone).toInstant().truncatedTo(ChronoUnit.MINUTES);
            } catch (DateTimeParseException ignored) {
                // try the next form
            }
        }
        try {
            return OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MINUTES);
        } catch (DateTimeParseException ignored) {
            // fall through
        }
        try {
            return LocalDate.parse(text).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException ignored) {
            // fall through
        }
        throw ApiError.handler("Could not parse '" + text + "': Failed to parse time string (" + text
                + ") at position 0 (" + text.charAt(0) + "): The timezone could not be found in the database");
    }
}
