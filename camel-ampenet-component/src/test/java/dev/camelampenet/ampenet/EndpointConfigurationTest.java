package dev.camelampenet.ampenet;

import dev.camelampenet.ampenet.api.AmpenetOperation;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.spi.EndpointUriFactory;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.util.URISupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Endpoint resolution: the generated configurers set every option (a broken metadata setup fails here with
 * "parameters couldn't be set"), component options are defaults the endpoint overrides, unknown options and
 * operations fail at endpoint creation with a clear message, and the token is masked wherever Camel prints a URI.
 */
class EndpointConfigurationTest extends CamelTestSupport {

    private static final String TOKEN = "22|RMQRendpointsecret0123456789abcdef";

    @Test
    void resolvesSmsSendAndReadsTheValuesBack() {
        AmpenetEndpoint endpoint = context.getEndpoint("ampenet:sms/send?apiToken=" + TOKEN + "&senderId=AMPENET", AmpenetEndpoint.class);

        assertThat(endpoint.getApiOperation()).isEqualTo(AmpenetOperation.SMS_SEND);
        assertThat(endpoint.getResource()).isEqualTo("sms");
        assertThat(endpoint.getOperation()).isEqualTo("send");
        AmpenetConfiguration config = endpoint.getConfiguration();
        assertThat(config.getApiToken()).isEqualTo(TOKEN);
        assertThat(config.getSenderId()).isEqualTo("AMPENET");
        // and the defaults of the contract
        assertThat(config.getBaseUrl()).isEqualTo("https://sms.ampenet.com/api/v3");
        assertThat(config.getSmsType()).isEqualTo("plain");
        assertThat(config.getGroupId()).isNull();
        assertThat(config.getDefaultRegion()).isNull();
        assertThat(config.getContactFieldStyle()).isEqualTo(ContactFieldStyle.AUTO);
        assertThat(config.getRateLimit()).isEqualTo(1000);
    }

    @Test
    void setsEveryOptionFromTheUri() {
        AmpenetEndpoint endpoint = context.getEndpoint("ampenet:contacts/store?apiToken=RAW(" + TOKEN + ")"
                + "&baseUrl=http://127.0.0.1:1/api/v3&senderId=0712345678&groupId=65fa99fa9d55e&smsType=unicode"
                + "&defaultRegion=TZ&failOnRejectedRecipients=true&maxSegments=3&contactFieldStyle=UPPER_CASE"
                + "&connectTimeout=5s&requestTimeout=2000&maxRetries=0&retryDelay=250&rateLimit=120&lazyStartProducer=true",
                AmpenetEndpoint.class);

        AmpenetConfiguration config = endpoint.getConfiguration();
        assertThat(config.getApiToken()).isEqualTo(TOKEN);
        assertThat(config.getBaseUrl()).isEqualTo("http://127.0.0.1:1/api/v3");
        assertThat(config.getSenderId()).isEqualTo("0712345678");
        assertThat(config.getGroupId()).isEqualTo("65fa99fa9d55e");
        assertThat(config.getSmsType()).isEqualTo("unicode");
        assertThat(config.getDefaultRegion()).isEqualTo("TZ");
        assertThat(config.isFailOnRejectedRecipients()).isTrue();
        assertThat(config.getMaxSegments()).isEqualTo(3);
        assertThat(config.getContactFieldStyle()).isEqualTo(ContactFieldStyle.UPPER_CASE);
        assertThat(config.getConnectTimeout()).isEqualTo(5000);
        assertThat(config.getRequestTimeout()).isEqualTo(2000);
        assertThat(config.getMaxRetries()).isZero();
        assertThat(config.getRetryDelay()).isEqualTo(250);
        assertThat(config.getRateLimit()).isEqualTo(120);
        assertThat(endpoint.isLazyStartProducer()).isTrue();
    }

    @Test
    void componentOptionsAreDefaultsThatTheEndpointOverrides() {
        AmpenetComponent component = context.getComponent("ampenet", AmpenetComponent.class);
        PropertyConfigurer configurer = component.getComponentPropertyConfigurer();
        assertThat(configurer).as("the generated component configurer").isNotNull();
        configurer.configure(context, component, "apiToken", TOKEN, true);
        configurer.configure(context, component, "senderId", "COMPONENT", true);
        configurer.configure(context, component, "defaultRegion", "KE", true);

        AmpenetEndpoint inherits = context.getEndpoint("ampenet:sms/send", AmpenetEndpoint.class);
        AmpenetEndpoint overrides = context.getEndpoint("ampenet:sms/send?senderId=ENDPOINT", AmpenetEndpoint.class);

        assertThat(inherits.getConfiguration().getApiToken()).isEqualTo(TOKEN);
        assertThat(inherits.getConfiguration().getSenderId()).isEqualTo("COMPONENT");
        assertThat(inherits.getConfiguration().getDefaultRegion()).isEqualTo("KE");
        assertThat(overrides.getConfiguration().getSenderId()).isEqualTo("ENDPOINT");
        assertThat(overrides.getConfiguration().getDefaultRegion()).isEqualTo("KE");
        assertThat(component.getConfiguration().getSenderId()).as("an endpoint never changes the component's defaults")
                .isEqualTo("COMPONENT");
    }

    @Test
    void theGeneratedUriFactoryBuildsTheUriAndMasksTheToken() throws Exception {
        EndpointUriFactory factory = context.getCamelContextExtension().getEndpointUriFactory("ampenet");
        assertThat(factory).as("the generated URI factory").isNotNull();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("resource", "sms");
        properties.put("operation", "send");
        properties.put("senderId", "AMPENET");
        properties.put("apiToken", "secret");

        assertThat(factory.buildUri("ampenet", properties)).startsWith("ampenet:sms/send?").contains("senderId=AMPENET");
        assertThat(factory.secretPropertyNames()).containsExactlyInAnyOrder("apiToken", "proxyUsername", "proxyPassword");
    }

    @ParameterizedTest
    @ValueSource(strings = { "ampenet:sms/send?apiToken=%s&sender=AMPENET", "ampenet:groups/list?apiToken=%s&pageSize=100",
            "ampenet:sms/send?apiToken=%s&recipients=255712345678" })
    void anUnknownOptionFailsAtEndpointCreation(String uri) {
        Throwable error = catchThrowable(() -> context.getEndpoint(String.format(uri, TOKEN)));

        assertThat(error).isInstanceOf(ResolveEndpointFailedException.class)
                .hasMessageContaining("Unknown parameters=[" + uri.replaceAll(".*&(\\w+)=.*", "$1") + "]");
        assertNoToken(error);
    }

    /** Camel binds options ignoring case, as it does for every component. */
    @Test
    void optionNamesIgnoreCase() {
        AmpenetEndpoint endpoint = context.getEndpoint("ampenet:sms/send?APITOKEN=" + TOKEN + "&senderid=AMPENET", AmpenetEndpoint.class);

        assertThat(endpoint.getConfiguration().getApiToken()).isEqualTo(TOKEN);
        assertThat(endpoint.getConfiguration().getSenderId()).isEqualTo("AMPENET");
    }

    /**
     * The API's own name for the token is api_token: a route written after the API's docs must fail without printing
     * the token, and say what was meant. Camel's own message would list the unknown option with its value; Camel
     * masks the URI's values only for names that look secret (token, key, password...), so those are the ones tried.
     */
    @ParameterizedTest
    @ValueSource(strings = { "api_token", "API_TOKEN", "token", "apiKey", "access_token" })
    void aMisspeltTokenOptionFailsWithoutPrintingTheToken(String option) {
        Throwable error = catchThrowable(() -> context.getEndpoint("ampenet:sms/send?senderId=AMPENET&" + option + "=" + TOKEN));

        assertThat(error).isInstanceOf(ResolveEndpointFailedException.class).hasMessageContaining("Unknown parameters=[" + option);
        if (option.equalsIgnoreCase("api_token")) {
            assertThat(error).hasMessageContaining(option + " (did you mean apiToken?)");
        }
        assertNoToken(error);
    }

    /** Camel's property binding reads kebab-case as camelCase. */
    @Test
    void kebabCaseOptionsWork() {
        AmpenetEndpoint endpoint = context.getEndpoint("ampenet:sms/send?api-token=" + TOKEN + "&sender-id=AMPENET", AmpenetEndpoint.class);

        assertThat(endpoint.getConfiguration().getApiToken()).isEqualTo(TOKEN);
        assertThat(endpoint.getConfiguration().getSenderId()).isEqualTo("AMPENET");
    }

    @ParameterizedTest
    @ValueSource(strings = { "ampenet:sms/sned", "ampenet:message/send", "ampenet:groups/send", "ampenet:contacts/create",
            "ampenet:campaigns/list", "ampenet:sms", "ampenet:sms/send/now", "ampenet:" })
    void anUnknownResourceOrOperationFailsAtEndpointCreation(String uri) {
        Throwable error = catchThrowable(() -> context.getEndpoint(uri + "?apiToken=" + TOKEN));

        assertThat(error).isInstanceOf(ResolveEndpointFailedException.class);
        assertThat(error.getCause()).isInstanceOf(IllegalArgumentException.class);
        assertThat(error.getMessage()).contains("Unknown Ampenet operation '" + uri + "'").contains("ampenet:<resource>/<operation>")
                .contains("groups/list, groups/create, groups/get, groups/update, groups/delete")
                .contains("sms/send").contains("campaigns/get").contains("profile/balance");
        assertNoToken(error);
    }

    @Test
    void resourceAndOperationIgnoreCase() {
        assertThat(context.getEndpoint("ampenet:SMS/Send?apiToken=" + TOKEN, AmpenetEndpoint.class).getApiOperation())
                .isEqualTo(AmpenetOperation.SMS_SEND);
    }

    @Test
    void aBadEnumValueFailsAtEndpointCreation() {
        Throwable error = catchThrowable(() -> context.getEndpoint("ampenet:contacts/store?apiToken=" + TOKEN + "&contactFieldStyle=MIXED"));

        assertThat(error).isInstanceOf(ResolveEndpointFailedException.class).hasMessageContaining("contactFieldStyle");
        assertNoToken(error);
    }

    @Test
    void aMissingTokenFailsAtEndpointCreation() {
        assertThatThrownBy(() -> context.getEndpoint("ampenet:sms/send?senderId=AMPENET"))
                .hasMessageContaining("needs an apiToken");
    }

    @Test
    void aBadBaseUrlOrRegionFailsAtEndpointCreation() {
        assertThatThrownBy(() -> context.getEndpoint("ampenet:sms/send?apiToken=" + TOKEN + "&baseUrl=sms.ampenet.com/api/v3"))
                .hasMessageContaining("baseUrl must be an http(s) URL");
        assertThatThrownBy(() -> context.getEndpoint("ampenet:sms/send?apiToken=" + TOKEN + "&defaultRegion=Tanzania"))
                .hasMessageContaining("defaultRegion 'Tanzania' is not an ISO 3166 country code");
    }

    @ParameterizedTest
    @ValueSource(strings = { "ampenet:sms/send?apiToken=%s&senderId=AMPENET", "ampenet:sms/send?senderId=AMPENET&apiToken=RAW(%s)",
            "ampenet:groups/list?apiToken=RAW(%s)&baseUrl=http://127.0.0.1:1/api/v3" })
    void theTokenIsMaskedWhereCamelPrintsTheUri(String uri) {
        Endpoint endpoint = context.getEndpoint(String.format(uri, TOKEN));

        assertThat(endpoint.toString()).contains("apiToken=xxxxxx");
        assertNoToken(endpoint.toString());
        assertNoToken(URISupport.sanitizeUri(endpoint.getEndpointUri()));
        assertNoToken(endpoint.getEndpointBaseUri());
        assertNoToken(context.getEndpoints().toString());
        assertNoToken(context.getEndpointRegistry().toString());
    }

    private static void assertNoToken(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            assertNoToken(t.getMessage());
            assertNoToken(t.toString());
        }
    }

    private static void assertNoToken(String text) {
        if (text != null) {
            assertThat(text).doesNotContain(TOKEN).doesNotContain(URLEncoder.encode(TOKEN, StandardCharsets.UTF_8))
                    .doesNotContain("RMQRendpointsecret");
        }
    }
}
