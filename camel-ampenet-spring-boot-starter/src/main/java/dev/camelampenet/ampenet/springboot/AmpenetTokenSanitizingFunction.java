package dev.camelampenet.ampenet.springboot;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import dev.camelampenet.ampenet.AmpenetComponent;
import org.apache.camel.CamelContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Masks the ampenet API token in the actuator endpoints that show configuration:
 * <ul>
 * <li>by key: {@code camel.component.ampenet.api-token} however it is spelt ({@code apiToken}, {@code API_TOKEN},
 * the environment variable {@code CAMEL_COMPONENT_AMPENET_APITOKEN}), and the token of a shared configuration bean
 * ({@code camel.component.ampenet.configuration.apiToken} in configprops);</li>
 * <li>by value: any other property whose value contains the token in use, such as {@code ampenet.token=...} that the
 * application refers to with a placeholder, or a command line that carries it.</li>
 * </ul>
 */
public class AmpenetTokenSanitizingFunction implements SanitizingFunction {

    /** Tokens shorter than this are not looked for inside other values: too likely to match by chance. */
    private static final int MIN_TOKEN_LENGTH_FOR_VALUE_MATCH = 6;
    private static final String KEY_PREFIX = "camelcomponentampenet";
    private static final String KEY_SUFFIX = "apitoken";
    private static final String PROXY_PASSWORD_SUFFIX = "proxypassword";

    private final Environment environment;
    private final ObjectProvider<CamelContext> camelContext;

    public AmpenetTokenSanitizingFunction(Environment environment, ObjectProvider<CamelContext> camelContext) {
        this.environment = environment;
        this.camelContext = camelContext;
    }

    @Override
    public SanitizableData apply(SanitizableData data) {
        if (isTokenKey(data.getKey()) || containsToken(data.getValue())) {
            return data.withSanitizedValue();
        }
        return data;
    }

    /**
     * camel.component.ampenet[.anything].api-token, and the proxy password (proxy-password) the same way, in any of
     * the spellings relaxed binding accepts.
     */
    static boolean isTokenKey(String key) {
        if (key == null) {
            return false;
        }
        String canonical = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return canonical.startsWith(KEY_PREFIX) && (canonical.endsWith(KEY_SUFFIX) || canonical.endsWith(PROXY_PASSWORD_SUFFIX));
    }

    private boolean containsToken(Object value) {
        if (value == null) {
            return false;
        }
        String text = value.toString();
        for (String token : tokensInUse()) {
            if (text.contains(token)) {
                return true;
            }
        }
        return false;
    }

    /** The token from the properties, and the one on the component if Camel has created it (set in code, or a bean). */
    private Set<String> tokensInUse() {
        Set<String> tokens = new LinkedHashSet<>();
        Binder.get(environment).bind(AmpenetComponentConfiguration.PREFIX + ".api-token", String.class)
                .ifBound(tokens::add);
        CamelContext context = camelContext.getIfAvailable();
        if (context != null && context.hasComponent("ampenet") instanceof AmpenetComponent) {
            AmpenetComponent component = (AmpenetComponent) context.hasComponent("ampenet");
            if (component.getConfiguration() != null && component.getConfiguration().getApiToken() != null) {
                tokens.add(component.getConfiguration().getApiToken());
            }
        }
        tokens.removeIf(token -> token.isBlank() || token.length() < MIN_TOKEN_LENGTH_FOR_VALUE_MATCH);
        return tokens;
    }
}
