package dev.camelampenet.ampenet.api;

import java.net.URI;
import java.time.Duration;

/**
 * One HTTP request to the API, as the client built it.
 *
 * @param method GET, POST, PATCH or DELETE
 * @param uri the full URI, path values already encoded
 * @param authorization the Authorization header value (the token: a transport never logs it)
 * @param body the JSON body, or null for none
 * @param timeout how long to wait for the answer once the request is out
 */
public record HttpCall(String method, URI uri, String authorization, byte[] body, Duration timeout) {

    /** Never the authorization: this ends up in logs and exception messages. */
    @Override
    public String toString() {
        return method + " " + uri.getPath();
    }
}
