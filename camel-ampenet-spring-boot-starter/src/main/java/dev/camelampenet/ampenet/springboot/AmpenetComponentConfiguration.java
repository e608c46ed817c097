package dev.camelampenet.ampenet.springboot;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import dev.camelampenet.ampenet.AmpenetConfiguration;
import dev.camelampenet.ampenet.api.AmpenetRateLimiter;
import dev.camelampenet.ampenet.ContactFieldStyle;
import dev.camelampenet.ampenet.MultiGroupCampaign;
import org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * The options of the ampenet component as {@code camel.component.ampenet.*} Spring Boot properties.
 * <p>
 * Every component option of the component JSON has a field here whose javadoc starts with the option's description
 * and whose initial value is the option's default: the configuration processor turns both into
 * {@code META-INF/spring-configuration-metadata.json}, and {@code ConfigurationMetadataTest} fails when the two drift.
 * The three timeouts are {@link Duration}s, so {@code 30s} and {@code 30000} (milliseconds) both bind.
 * <p>
 * Only the properties the application actually set are copied onto the component (the binder calls a setter only
 * for a property it found), so a component bean the application configured itself keeps its own values for the
 * others.
 */
@ConfigurationProperties(prefix = AmpenetComponentConfiguration.PREFIX)
public class AmpenetComponentConfiguration extends ComponentConfigurationPropertiesCommon {

    public static final String PREFIX = "camel.component.ampenet";

    /** The component option names the binder set, in the order they were set. */
    private final Set<String> set = new LinkedHashSet<>();

    /**
     * Whether to enable auto configuration of the ampenet component. This is enabled by default.
     */
    private Boolean enabled;
    /**
     * The API token (Developers - Generate token in the Ampenet web app), sent as a Bearer token. Required, on the
     * component or the endpoint. Never logged. Masked in the actuator configprops and env endpoints, even with
     * show-values=always.
     */
    private String apiToken;
    /**
     * The API base URL, up to and including /api/v3. Other resellers of the same API, or the simulator, have their
     * own.
     */
    private String baseUrl = "https://sms.ampenet.com/api/v3";
    /**
     * The sender id of sent messages: up to 11 letters and digits, or a phone number. The CamelAmpenetSenderId header
     * overrides it.
     */
    private String senderId;
    /**
     * The contact group uid used by group and contact operations and sms/campaign. The CamelAmpenetGroupId header
     * overrides it.
     */
    private String groupId;
    /**
     * Contact group names instead of uids (one, or a comma-separated list for sms/campaign), resolved with
     * groups/list and cached per endpoint. The groupId option, and the CamelAmpenetGroupId and CamelAmpenetGroupName
     * headers, win over it.
     */
    private String groupName;
    /**
     * The group uid contacts/move moves the contact to, and that groups/delete moves the group's contacts to before
     * deleting the group (without it, deleting a group deletes its contacts). The CamelAmpenetTargetGroupId header
     * overrides it.
     */
    private String targetGroupId;
    /**
     * The SMS type. A plain text that needs UCS-2 goes out as unicode. One of plain, unicode, voice, mms, whatsapp,
     * viber, otp.
     */
    private String smsType = "plain";
    /**
     * ISO 3166 country (e.g. TZ, KE) used to read phone numbers written in local form such as 0712 345 678. Without
     * it, numbers need their country code.
     */
    private String defaultRegion;
    /**
     * Fail the exchange when any recipient is invalid or refused, instead of succeeding and listing the rejected ones
     * in the CamelAmpenetRejectedRecipients header. Invalid numbers are found before sending, so then nothing goes
     * out; numbers the server refuses are only known after the call, when the others of it were sent.
     */
    private Boolean failOnRejectedRecipients = false;
    /**
     * Refuse, before any call, a text longer than this many segments per recipient: every segment is charged. Raise
     * it explicitly for long texts; there is no unlimited setting, so a runaway body (a file, a stack trace) can never
     * go out as thousands of segments.
     */
    private Integer maxSegments = 10;
    /**
     * How contact fields are named on the wire: AUTO works with every server generation; UPPER_CASE for v3.8,
     * LOWER_CASE for v3.1 and older.
     */
    private ContactFieldStyle contactFieldStyle = ContactFieldStyle.AUTO;
    /**
     * How sms/campaign sends to several groups. MERGED_SEND (default): the component lists the groups' subscribed
     * contacts, merges and de-duplicates their numbers and sends them with sms/send, so a number in several groups
     * gets one SMS (the server's campaign sends one per contact row). SERVER_CAMPAIGN: one campaign call, only for a
     * server known to de-duplicate across groups. A campaign to one group is always one campaign call.
     */
    private MultiGroupCampaign multiGroupCampaign = MultiGroupCampaign.MERGED_SEND;
    /**
     * How long to wait for a connection. A duration such as 10s; a plain number is milliseconds.
     */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration connectTimeout = Duration.ofSeconds(10);
    /**
     * How long to wait for an answer. A send that times out after going out fails with
     * AmpenetUnknownOutcomeException and is never repeated. A duration such as 30s; a plain number is milliseconds.
     */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration requestTimeout = Duration.ofSeconds(30);
    /**
     * How many times to repeat a call the server provably did not act on (rate limited, connection refused, or a
     * read that failed). Sends are only repeated when nothing went out.
     */
    private Integer maxRetries = 3;
    /**
     * The first retry delay; it doubles with each retry. A duration such as 1s; a plain number is milliseconds.
     */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration retryDelay = Duration.ofSeconds(1);
    /**
     * Requests per minute this client allows itself per API token (the server's limit is 1000 by default). Shared by
     * every endpoint of the token in the CamelContext.
     */
    private Integer rateLimit = 1000;
    /**
     * A rate limiter shared by several instances on one API token (an AmpenetRateLimiter bean, e.g. on a database),
     * instead of each JVM pacing itself at rateLimit. Then the account's limit is kept by all instances together. A
     * reference to the bean (#bean:name).
     */
    private AmpenetRateLimiter rateLimiter;
    /**
     * The most connections open to the API at once, shared by the endpoints with the same connection settings (the
     * API is one host, so this is also the limit per route). A call waits for a free connection when all are busy.
     */
    private Integer maxConnections = 100;
    /**
     * The host of a forward HTTP proxy every API call goes through (HTTPS through it with CONNECT). No proxy by
     * default; the JVM's proxy settings are not used.
     */
    private String proxyHost;
    /**
     * The proxy's port; required with proxyHost.
     */
    private Integer proxyPort;
    /**
     * The user name for the proxy's Basic authentication, sent when the proxy asks for it (HTTP 407).
     */
    private String proxyUsername;
    /**
     * The password for the proxy's Basic authentication. Never logged.
     */
    private String proxyPassword;
    /**
     * TLS settings for the API connection (e.g. a trust store holding a private CA or a test server's certificate),
     * as Camel's SSLContextParameters. The JVM's default trust store otherwise. A reference to the bean (#bean:name).
     */
    private SSLContextParameters sslContextParameters;
    /**
     * Use the CamelContext's global SSLContextParameters for the API connection when no sslContextParameters is set.
     */
    private Boolean useGlobalSslContextParameters = false;
    /**
     * Shared configuration: defaults for every endpoint of this component. A reference to an AmpenetConfiguration
     * bean (#bean:name); the other properties here are applied on top of it.
     */
    private AmpenetConfiguration configuration;
    /**
     * Used for enabling or disabling all consumer based health checks from this component
     */
    private Boolean healthCheckConsumerEnabled = true;
    /**
     * Used for enabling or disabling all producer based health checks from this component. Notice: Camel has by
     * default disabled all producer based health-checks. You can turn on producer checks globally by setting
     * camel.health.producersEnabled=true.
     */
    private Boolean healthCheckProducerEnabled = true;
    /**
     * Allows for bridging the consumer to the Camel routing Error Handler, which mean any exceptions (if possible)
     * occurred while the Camel consumer is trying to pickup incoming messages, or the likes, will now be processed as
     * a message and handled by the routing Error Handler. Important: This is only possible if the 3rd party component
     * allows Camel to be alerted if an exception was thrown. Some components handle this internally only, and
     * therefore bridgeErrorHandler is not possible. In other situations we may improve the Camel component to hook
     * into the 3rd party component and make this possible for future releases. By default the consumer will use the
     * org.apache.camel.spi.ExceptionHandler to deal with exceptions, that will be logged at WARN or ERROR level and
     * ignored.
     */
    private Boolean bridgeErrorHandler = false;
    /**
     * Whether the producer should be started lazy (on the first message). By starting lazy you can use this to allow
     * CamelContext and routes to startup in situations where a producer may otherwise fail during starting and cause
     * the route to fail being started. By deferring this startup to be lazy then the startup failure can be handled
     * during routing messages via Camel's routing error handlers. Beware that when the first message is processed
     * then creating and starting the producer may take a little time and prolong the total processing time of the
     * processing.
     */
    private Boolean lazyStartProducer = false;
    /**
     * Whether autowiring is enabled. This is used for automatic autowiring options (the option must be marked as
     * autowired) by looking up in the registry to find if there is a single instance of matching type, which then
     * gets configured on the component. This can be used for automatic configuring JDBC data sources, JMS connection
     * factories, AWS Clients, etc.
     */
    private Boolean autowiredEnabled = true;

    /**
     * The component options the application set, as Camel option names and values Camel binds (durations in
     * milliseconds), the shared configuration first so the single options refine it rather than being replaced.
     */
    public Map<String, Object> optionsToApply() {
        Map<String, Object> options = new LinkedHashMap<>();
        if (set.contains("configuration")) {
            options.put("configuration", configuration);
        }
        for (String name : set) {
            if (!name.equals("configuration")) {
                options.put(name, valueOf(name));
            }
        }
        return options;
    }

    private Object valueOf(String name) {
        switch (name) {
            case "apiToken": return apiToken;
            case "baseUrl": return baseUrl;
            case "senderId": return senderId;
            case "groupId": return groupId;
            case "groupName": return groupName;
            case "targetGroupId": return targetGroupId;
            case "smsType": return smsType;
            case "defaultRegion": return defaultRegion;
            case "failOnRejectedRecipients": return failOnRejectedRecipients;
            case "maxSegments": return maxSegments;
            case "contactFieldStyle": return contactFieldStyle;
            case "multiGroupCampaign": return multiGroupCampaign;
            case "connectTimeout": return millis(connectTimeout);
            case "requestTimeout": return millis(requestTimeout);
            case "maxRetries": return maxRetries;
            case "retryDelay": return millis(retryDelay);
            case "rateLimit": return rateLimit;
            case "rateLimiter": return rateLimiter;
            case "maxConnections": return maxConnections;
            case "proxyHost": return proxyHost;
            case "proxyPort": return proxyPort;
            case "proxyUsername": return proxyUsername;
            case "proxyPassword": return proxyPassword;
            case "sslContextParameters": return sslContextParameters;
            case "useGlobalSslContextParameters": return useGlobalSslContextParameters;
            case "healthCheckConsumerEnabled": return healthCheckConsumerEnabled;
            case "healthCheckProducerEnabled": return healthCheckProducerEnabled;
            case "bridgeErrorHandler": return bridgeErrorHandler;
            case "lazyStartProducer": return lazyStartProducer;
            case "autowiredEnabled": return autowiredEnabled;
            default: throw new IllegalStateException("not a component option: " + name);
        }
    }

    private static Long millis(Duration duration) {
        return duration == null ? null : duration.toMillis();
    }

    private void set(String name, Object value) {
        if (value == null) {
            set.remove(name); // an empty value means: leave the component's own
        } else {
            set.add(name);
        }
    }

    public String getApiToken() {
        return apiToken;
    }

    public void setApiToken(String apiToken) {
        this.apiToken = apiToken;
        set("apiToken", apiToken);
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
        set("baseUrl", baseUrl);
    }

    public String getSenderId() {
        return senderId;
    }

    public void setSenderId(String senderId) {
        this.senderId = senderId;
        set("senderId", senderId);
    }

    public String getGroupId() {
        return groupId;
    }

    public void setGroupId(String groupId) {
        this.groupId = groupId;
        set("groupId", groupId);
    }

    public String getSmsType() {
        return smsType;
    }

    public void setSmsType(String smsType) {
        this.smsType = smsType;
        set("smsType", smsType);
    }

    public String getDefaultRegion() {
        return defaultRegion;
    }

    public void setDefaultRegion(String defaultRegion) {
        this.defaultRegion = defaultRegion;
        set("defaultRegion", defaultRegion);
    }

    public Boolean getFailOnRejectedRecipients() {
        return failOnRejectedRecipients;
    }

    public void setFailOnRejectedRecipients(Boolean failOnRejectedRecipients) {
        this.failOnRejectedRecipients = failOnRejectedRecipients;
        set("failOnRejectedRecipients", failOnRejectedRecipients);
    }

    public String getGroupName() {
        return groupName;
    }

    public void setGroupName(String groupName) {
        this.groupName = groupName;
        set("groupName", groupName);
    }

    public String getTargetGroupId() {
        return targetGroupId;
    }

    public void setTargetGroupId(String targetGroupId) {
        this.targetGroupId = targetGroupId;
        set("targetGroupId", targetGroupId);
    }

    public Integer getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(Integer maxConnections) {
        this.maxConnections = maxConnections;
        set("maxConnections", maxConnections);
    }

    public String getProxyHost() {
        return proxyHost;
    }

    public void setProxyHost(String proxyHost) {
        this.proxyHost = proxyHost;
        set("proxyHost", proxyHost);
    }

    public Integer getProxyPort() {
        return proxyPort;
    }

    public void setProxyPort(Integer proxyPort) {
        this.proxyPort = proxyPort;
        set("proxyPort", proxyPort);
    }

    public String getProxyUsername() {
        return proxyUsername;
    }

    public void setProxyUsername(String proxyUsername) {
        this.proxyUsername = proxyUsername;
        set("proxyUsername", proxyUsername);
    }

    public String getProxyPassword() {
        return proxyPassword;
    }

    public void setProxyPassword(String proxyPassword) {
        this.proxyPassword = proxyPassword;
        set("proxyPassword", proxyPassword);
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
        set("sslContextParameters", sslContextParameters);
    }

    public Boolean getUseGlobalSslContextParameters() {
        return useGlobalSslContextParameters;
    }

    public void setUseGlobalSslContextParameters(Boolean useGlobalSslContextParameters) {
        this.useGlobalSslContextParameters = useGlobalSslContextParameters;
        set("useGlobalSslContextParameters", useGlobalSslContextParameters);
    }

    public AmpenetRateLimiter getRateLimiter() {
        return rateLimiter;
    }

    public void setRateLimiter(AmpenetRateLimiter rateLimiter) {
        this.rateLimiter = rateLimiter;
        set("rateLimiter", rateLimiter);
    }

    public Integer getMaxSegments() {
        return maxSegments;
    }

    public void setMaxSegments(Integer maxSegments) {
        this.maxSegments = maxSegments;
        set("maxSegments", maxSegments);
    }

    public ContactFieldStyle getContactFieldStyle() {
        return contactFieldStyle;
    }

    public void setContactFieldStyle(ContactFieldStyle contactFieldStyle) {
        this.contactFieldStyle = contactFieldStyle;
        set("contactFieldStyle", contactFieldStyle);
    }

    public MultiGroupCampaign getMultiGroupCampaign() {
        return multiGroupCampaign;
    }

    public void setMultiGroupCampaign(MultiGroupCampaign multiGroupCampaign) {
        this.multiGroupCampaign = multiGroupCampaign;
        set("multiGroupCampaign", multiGroupCampaign);
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
        set("connectTimeout", connectTimeout);
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
        set("requestTimeout", requestTimeout);
    }

    public Integer getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(Integer maxRetries) {
        this.maxRetries = maxRetries;
        set("maxRetries", maxRetries);
    }

    public Duration getRetryDelay() {
        return retryDelay;
    }

    public void setRetryDelay(Duration retryDelay) {
        this.retryDelay = retryDelay;
        set("retryDelay", retryDelay);
    }

    public Integer getRateLimit() {
        return rateLimit;
    }

    public void setRateLimit(Integer rateLimit) {
        this.rateLimit = rateLimit;
        set("rateLimit", rateLimit);
    }

    public AmpenetConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(AmpenetConfiguration configuration) {
        this.configuration = configuration;
        set("configuration", configuration);
    }

    public Boolean getHealthCheckConsumerEnabled() {
        return healthCheckConsumerEnabled;
    }

    public void setHealthCheckConsumerEnabled(Boolean healthCheckConsumerEnabled) {
        this.healthCheckConsumerEnabled = healthCheckConsumerEnabled;
        set("healthCheckConsumerEnabled", healthCheckConsumerEnabled);
    }

    public Boolean getHealthCheckProducerEnabled() {
        return healthCheckProducerEnabled;
    }

    public void setHealthCheckProducerEnabled(Boolean healthCheckProducerEnabled) {
        this.healthCheckProducerEnabled = healthCheckProducerEnabled;
        set("healthCheckProducerEnabled", healthCheckProducerEnabled);
    }

    public Boolean getBridgeErrorHandler() {
        return bridgeErrorHandler;
    }

    public void setBridgeErrorHandler(Boolean bridgeErrorHandler) {
        this.bridgeErrorHandler = bridgeErrorHandler;
        set("bridgeErrorHandler", bridgeErrorHandler);
    }

    public Boolean getLazyStartProducer() {
        return lazyStartProducer;
    }

    public void setLazyStartProducer(Boolean lazyStartProducer) {
        this.lazyStartProducer = lazyStartProducer;
        set("lazyStartProducer", lazyStartProducer);
    }

    public Boolean getAutowiredEnabled() {
        return autowiredEnabled;
    }

    public void setAutowiredEnabled(Boolean autowiredEnabled) {
        this.autowiredEnabled = autowiredEnabled;
        set("autowiredEnabled", autowiredEnabled);
    }
}
