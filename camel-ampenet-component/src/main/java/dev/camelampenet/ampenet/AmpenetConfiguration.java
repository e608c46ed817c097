package dev.camelampenet.ampenet;

import dev.camelampenet.ampenet.api.AmpenetRateLimiter;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.support.jsse.SSLContextParameters;

/** Options of the ampenet component and its endpoints. Set on the component, they are defaults for every endpoint. */
@UriParams
public class AmpenetConfiguration implements Cloneable {

    public static final String DEFAULT_BASE_URL = "https://sms.ampenet.com/api/v3";

    @UriParam(label = "security", secret = true, description = "The API token (Developers -> Generate token in the"
            + " Ampenet web app), sent as a Bearer token. Required, on the component or the endpoint. Never logged.")
    private String apiToken;

    @UriParam(label = "common", defaultValue = DEFAULT_BASE_URL, description = "The API base URL, up to and including"
            + " /api/v3. Other resellers of the same API, or the simulator, have their own.")
    private String baseUrl = DEFAULT_BASE_URL;

    @UriParam(label = "producer", description = "The sender id of sent messages: up to 11 letters and digits, or a"
            + " phone number. The CamelAmpenetSenderId header overrides it.")
    private String senderId;

    @UriParam(label = "common", description = "The contact group uid used by group and contact operations and"
            + " sms/campaign. The CamelAmpenetGroupId header overrides it.")
    private String groupId;

    @UriParam(label = "common", description = "Contact group names instead of uids (one, or a comma-separated list for"
            + " sms/campaign), resolved with groups/list and cached per endpoint. The groupId option, and the"
            + " CamelAmpenetGroupId and CamelAmpenetGroupName headers, win over it.")
    private String groupName;

    @UriParam(label = "producer", description = "The group uid contacts/move moves the contact to, and that groups/delete"
            + " moves the group's contacts to before deleting the group (without it, deleting a group deletes its"
            + " contacts). The CamelAmpenetTargetGroupId header overrides it.")
    private String targetGroupId;

    @UriParam(label = "producer", defaultValue = "plain", enums = "plain,unicode,voice,mms,whatsapp,viber,otp",
              description = "The SMS type. A plain text that needs UCS-2 goes out as unicode.")
    private String smsType = "plain";

    @UriParam(label = "producer", description = "ISO 3166 country (e.g. TZ, KE) used to read phone numbers written in"
            + " local form such as 0712 345 678. Without it, numbers need their country code.")
    private String defaultRegion;

    @UriParam(label = "producer", defaultValue = "false", description = "Fail the exchange when any recipient is"
            + " invalid or refused, instead of succeeding and listing the rejected ones in the"
            + " CamelAmpenetRejectedRecipients header. Invalid numbers are found before sending, so then nothing goes"
            + " out; numbers the server refuses are only known after the call, when the others of it were sent.")
    private boolean failOnRejectedRecipients;

    /** Enough for the 100 concurrent consumers of the alerting example; the JDK client had no limit. */
    public static final int DEFAULT_MAX_CONNECTIONS = 100;

    /** The common industry cap: 10 segments is about 1,530 GSM-7 or 670 UCS-2 characters. */
    public static final int DEFAULT_MAX_SEGMENTS = 10;

    @UriParam(label = "producer", defaultValue = "" + DEFAULT_MAX_SEGMENTS, description = "Refuse, before any call, a"
            + " text longer than this many segments per recipient: every segment is charged. Raise it explicitly for"
            + " long texts; there is no unlimited setting, so a runaway body (a file, a stack trace) can never go out as"
            + " thousands of segments.")
    private int maxSegments = DEFAULT_MAX_SEGMENTS;

    @UriParam(label = "producer", defaultValue = "MERGED_SEND", description = "How sms/campaign sends to several groups."
            + " MERGED_SEND (default): the component lists the groups' subscribed contacts, merges and de-duplicates"
            + " their numbers and sends them with sms/send, so a number in several groups gets one SMS (the server's"
            + " campaign sends one per contact row). SERVER_CAMPAIGN: one campaign call, only for a server known to"
            + " de-duplicate across groups. A campaign to one group is always one campaign call.")
    private MultiGroupCampaign multiGroupCampaign = MultiGroupCampaign.MERGED_SEND;

    @UriParam(label = "advanced", defaultValue = "AUTO", description = "How contact fields are named on the wire:"
            + " AUTO works with every server generation; UPPER_CASE for v3.8+, LOWER_CASE for v3.1 and older.")
    private ContactFieldStyle contactFieldStyle = ContactFieldStyle.AUTO;

    @UriParam(label = "advanced", defaultValue = "10000", javaType = "java.time.Duration",
              description = "How long to wait for a connection.")
    private long connectTimeout = 10_000;

    @UriParam(label = "advanced", defaultValue = "30000", javaType = "java.time.Duration",
              description = "How long to wait for an answer. A send that times out after going out fails with"
                      + " AmpenetUnknownOutcomeException and is never repeated.")
    private long requestTimeout = 30_000;

    @UriParam(label = "advanced", defaultValue = "" + DEFAULT_MAX_CONNECTIONS, description = "The most connections"
            + " open to the API at once, shared by the endpoints with the same connection settings (the API is one"
            + " host, so this is also the limit per route). A call waits for a free connection when all are busy.")
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;

    @UriParam(label = "proxy", description = "The host of a forward HTTP proxy every API call goes through (HTTPS"
            + " through it with CONNECT). No proxy by default; the JVM's proxy settings are not used.")
    private String proxyHost;

    @UriParam(label = "proxy", description = "The proxy's port; required with proxyHost.")
    private Integer proxyPort;

    @UriParam(label = "proxy", secret = true, description = "The user name for the proxy's Basic"
            + " authentication, sent when the proxy asks for it (HTTP 407).")
    private String proxyUsername;

    @UriParam(label = "proxy", secret = true, description = "The password for the proxy's Basic"
            + " authentication. Never logged.")
    private String proxyPassword;

    @UriParam(label = "security", description = "TLS settings for the API connection (e.g. a trust store holding a"
            + " private CA or a test server's certificate), as Camel's SSLContextParameters. The JVM's default trust"
            + " store otherwise.")
    private SSLContextParameters sslContextParameters;

    @UriParam(label = "advanced", defaultValue = "3", description = "How many times to repeat a call the server"
            + " provably did not act on (rate limited, connection refused, or a read that failed). Sends are only"
            + " repeated when nothing went out.")
    private int maxRetries = 3;

    @UriParam(label = "advanced", defaultValue = "1000", javaType = "java.time.Duration", description = "The first"
            + " retry delay; it doubles with each retry.")
    private long retryDelay = 1000;

    @UriParam(label = "advanced", defaultValue = "1000", description = "Requests per minute this client allows itself"
            + " per API token (the server's limit is 1000 by default). Shared by every endpoint of the token in the"
            + " CamelContext.")
    private int rateLimit = 1000;

    @UriParam(label = "advanced", description = "A rate limiter shared by several instances on one API token (an"
            + " AmpenetRateLimiter bean, e.g. on a database), instead of each JVM pacing itself at rateLimit. Then the"
            + " account's limit is kept by all instances together.")
    private AmpenetRateLimiter rateLimiter;

    /**
     * Fails early, naming the option, on values that would otherwise fail on every call (a zero request timeout is
     * rejected by the JDK client) or make a call wait without bound.
     */
    public void validate() {
        if (connectTimeout <= 0) {
            throw new IllegalArgumentException("connectTimeout must be a positive duration, got " + connectTimeout + " ms");
        }
        if (requestTimeout <= 0) {
            throw new IllegalArgumentException("requestTimeout must be a positive duration, got " + requestTimeout + " ms");
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be 0 or more, got " + maxRetries);
        }
        if (retryDelay < 0) {
            throw new IllegalArgumentException("retryDelay must be 0 or more, got " + retryDelay + " ms");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be 1 or more, got " + maxConnections);
        }
        if (proxyHost != null && !proxyHost.isBlank() && (proxyPort == null || proxyPort < 1 || proxyPort > 65535)) {
            throw new IllegalArgumentException("proxyPort must be set to the proxy's port (1-65535) with proxyHost, got "
                    + proxyPort);
        }
        if ((proxyHost == null || proxyHost.isBlank()) && (proxyUsername != null || proxyPassword != null)) {
            throw new IllegalArgumentException("proxyUsername and proxyPassword need proxyHost and proxyPort");
        }
        if (proxyPassword != null && (proxyUsername == null || proxyUsername.isEmpty())) {
            throw new IllegalArgumentException("proxyPassword needs proxyUsername");
        }
        if (rateLimit < 1) {
            throw new IllegalArgumentException("rateLimit must be at least 1 request per minute, got " + rateLimit);
        }
        if (maxSegments < 1) {
            throw new IllegalArgumentException("maxSegments must be 1 or more (the default is " + DEFAULT_MAX_SEGMENTS
                    + "; raise it explicitly for long texts), got " + maxSegments);
        }
    }

    public AmpenetConfiguration copy() {
        try {
            return (AmpenetConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    public String getApiToken() {
        return apiToken;
    }

    public void setApiToken(String apiToken) {
        this.apiToken = apiToken;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getSenderId() {
        return senderId;
    }

    public void setSenderId(String senderId) {
        this.senderId = senderId;
    }

    public String getGroupId() {
        return groupId;
    }

    public void setGroupId(String groupId) {
        this.groupId = groupId;
    }

    public String getGroupName() {
        return groupName;
    }

    public void setGroupName(String groupName) {
        this.groupName = groupName;
    }

    public String getTargetGroupId() {
        return targetGroupId;
    }

    public void setTargetGroupId(String targetGroupId) {
        this.targetGroupId = targetGroupId;
    }

    public String getSmsType() {
        return smsType;
    }

    public void setSmsType(String smsType) {
        this.smsType = smsType;
    }

    public String getDefaultRegion() {
        return defaultRegion;
    }

    public void setDefaultRegion(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    public boolean isFailOnRejectedRecipients() {
        return failOnRejectedRecipients;
    }

    public void setFailOnRejectedRecipients(boolean failOnRejectedRecipients) {
        this.failOnRejectedRecipients = failOnRejectedRecipients;
    }

    public int getMaxSegments() {
        return maxSegments;
    }

    public void setMaxSegments(int maxSegments) {
        this.maxSegments = maxSegments;
    }

    public MultiGroupCampaign getMultiGroupCampaign() {
        return multiGroupCampaign;
    }

    public void setMultiGroupCampaign(MultiGroupCampaign multiGroupCampaign) {
        this.multiGroupCampaign = multiGroupCampaign;
    }

    public ContactFieldStyle getContactFieldStyle() {
        return contactFieldStyle;
    }

    public void setContactFieldStyle(ContactFieldStyle contactFieldStyle) {
        this.contactFieldStyle = contactFieldStyle;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(long requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    public long getRetryDelay() {
        return retryDelay;
    }

    public void setRetryDelay(long retryDelay) {
        this.retryDelay = retryDelay;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public String getProxyHost() {
        return proxyHost;
    }

    public void setProxyHost(String proxyHost) {
        this.proxyHost = proxyHost;
    }

    public Integer getProxyPort() {
        return proxyPort;
    }

    public void setProxyPort(Integer proxyPort) {
        this.proxyPort = proxyPort;
    }

    public String getProxyUsername() {
        return proxyUsername;
    }

    public void setProxyUsername(String proxyUsername) {
        this.proxyUsername = proxyUsername;
    }

    public String getProxyPassword() {
        return proxyPassword;
    }

    public void setProxyPassword(String proxyPassword) {
        this.proxyPassword = proxyPassword;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public AmpenetRateLimiter getRateLimiter() {
        return rateLimiter;
    }

    public void setRateLimiter(AmpenetRateLimiter rateLimiter) {
        this.rateLimiter = rateLimiter;
    }

    public int getRateLimit() {
        return rateLimit;
    }

    public void setRateLimit(int rateLimit) {
        this.rateLimit = rateLimit;
    }
}
