package dev.camelampenet.simulator.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answers of the faults that let the server act first and then spoil what it says: the situations a client
 * must not mistake for "nothing happened", because the SMS went out and the units were taken.
 */
public final class SpoiledAnswers {

    /**
     * What a PHP host with {@code display_errors} on prints before the JSON. Output that starts before the headers
     * fixes them: PHP sends its defaults (200, {@code text/html}) and Laravel's status, JSON content type and
     * rate-limit headers are silently dropped.
     */
    static final String PHP_WARNINGS = "<br />\n<b>Warning</b>:  Undefined array key \"sending_server\" in "
            + "<b>/var/www/html/app/Repositories/Eloquent/EloquentCampaignRepository.php</b> on line <b>1123</b><br />\n"
            + "<br />\n<b>Deprecated</b>:  strlen(): Passing null to parameter #1 ($string) of type string is deprecated in "
            + "<b>/var/www/html/app/Library/SMSCounter.php</b> on line <b>281</b><br />\n";

    private SpoiledAnswers() {
    }

    /** The answer the server meant to send, with PHP's warnings in front and PHP's default status and type. */
    public static ApiResponse withPhpWarnings(ApiResponse meant) {
        byte[] prefix = PHP_WARNINGS.getBytes(StandardCharsets.UTF_8);
        byte[] body = Arrays.copyOf(prefix, prefix.length + meant.body.length);
        System.arraycopy(meant.body, 0, body, prefix.length, meant.body.length);
        return new ApiResponse(200, ApiResponse.HTML, body);
    }

    /**
     * An exception after the work was done (the deadlock of a later UPDATE), rendered by Laravel's handler: HTTP 200
     * and its message. The query text follows the framework's format: Laravel 10 and later name the connection.
     */
    public static ApiResponse deadlockError(boolean laravel9, Long accountId) {
        String sql = "update `users` set `sms_unit` = `sms_unit` - 1, `users`.`updated_at` = now() where `id` = "
                + (accountId == null ? 1 : accountId);
        String message = "SQLSTATE[40001]: Serialization failure: 1213 Deadlock found when trying to get lock; "
                + "try restarting transaction (" + (laravel9 ? "" : "Connection: mysql, ") + "SQL: " + sql + ")";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("message", message);
        return ApiResponse.json(200, body);
    }

    /** How many bytes of {@code length} a truncated answer sends: about half, at least one, never all. */
    public static int truncatedLength(int length) {
        return length <= 1 ? 0 : Math.max(1, length / 2);
    }
}
