package dev.camelampenet.ampenet.api;

/**
 * The server's answer, whatever its status.
 *
 * @param status the HTTP status code
 * @param contentType the Content-Type header, empty when absent
 * @param body the body bytes, empty when none
 */
public record HttpAnswer(int status, String contentType, byte[] body) {
}
