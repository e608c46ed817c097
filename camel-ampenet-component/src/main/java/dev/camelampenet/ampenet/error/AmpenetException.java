package dev.camelampenet.ampenet.error;

import dev.camelampenet.ampenet.model.SendResult;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.HttpResponseAware;

/**
 * A failure reported by the Ampenet API or on the way to it. Subclasses let a route catch each kind separately
 * ({@code onException(AmpenetRateLimitedException.class)}). Carries the API's own message, the HTTP status (often
 * 200: the API reports most errors in the body) and the operation; never the API token.
 */
public class AmpenetException extends RuntimeCamelException implements HttpResponseAware {
    private static final long serialVersionUID = 1L;

    private final String operation;
    private final String apiMessage;
    private int httpStatus;
    private String httpStatusText;
    private transient SendResult sendResult;

    public AmpenetException(String operation, int httpStatus, String apiMessage) {
        this(operation, httpStatus, apiMessage, null);
    }

    public AmpenetException(String operation, int httpStatus, String apiMessage, Throwable cause) {
        super(describe(operation, httpStatus, apiMessage), cause);
        this.operation = operation;
        this.httpStatus = httpStatus;
        this.apiMessage = apiMessage;
        this.httpStatusText = reasonPhrase(httpStatus);
    }

    /** The standard reason phrase (the JDK client does not report the server's). Null when no answer came. */
    private static String reasonPhrase(int status) {
        switch (status) {
            case 0: return null;
            case 200: return "OK";
            case 301: return "Moved Permanently";
            case 302: return "Found";
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 422: return "Unprocessable Content";
            case 429: return "Too Many Requests";
            case 500: return "Internal Server Error";
            case 502: return "Bad Gateway";
            case 503: return "Service Unavailable";
            case 504: return "Gateway Timeout";
            default: return "HTTP " + status;
        }
    }

    private static String describe(String operation, int status, String apiMessage) {
        return "Ampenet " + operation + " failed" + (status > 0 ? " (HTTP " + status + ")" : "") + ": " + apiMessage;
    }

    /** The operation, e.g. {@code sms/send}. */
    public String getOperation() {
        return operation;
    }

    /** The API's message text as it sent it (or a description of the transport failure). */
    public String getApiMessage() {
        return apiMessage;
    }

    /** The HTTP status; 0 when no answer arrived. */
    @Override
    public int getHttpResponseCode() {
        return httpStatus;
    }

    @Override
    public void setHttpResponseCode(int code) {
        this.httpStatus = code;
    }

    @Override
    public String getHttpResponseStatus() {
        return httpStatusText;
    }

    @Override
    public void setHttpResponseStatus(String status) {
        this.httpStatusText = status;
    }

    /**
     * For a failed {@code sms/send}: where every recipient ended (sent, rejected, unsent, uncertain) over all the
     * exchange's attempts, as the {@code CamelAmpenet*Recipients} headers say. Null for other operations.
     */
    public SendResult getSendResult() {
        return sendResult;
    }

    /** Attaches the send's accounting (the component does this before the exception leaves an sms/send). */
    public AmpenetException attach(SendResult result) {
        this.sendResult = result;
        return this;
    }

    /**
     * True when the server provably did not act on the call, so sending it again cannot duplicate anything
     * (rate limited, connection refused). False when it may have acted.
     */
    public boolean isSafeToRetry() {
        return false;
    }
}
