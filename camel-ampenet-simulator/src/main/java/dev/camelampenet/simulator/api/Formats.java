package dev.camelampenet.simulator.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The server's text formats for dates and amounts. */
final class Formats {

    private static final DateTimeFormatter ISO_MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SQL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Formats() {
    }

    /** {@code Tool::customerDateTime}: PHP {@code jS M y, g:i A}, e.g. {@code 20th Mar 24, 7:00 AM}. */
    static String customerDateTime(Instant instant, ZoneId zone) {
        ZonedDateTime t = instant.atZone(zone);
        int day = t.getDayOfMonth();
        String month = t.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH);
        int hour = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
        return day + ordinal(day) + " " + month + " " + String.format("%02d", t.getYear() % 100) + ", " + hour + ":"
                + String.format("%02d", t.getMinute()) + " " + (t.getHour() < 12 ? "AM" : "PM");
    }

    private static String ordinal(int day) {
        if (day >= 11 && day <= 13) {
            return "th";
        }
        switch (day % 10) {
            case 1: return "st";
            case 2: return "nd";
            case 3: return "rd";
            default: return "th";
        }
    }

    /** An Eloquent datetime cast serialised by toArray(): {@code 2024-03-20T07:00:00.000000Z}. */
    static String iso(Instant instant) {
        return ISO_MICROS.format(instant);
    }

    static String sql(Instant instant, ZoneId zone) {
        return SQL.format(instant.atZone(zone));
    }

    /** PHP number_format: thousands with ",", two decimals only when the amount has a fraction. */
    static String units(BigDecimal amount) {
        boolean fractional = amount.stripTrailingZeros().scale() > 0;
        DecimalFormat format = new DecimalFormat(fractional ? "#,##0.00" : "#,##0", DecimalFormatSymbols.getInstance(Locale.ENGLISH));
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(amount);
    }

    /** How PHP prints a float or int in a string: no trailing zeros. */
    static String plain(BigDecimal amount) {
        return amount.stripTrailingZeros().toPlainString();
    }
}
