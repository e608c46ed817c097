package dev.camelampenet.ampenet.springboot;

import java.util.Map;

import dev.camelampenet.ampenet.AmpenetComponent;
import dev.camelampenet.ampenet.AmpenetConfiguration;
import dev.camelampenet.ampenet.ContactFieldStyle;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * camel.component.ampenet.* reaches the component: every option, in the spellings relaxed binding accepts, only what
 * was set, and the usual Camel starter switches.
 */
class PropertyBindingTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CamelAutoConfiguration.class, AmpenetComponentAutoConfiguration.class));

    private static AmpenetConfiguration ampenet(ApplicationContext context) {
        return context.getBean(CamelContext.class).getComponent("ampenet", AmpenetComponent.class).getConfiguration();
    }

    @Test
    void everyOptionBindsInKebabCamelAndUpperCase() {
        runner.withPropertyValues(
                "camel.component.ampenet.api-token=7|binding-token",
                "camel.component.ampenet.baseUrl=http://127.0.0.1:1/api/v3",
                "camel.component.ampenet.SENDER_ID=AMPENET",
                "camel.component.ampenet.group-id=65fa99fa9d55e",
                "camel.component.ampenet.GROUP_NAME=Customers",
                "camel.component.ampenet.targetGroupId=65fa99fa9d55f",
                "camel.component.ampenet.rate-limiter=#bean:sharedLimiter",
                "camel.component.ampenet.sms-type=unicode",
                "camel.component.ampenet.default-region=TZ",
                "camel.component.ampenet.fail-on-rejected-recipients=true",
                "camel.component.ampenet.max-segments=3",
                "camel.component.ampenet.contact-field-style=lower-case",
                "camel.component.ampenet.connect-timeout=2500",
                "camel.component.ampenet.request-timeout=45s",
                "camel.component.ampenet.max-retries=5",
                "camel.component.ampenet.retry-delay=250ms",
                "camel.component.ampenet.rate-limit=60",
                "camel.component.ampenet.multi-group-campaign=server-campaign",
                "camel.component.ampenet.health-check-consumer-enabled=false",
                "camel.component.ampenet.health-check-producer-enabled=false",
                "camel.component.ampenet.bridge-error-handler=true",
                "camel.component.ampenet.lazy-start-producer=true",
                "camel.component.ampenet.autowired-enabled=false",
                "camel.component.ampenet.max-connections=20",
                "camel.component.ampenet.proxy-host=proxy.example",
                "camel.component.ampenet.proxy-port=3128",
                "camel.component.ampenet.proxy-username=camel",
                "camel.component.ampenet.proxyPassword=proxy-secret",
                "camel.component.ampenet.ssl-context-parameters=#bean:ampenetTls",
                "camel.component.ampenet.use-global-ssl-context-parameters=true")
                .withBean("sharedLimiter", dev.camelampenet.ampenet.api.AmpenetRateLimiter.class, () -> () -> 0L)
                .withBean("ampenetTls", org.apache.camel.support.jsse.SSLContextParameters.class,
                        org.apache.camel.support.jsse.SSLContextParameters::new)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    AmpenetComponent component = context.getBean(CamelContext.class).getComponent("ampenet", AmpenetComponent.class);
                    AmpenetConfiguration c = component.getConfiguration();
                    assertThat(c.getApiToken()).isEqualTo("7|binding-token");
                    assertThat(c.getBaseUrl()).isEqualTo("http://127.0.0.1:1/api/v3");
                    assertThat(c.getSenderId()).isEqualTo("AMPENET");
                    assertThat(c.getGroupId()).isEqualTo("65fa99fa9d55e");
                    assertThat(c.getGroupName()).isEqualTo("Customers");
                    assertThat(c.getTargetGroupId()).isEqualTo("65fa99fa9d55f");
                    assertThat(c.getRateLimiter()).isSameAs(context.getBean("sharedLimiter"));
                    assertThat(c.getSmsType()).isEqualTo("unicode");
                    assertThat(c.getDefaultRegion()).isEqualTo("TZ");
                    assertThat(c.isFailOnRejectedRecipients()).isTrue();
                    assertThat(c.getMaxSegments()).isEqualTo(3);
                    assertThat(c.getContactFieldStyle()).isEqualTo(ContactFieldStyle.LOWER_CASE);
                    assertThat(c.getMultiGroupCampaign()).isEqualTo(dev.camelampenet.ampenet.MultiGroupCampaign.SERVER_CAMPAIGN);
                    assertThat(c.getConnectTimeout()).isEqualTo(2500);
                    assertThat(c.getRequestTimeout()).isEqualTo(45_000);
                    assertThat(c.getMaxRetries()).isEqualTo(5);
                    assertThat(c.getRetryDelay()).isEqualTo(250);
                    assertThat(c.getRateLimit()).isEqualTo(60);
                    assertThat(component.isHealthCheckConsumerEnabled()).isFalse();
                    assertThat(component.isHealthCheckProducerEnabled()).isFalse();
                    assertThat(component.isBridgeErrorHandler()).isTrue();
                    assertThat(component.isLazyStartProducer()).isTrue();
                    assertThat(component.isAutowiredEnabled()).isFalse();
                    assertThat(c.getMaxConnections()).isEqualTo(20);
                    assertThat(c.getProxyHost()).isEqualTo("proxy.example");
                    assertThat(c.getProxyPort()).isEqualTo(3128);
                    assertThat(c.getProxyUsername()).isEqualTo("camel");
                    assertThat(c.getProxyPassword()).isEqualTo("proxy-secret");
                    assertThat(c.getSslContextParameters()).isSameAs(context.getBean("ampenetTls"));
                    assertThat(component.isUseGlobalSslContextParameters()).isTrue();
                    // every option the component JSON lists was set, so none is missing from the copy
                    assertThat(context.getBean(AmpenetComponentConfiguration.class).optionsToApply().keySet())
                            .containsExactlyInAnyOrderElementsOf(ComponentJson.optionNames().stream()
                                    .filter(name -> !name.equals("configuration")).toList());
                });
    }

    @Test
    void environmentVariablesBind() {
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("test-systemEnvironment", Map.of(
                                "CAMEL_COMPONENT_AMPENET_APITOKEN", "7|env-token",
                                "CAMEL_COMPONENT_AMPENET_MAXRETRIES", "7",
                                "CAMEL_COMPONENT_AMPENET_REQUESTTIMEOUT", "1m"))))
                .run(context -> {
                    AmpenetConfiguration c = ampenet(context);
                    assertThat(c.getApiToken()).isEqualTo("7|env-token");
                    assertThat(c.getMaxRetries()).isEqualTo(7);
                    assertThat(c.getRequestTimeout()).isEqualTo(60_000);
                });
    }

    @Test
    void unsetOptionsKeepTheComponentsDefaults() {
        runner.withPropertyValues("camel.component.ampenet.api-token=7|only-token").run(context -> {
            AmpenetConfiguration c = ampenet(context);
            AmpenetConfiguration defaults = new AmpenetConfiguration();
            assertThat(c.getApiToken()).isEqualTo("7|only-token");
            assertThat(c).usingRecursiveComparison().ignoringFields("apiToken").isEqualTo(defaults);
        });
    }

    @Test
    void aComponentBeanKeepsWhatTheApplicationSetOnIt() {
        runner.withPropertyValues("camel.component.ampenet.api-token=7|bean-token")
                .withBean("ampenet", AmpenetComponent.class, () -> {
                    AmpenetComponent component = new AmpenetComponent();
                    component.getConfiguration().setSenderId("MINE");
                    component.getConfiguration().setBaseUrl("http://127.0.0.1:2/api/v3");
                    return component;
                })
                .run(context -> {
                    AmpenetConfiguration c = ampenet(context);
                    assertThat(c.getApiToken()).isEqualTo("7|bean-token");
                    assertThat(c.getSenderId()).isEqualTo("MINE");
                    assertThat(c.getBaseUrl()).isEqualTo("http://127.0.0.1:2/api/v3");
                });
    }

    @Test
    void aSharedConfigurationBeanIsUsedAndTheSingleOptionsRefineIt() {
        runner.withPropertyValues("camel.component.ampenet.configuration=#bean:smsDefaults",
                        "camel.component.ampenet.sender-id=OVERRIDE")
                .withBean("smsDefaults", AmpenetConfiguration.class, () -> {
                    AmpenetConfiguration shared = new AmpenetConfiguration();
                    shared.setApiToken("7|shared-token");
                    shared.setSenderId("SHARED");
                    shared.setDefaultRegion("KE");
                    return shared;
                })
                .run(context -> {
                    AmpenetConfiguration c = ampenet(context);
                    assertThat(c.getApiToken()).isEqualTo("7|shared-token");
                    assertThat(c.getDefaultRegion()).isEqualTo("KE");
                    assertThat(c.getSenderId()).isEqualTo("OVERRIDE");
                });
    }

    @Test
    void aConfigurationThatIsNotABeanReferenceIsRefusedWithTheReason() {
        runner.withPropertyValues("camel.component.ampenet.configuration=smsDefaults").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("expected a reference to an AmpenetConfiguration bean, such as #bean:name");
        });
    }

    @Test
    void disabledAutoConfigurationLeavesTheComponentAlone() {
        runner.withPropertyValues("camel.component.ampenet.enabled=false", "camel.component.ampenet.api-token=7|ignored")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(AmpenetComponentConfiguration.class);
                    assertThat(ampenet(context).getApiToken()).isNull();
                });
        runner.withPropertyValues("camel.component.enabled=false", "camel.component.ampenet.api-token=7|ignored")
                .run(context -> assertThat(context).doesNotHaveBean(AmpenetComponentConfiguration.class));
    }

    @Test
    void startsWithoutActuatorOnTheClasspath() {
        runner.withConfiguration(AutoConfigurations.of(AmpenetTokenMaskingAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
                .withPropertyValues("camel.component.ampenet.api-token=7|no-actuator")
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(AmpenetTokenSanitizingFunction.class);
                    assertThat(ampenet(context).getApiToken()).isEqualTo("7|no-actuator");
                });
    }

    @Test
    void masksTheTokenEvenWhenTheComponentAutoConfigurationIsOff() {
        runner.withConfiguration(AutoConfigurations.of(AmpenetTokenMaskingAutoConfiguration.class))
                .withPropertyValues("camel.component.ampenet.enabled=false")
                .run(context -> assertThat(context).hasSingleBean(AmpenetTokenSanitizingFunction.class));
    }

    @Test
    void disabledCustomizerLeavesTheComponentAlone() {
        runner.withPropertyValues("camel.component.ampenet.customizer.enabled=false",
                        "camel.component.ampenet.api-token=7|ignored")
                .run(context -> assertThat(ampenet(context).getApiToken()).isNull());
    }
}
