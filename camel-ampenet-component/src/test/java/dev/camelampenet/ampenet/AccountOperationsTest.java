package dev.camelampenet.ampenet;

import java.math.BigDecimal;
import java.util.Map;

import dev.camelampenet.ampenet.error.AmpenetAuthenticationException;
import dev.camelampenet.ampenet.model.Balance;
import dev.camelampenet.ampenet.model.Profile;
import dev.camelampenet.ampenet.model.SendResult;
import org.apache.camel.Exchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** profile/me and profile/balance on every server generation, with the default configuration. */
class AccountOperationsTest extends AllProfilesTestSupport {

    @ParameterizedTest
    @EnumSource(dev.camelampenet.simulator.Profile.class)
    void meReturnsTheProfileWithoutTheToken(dev.camelampenet.simulator.Profile generation) {
        Profile me = call(generation, "profile/me", null, Map.of(), Profile.class);

        assertThat(me.uid()).matches("[0-9a-f]{13}");
        assertThat(me.firstName()).isEqualTo("Jhon");
        assertThat(me.lastName()).isEqualTo("Doe");
        assertThat(me.email()).matches("customer[0-9]+@example\\.com"); // account ids grow across resets
        assertThat(me.locale()).isEqualTo("en");
        assertThat(me.timezone()).isEqualTo("Africa/Dar_es_Salaam");
        assertThat(me.lastAccessAt()).isNotBlank();
        assertThat(me.toString()).doesNotContain(TOKEN).doesNotContain("secret");
    }

    @ParameterizedTest
    @EnumSource(dev.camelampenet.simulator.Profile.class)
    void balanceReadsEitherShape(dev.camelampenet.simulator.Profile generation) {
        Balance balance = call(generation, "profile/balance", null, Map.of(), Balance.class);

        assertThat(balance.amount()).isEqualByComparingTo("10000");
        assertThat(balance.unlimited()).isFalse();
        assertThat(balance.expiresOn()).isNotBlank();
        if (generation == dev.camelampenet.simulator.Profile.V3_1) {
            assertThat(balance.text()).isEqualTo("10,000"); // remaining_unit, in units
            assertThat(balance.currency()).isNull();
        } else {
            assertThat(balance.text()).isEqualTo("$10,000"); // remaining_balance, in the plan's currency format
            assertThat(balance.currency()).isEqualTo("$");
        }
    }

    @ParameterizedTest
    @EnumSource(dev.camelampenet.simulator.Profile.class)
    void balanceFollowsWhatWasSpent(dev.camelampenet.simulator.Profile generation) {
        sim(generation).setBalance(new BigDecimal("1250.5"));
        call(generation, "sms/send", "Habari", Map.of(AmpenetConstants.RECIPIENTS, "255712345678"), SendResult.class);

        Balance balance = call(generation, "profile/balance", null, Map.of(), Balance.class);

        assertThat(balance.amount()).isEqualByComparingTo("1249.5");
        assertThat(sim(generation).balance()).isEqualByComparingTo("1249.5");
    }

    @ParameterizedTest
    @EnumSource(dev.camelampenet.simulator.Profile.class)
    void anUnlimitedPlanHasNoAmount(dev.camelampenet.simulator.Profile generation) {
        sim(generation).setBalance(new BigDecimal("-1"));

        Balance balance = call(generation, "profile/balance", null, Map.of(), Balance.class);

        assertThat(balance.unlimited()).isTrue();
        assertThat(balance.amount()).isNull();
        assertThat(balance.text()).isEqualTo("Unlimited");
    }

    @ParameterizedTest
    @EnumSource(dev.camelampenet.simulator.Profile.class)
    void aWrongTokenIsAnAuthenticationError(dev.camelampenet.simulator.Profile generation) {
        Exchange result = template.request("ampenet:profile/balance?apiToken=9|not-a-valid-token&baseUrl=" + sim(generation).baseUrl(),
                e -> { });

        assertThat(result.getException()).isInstanceOf(AmpenetAuthenticationException.class).hasMessageContaining("Unauthenticated.")
                .hasMessageNotContaining("not-a-valid-token");
    }
}
