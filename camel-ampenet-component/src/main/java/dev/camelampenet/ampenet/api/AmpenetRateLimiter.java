package dev.camelampenet.ampenet.api;

/**
 * Keeps the requests of one API token under the account's limit. The component's default paces each JVM on its own
 * ({@code rateLimit} requests per minute); several instances on one token need one limiter they share (the example
 * applications use Bucket4j on PostgreSQL), set with the {@code rateLimiter} option.
 */
public interface AmpenetRateLimiter {

    /**
     * Books the next request slot and says how long to wait for it, in milliseconds (0: go now). Must not block: the
     * component waits without holding a thread.
     */
    long reserve();

    /**
     * The server refused a request as over its limit ("Too Many Attempts."), whatever this limiter counted: hold the
     * token's later requests off at least this long. A shared limiter should hold every instance off.
     */
    default void holdOff(long millis) {
    }
}
