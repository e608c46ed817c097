package dev.camelampenet.ampenet.springboot;

import org.apache.camel.CamelContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Keeps the API token out of the actuator {@code configprops} and {@code env} endpoints. Spring Boot masks every value
 * there by default, but an application that sets {@code management.endpoint.*.show-values} to {@code always} or
 * {@code when-authorized} would otherwise show the token in clear. Separate from the component auto-configuration so
 * the token stays masked even when {@code camel.component.ampenet.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public class AmpenetTokenMaskingAutoConfiguration {

    @Bean
    public SanitizingFunction ampenetTokenSanitizingFunction(Environment environment,
                                                             ObjectProvider<CamelContext> camelContext) {
        return new AmpenetTokenSanitizingFunction(environment, camelContext);
    }
}
