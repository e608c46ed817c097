package dev.camelampenet.simulator;

import java.util.Map;

/**
 * One API request as the simulator received it and what it answered. The bearer token is masked everywhere
 * ({@code 22|****}), so a journal can be printed or attached to a bug report.
 *
 * @param fault the injected fault, if any: {@code latency}, {@code http-500}, {@code drop-before}, {@code drop-after},
 *              {@code html-after}, {@code error-after}, {@code truncated-after}
 * @param status the HTTP status sent, or 0 when the connection was dropped
 */
public record JournalEntry(long id, String time, String method, String path, String query, Map<String, String> headers,
                           String body, int status, String contentType, String responseBody, String fault,
                           long durationMillis, Long accountId) {

    /**
     * True when the API reported an error: an error envelope, a non-2xx status, no answer at all, or an answer an
     * injected fault spoiled (HTML warnings, a cut body), which a client cannot read as success.
     */
    public boolean isError() {
        return status == 0 || status >= 300 || (responseBody != null && responseBody.startsWith("{\"status\":\"error\""))
                || "html-after".equals(fault) || "truncated-after".equals(fault);
    }
}
