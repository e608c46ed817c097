package dev.camelampenet.ampenet;

import java.util.Map;

import dev.camelampenet.ampenet.error.AmpenetException;
import dev.camelampenet.ampenet.model.ContactGroup;
import dev.camelampenet.simulator.AmpenetSimulator;
import dev.camelampenet.simulator.Profile;
import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs tests against one simulator per server generation (v3.1, v3.8, v3.13), each reset before every test. The
 * endpoints get only apiToken and baseUrl: whatever else a test needs to work on every generation must be the
 * component's default (contactFieldStyle AUTO above all). Tests take the generation as a parameter:
 * {@code @ParameterizedTest @EnumSource(Profile.class)}.
 */
abstract class AllProfilesTestSupport extends CamelTestSupport {

    static final String TOKEN = "41|all-profiles-secret-4f0c9e1d";

    @RegisterExtension
    static AmpenetSimulatorExtension v31 = AmpenetSimulatorExtension.with(b -> b.profile(Profile.V3_1).token(TOKEN));
    @RegisterExtension
    static AmpenetSimulatorExtension v38 = AmpenetSimulatorExtension.with(b -> b.profile(Profile.V3_8).token(TOKEN));
    @RegisterExtension
    static AmpenetSimulatorExtension v313 = AmpenetSimulatorExtension.with(b -> b.profile(Profile.V3_13).token(TOKEN));

    static AmpenetSimulator sim(Profile profile) {
        switch (profile) {
            case V3_1:
                return v31.simulator();
            case V3_8:
                return v38.simulator();
            default:
                return v313.simulator();
        }
    }

    /** {@code ampenet:<operation>} against the profile's simulator; options such as {@code "groupId=..."} are added. */
    static String uri(Profile profile, String operation, String... options) {
        StringBuilder uri = new StringBuilder("ampenet:").append(operation).append("?apiToken=").append(TOKEN)
                .append("&baseUrl=").append(sim(profile).baseUrl());
        for (String option : options) {
            uri.append('&').append(option);
        }
        return uri.toString();
    }

    /** Runs the operation; the exchange comes back with its exception (if any) instead of throwing. */
    Exchange exchange(Profile profile, String operation, Object body, Map<String, Object> headers, String... options) {
        return template.request(uri(profile, operation, options), e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeaders(new java.util.HashMap<>(headers));
        });
    }

    /** Runs the operation and returns the result body, failing the test on an exception. */
    <T> T call(Profile profile, String operation, Object body, Map<String, Object> headers, Class<T> type, String... options) {
        Exchange result = exchange(profile, operation, body, headers, options);
        if (result.getException() != null) {
            throw new AssertionError(operation + " on " + profile + " failed", result.getException());
        }
        Object out = result.getMessage().getBody();
        if (out != null) {
            assertThat(out).isInstanceOf(type);
        }
        return type.cast(out);
    }

    /** Runs the operation, which must fail with an {@link AmpenetException} of the given type. */
    <E extends AmpenetException> E failure(Profile profile, String operation, Object body, Map<String, Object> headers,
                                           Class<E> type, String... options) {
        Exchange result = exchange(profile, operation, body, headers, options);
        if (result.getException() == null) {
            fail(operation + " on " + profile + " should have failed, but returned " + result.getMessage().getBody());
        }
        assertThat(result.getException()).isInstanceOf(type);
        E error = type.cast(result.getException());
        assertThat(error.getOperation()).isEqualTo(operation);
        assertThat(error.getMessage()).contains(operation).contains(error.getApiMessage()).doesNotContain(TOKEN);
        return error;
    }

    ContactGroup newGroup(Profile profile, String name) {
        return call(profile, "groups/create", name, Map.of(), ContactGroup.class);
    }

    /**
     * Endpoint options for seeding many items quickly: the component paces to 1000 requests/minute per token by
     * default, i.e. 60 ms apart. Seed before the first default endpoint of a test starts, as the token's pacer keeps
     * the slowest rate any of its endpoints asked for.
     */
    static final String FAST = "rateLimit=60000";
}
