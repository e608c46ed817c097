package dev.camelampenet.ampenet.springboot;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AmpenetTokenSanitizingFunctionTest {

    @Test
    void recognisesTheTokenPropertyInEverySpelling() {
        assertThat(AmpenetTokenSanitizingFunction.isTokenKey("camel.component.ampenet.api-token")).isTrue();
        assertThat(AmpenetTokenSanitizingFunction.isTokenKey("camel.component.ampenet.apiToken")).isTrue();
        assertThat(AmpenetTokenSanitizingFunction.isTokenKey("camel.component.ampenet.api_token")).isTrue();
        assertThat(AmpenetTokenSanitizingFunction.isTokenKey("CAMEL_COMPONENT_AMPENET_APITOKEN")).isTrue();
        assertThat(AmpenetTokenSanitizingFunction.isTokenKey("CAMEL_COMPONENT_AMPENET_API_TOKEN")).isTrue();
        assertThat(AmpenetTokenSanitizingFunction.isTokenKey("camel.component.ampenet.configuration.apiToken")).isTrue();

        // the proxy password is masked the same way
        assertThat(AmpenetTokenSanitizingFunction.isTokenKey("camel.component.ampenet.proxy-password")).isTrue();
        assertThat(AmpenetTokenSanitizingFunction.isTokenKey("CAMEL_COMPONENT_AMPENET_PROXYPASSWORD")).isTrue();
        assertThat(AmpenetTokenSanitizingFunction.isTokenKey("camel.component.ampenet.proxy-username")).isFalse();
        assertThat(AmpenetTokenSanitizingFunction.isTokenKey("camel.component.ampenet.base-url")).isFalse();
        assertThat(AmpenetTokenSanitizingFunction.isTokenKey("camel.component.telegram.authorization-token")).isFalse();
        assertThat(AmpenetTokenSanitizingFunction.isTokenKey(null)).isFalse();
    }
}
