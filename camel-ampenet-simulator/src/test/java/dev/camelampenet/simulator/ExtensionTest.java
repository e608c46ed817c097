package dev.camelampenet.simulator;

import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import dev.camelampenet.simulator.junit.SimulatorBaseUrl;
import dev.camelampenet.simulator.junit.SimulatorToken;
import dev.camelampenet.simulator.support.RawApi;
import dev.camelampenet.simulator.support.RawApi.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;

import static dev.camelampenet.simulator.support.RawApi.body;
import static org.assertj.core.api.Assertions.assertThat;

/** The JUnit 5 extension: declarative and registered use, parameter injection, fresh state in every test. */
@Timeout(30)
class ExtensionTest {

    @AfterAll
    static void everySimulatorIsStoppedWhenItsClassEnds() {
        // runs after all the nested classes: the simulators they used must be gone, not leaked
        assertThat(Declarative.fromBeforeAll.isRunning()).isFalse();
        assertThat(RegisteredWithAProfile.used.isRunning()).isFalse();
    }

    @Nested
    @ExtendWith(AmpenetSimulatorExtension.class)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class Declarative {

        private static AmpenetSimulator fromBeforeAll;

        @BeforeAll
        static void capture(AmpenetSimulator sim) {
            fromBeforeAll = sim;
        }

        @AfterAll
        static void stoppedAfterTheClass() {
            // afterAll of the extension runs after this method, so only check it is still up here
            assertThat(fromBeforeAll.isRunning()).isTrue();
        }

        @Test
        @Order(1)
        void injectsTheSimulatorItsBaseUrlAndToken(AmpenetSimulator sim, @SimulatorBaseUrl String baseUrl,
                                                   @SimulatorToken String token) {
            assertThat(sim).isSameAs(fromBeforeAll);
            assertThat(sim.isRunning()).isTrue();
            assertThat(baseUrl).isEqualTo(sim.baseUrl()).startsWith("http://127.0.0.1:").endsWith("/api/v3");
            assertThat(sim.port()).isPositive();
            assertThat(token).isEqualTo(AmpenetSimulator.DEFAULT_TOKEN).isEqualTo(sim.token());

            Reply balance = new RawApi(baseUrl, token).get("/balance");
            assertThat(balance.outcome()).isEqualTo("success");
            assertThat(balance.data().path("remaining_balance").asText()).isEqualTo("$10,000");
        }

        @Test
        @Order(2)
        void leavesStateBehind(AmpenetSimulator sim, @SimulatorBaseUrl String baseUrl, @SimulatorToken String token) {
            RawApi api = new RawApi(baseUrl, token);
            assertThat(api.post("/contacts", body("name", "Left over")).outcome()).isEqualTo("success");
            assertThat(api.post("/sms/send", body("recipient", "255747991498", "message", "hi")).outcome()).isEqualTo("success");
            sim.setFaults(FaultSettings.NONE.withLatency(1, 0));
            sim.setBalance(new BigDecimal("3"));
            sim.setRateLimit(2);
            sim.setBug(ServerBug.CONTACT_LIST_SQL_ERROR, true);

            assertThat(sim.groups()).hasSize(1);
        }

        @Test
        @Order(3)
        void startsFromFreshStateInTheNextTest(AmpenetSimulator sim, @SimulatorBaseUrl String baseUrl,
                                               @SimulatorToken String token) {
            assertThat(sim).isSameAs(fromBeforeAll);
            assertThat(sim.groups()).isEmpty();
            assertThat(sim.outbox()).isEmpty();
            assertThat(sim.journal()).isEmpty();
            assertThat(sim.faults()).isEqualTo(FaultSettings.NONE);
            assertThat(sim.balance()).isEqualByComparingTo(AmpenetSimulator.DEFAULT_BALANCE);
            assertThat(sim.rateLimit()).isEqualTo(AmpenetSimulator.DEFAULT_RATE_LIMIT);
            assertThat(sim.bugs()).doesNotContain(ServerBug.CONTACT_LIST_SQL_ERROR);

            Reply groups = new RawApi(baseUrl, token).get("/contacts");
            assertThat(groups.data().path("total").asInt()).isZero();
            assertThat(groups.header("X-RateLimit-Limit")).isEqualTo("1000");
        }

        @Nested
        class Inner {

            @Test
            void sharesTheSimulatorOfTheEnclosingClass(AmpenetSimulator sim) {
                assertThat(sim).isSameAs(fromBeforeAll);
                assertThat(sim.isRunning()).isTrue();
                assertThat(sim.groups()).isEmpty();
            }
        }
    }

    @Nested
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class RegisteredWithAProfile {

        @RegisterExtension
        static final AmpenetSimulatorExtension SIM = AmpenetSimulatorExtension.with(b -> b
                .profile(Profile.V3_1).token("31|legacy-token").balance(250));

        private static AmpenetSimulator used;

        @Test
        @Order(1)
        void theConfigurationApplies() {
            AmpenetSimulator sim = SIM.simulator();
            used = sim;
            assertThat(sim.profile()).isEqualTo(Profile.V3_1);
            assertThat(SIM.token()).isEqualTo("31|legacy-token");
            assertThat(SIM.baseUrl()).isEqualTo(sim.baseUrl());

            Reply balance = new RawApi(SIM.baseUrl(), SIM.token()).get("/balance");
            assertThat(balance.data().path("remaining_unit").asText()).isEqualTo("250");
            assertThat(balance.data().has("remaining_balance")).isFalse();
        }

        @Test
        @Order(2)
        void parametersComeFromTheRegisteredExtensionToo(AmpenetSimulator sim, @SimulatorToken String token) {
            assertThat(sim).isSameAs(SIM.simulator());
            assertThat(token).isEqualTo("31|legacy-token");
            new RawApi(sim.baseUrl(), token).post("/contacts", body("name", "Legacy"));
            assertThat(sim.groups()).hasSize(1);
        }

        @Test
        @Order(3)
        void andTheStateIsFreshInEachTest(AmpenetSimulator sim) {
            assertThat(sim.groups()).isEmpty();
            assertThat(sim.balance()).isEqualByComparingTo("250");
        }
    }

    @Nested
    class RegisteredOnAnInstanceField {

        @RegisterExtension
        final AmpenetSimulatorExtension sim = AmpenetSimulatorExtension.with(b -> b.rateLimit(3));

        @Test
        void startsASimulatorForTheTest() {
            Reply balance = new RawApi(sim.baseUrl(), sim.token()).get("/balance");

            assertThat(balance.header("X-RateLimit-Limit")).isEqualTo("3");
            assertThat(sim.simulator().isRunning()).isTrue();
        }
    }
}
