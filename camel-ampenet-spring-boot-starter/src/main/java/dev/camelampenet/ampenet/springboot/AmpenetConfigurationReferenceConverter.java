package dev.camelampenet.ampenet.springboot;

import java.util.Set;

import dev.camelampenet.ampenet.AmpenetConfiguration;
import dev.camelampenet.ampenet.api.AmpenetRateLimiter;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.springframework.beans.BeansException;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;

/**
 * Binds {@code #bean:name} (or {@code #name}) to the {@link AmpenetConfiguration}, {@link AmpenetRateLimiter} or
 * {@link SSLContextParameters} bean
 * of that name, the way Camel's
 * own starters bind bean references. Anything else is refused with a message saying what is expected.
 */
public class AmpenetConfigurationReferenceConverter implements GenericConverter, ApplicationContextAware {

    private ApplicationContext applicationContext;

    @Override
    public void setApplicationContext(ApplicationContext applicationContext) throws BeansException {
        this.applicationContext = applicationContext;
    }

    @Override
    public Set<ConvertiblePair> getConvertibleTypes() {
        return Set.of(new ConvertiblePair(String.class, AmpenetConfiguration.class),
                new ConvertiblePair(String.class, AmpenetRateLimiter.class),
                new ConvertiblePair(String.class, SSLContextParameters.class));
    }

    @Override
    public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
        if (source == null) {
            return null;
        }
        String reference = source.toString().trim();
        if (!reference.startsWith("#")) {
            throw new IllegalArgumentException("expected a reference to an " + targetType.getType().getSimpleName()
                    + " bean, such as #bean:name");
        }
        String name = reference.startsWith("#bean:") ? reference.substring("#bean:".length()) : reference.substring(1);
        return applicationContext.getBean(name, targetType.getType());
    }
}
