package dev.camelampenet.ampenet.springboot;

import java.util.Map;

import dev.camelampenet.ampenet.AmpenetComponent;
import org.apache.camel.Component;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.ComponentConfigurationProperties;
import org.apache.camel.spring.boot.util.CamelPropertiesHelper;
import org.apache.camel.spring.boot.util.ConditionalOnCamelContextAndAutoConfigurationBeans;
import org.apache.camel.spring.boot.util.ConditionalOnHierarchicalProperties;
import org.apache.camel.spring.boot.util.HierarchicalPropertiesEvaluator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Lazy;

/**
 * Applies the {@code camel.component.ampenet.*} properties to the ampenet component when Camel creates it, through a
 * {@link ComponentCustomizer} (Camel looks customizers up in the registry, which is Spring's here). The same switches
 * as every Camel starter: {@code camel.component[.ampenet].enabled} turns this off,
 * {@code camel.component[.ampenet].customizer.enabled} turns off only the copying.
 */
@AutoConfiguration(after = CamelAutoConfiguration.class)
@Conditional(ConditionalOnCamelContextAndAutoConfigurationBeans.class)
@EnableConfigurationProperties({ComponentConfigurationProperties.class, AmpenetComponentConfiguration.class})
@ConditionalOnHierarchicalProperties({"camel.component", AmpenetComponentConfiguration.PREFIX})
public class AmpenetComponentAutoConfiguration {

    private final ApplicationContext applicationContext;
    private final AmpenetComponentConfiguration configuration;

    public AmpenetComponentAutoConfiguration(ApplicationContext applicationContext,
                                             AmpenetComponentConfiguration configuration) {
        this.applicationContext = applicationContext;
        this.configuration = configuration;
    }

    /** Lets {@code camel.component.ampenet.configuration=#bean:name} name an AmpenetConfiguration bean. */
    @Bean
    @ConfigurationPropertiesBinding
    static AmpenetConfigurationReferenceConverter ampenetConfigurationReferenceConverter() {
        return new AmpenetConfigurationReferenceConverter();
    }

    @Lazy
    @Bean
    public ComponentCustomizer configureAmpenetComponent() {
        return new ComponentCustomizer() {
            @Override
            public void configure(String name, Component target) {
                Map<String, Object> options = configuration.optionsToApply();
                // fail rather than ignore: an option this class knows but the component does not is a bug here
                CamelPropertiesHelper.setCamelProperties(target.getCamelContext(), target, options, true);
            }

            @Override
            public boolean isEnabled(String name, Component target) {
                return target instanceof AmpenetComponent && HierarchicalPropertiesEvaluator.evaluate(applicationContext,
                        "camel.component.customizer", AmpenetComponentConfiguration.PREFIX + ".customizer");
            }
        };
    }
}
