package dev.camelampenet.simulator;

import dev.camelampenet.simulator.support.RawApi;
import dev.camelampenet.simulator.support.RawApi.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static dev.camelampenet.simulator.support.RawApi.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * ThrottleRequests:api as docs/ampenet-api.md §11 describes it: per user, X-RateLimit-* headers on success,
 * "Too Many Attempts." as HTTP 200 JSON with a JSON Accept header and a 404 HTML page without; plus the throttle
 * faults and the runtime switches. Window expiry is tested with a hand-driven clock, never by waiting.
 */
@Timeout(30)
class RateLimitTest {

    private static final String TOKEN = "3|rate-limit-secret";
    private static final String OTHER = "4|rate-limit-other";

    private final List<AmpenetSimulator> started = new ArrayList<>();

    private AmpenetSimulator start(AmpenetSimulator.Builder builder) {
        AmpenetSimulator sim = builder.token(TOKEN).start();
        started.add(sim);
        return sim;
    }

    @AfterEach
    void stopAll() {
        started.forEach(AmpenetSimulator::stop);
    }

    private static RawApi api(AmpenetSimulator sim) {
        return new RawApi(sim.baseUrl(), TOKEN);
    }

    private static void assertTooManyAttempts(Reply reply) {
        assertThat(reply.status).isEqualTo(200);
        assertThat(reply.contentType).startsWith("application/json");
        assertThat(reply.outcome()).isEqualTo("error");
        assertThat(reply.message()).isEqualTo("Too Many Attempts.");
        assertThat(reply.header("X-RateLimit-Remaining")).isNull();
    }

    @Test
    void theDefaultLimitIsAThousandPerMinute() {
        AmpenetSimulator sim = start(AmpenetSimulator.builder());

        Reply reply = api(sim).get("/balance");

        assertThat(sim.rateLimit()).isEqualTo(1000);
        assertThat(reply.header("X-RateLimit-Limit")).isEqualTo("1000");
        assertThat(reply.header("X-RateLimit-Remaining")).isEqualTo("999");
    }

    @Test
    void theSixthRequestOfFiveAllowedIsRefused() {
        AmpenetSimulator sim = start(AmpenetSimulator.builder().rateLimit(5));
        RawApi api = api(sim);

        for (int remaining = 4; remaining >= 0; remaining--) {
            Reply ok = api.get("/balance");
            assertThat(ok.outcome()).isEqualTo("success");
            assertThat(ok.header("X-RateLimit-Limit")).isEqualTo("5");
            assertThat(ok.header("X-RateLimit-Remaining")).isEqualTo(String.valueOf(remaining));
        }
        assertTooManyAttempts(api.get("/balance"));
        assertTooManyAttempts(api.post("/sms/send", body("recipient", "255747991498", "message", "hi")));
        assertThat(sim.outbox()).isEmpty();
    }

    @Test
    void withoutAJsonAcceptHeaderTheRefusalIsA404HtmlPage() {
        AmpenetSimulator sim = start(AmpenetSimulator.builder().rateLimit(1));
        RawApi api = api(sim);
        assertThat(api.get("/balance").outcome()).isEqualTo("success");

        Reply refused = api.withoutJsonAccept().get("/balance");

        assertThat(refused.status).isEqualTo(404);
        assertThat(refused.isHtml()).isTrue();
        assertThat(refused.body).contains("Not Found");
    }

    @Test
    void theLimitIsCountedPerToken() {
        AmpenetSimulator sim = start(AmpenetSimulator.builder().rateLimit(2));
        sim.addAccount(OTHER, new BigDecimal("100"));
        RawApi api = api(sim);
        api.get("/balance");
        api.get("/balance");
        assertTooManyAttempts(api.get("/balance"));

        Reply other = api.withToken(OTHER).get("/balance");

        assertThat(other.outcome()).isEqualTo("success");
        assertThat(other.header("X-RateLimit-Remaining")).isEqualTo("1");
    }

    @Test
    void theWindowEndsAMinuteAfterItsFirstRequest() {
        MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
        AmpenetSimulator sim = start(AmpenetSimulator.builder().rateLimit(2).clock(clock));
        RawApi api = api(sim);
        api.get("/balance");
        clock.advance(Duration.ofSeconds(30));
        api.get("/balance");
        assertTooManyAttempts(api.get("/balance"));

        clock.advance(Duration.ofSeconds(29));
        assertTooManyAttempts(api.get("/balance")); // 59 s after the window opened

        clock.advance(Duration.ofSeconds(1));
        Reply again = api.get("/balance");
        assertThat(again.outcome()).isEqualTo("success");
        assertThat(again.header("X-RateLimit-Remaining")).isEqualTo("1");
    }

    @Test
    void theV31ProfileHasNoThrottle() {
        AmpenetSimulator sim = start(AmpenetSimulator.builder().rateLimit(1).profile(Profile.V3_1));
        RawApi api = api(sim);

        for (int i = 0; i < 3; i++) {
            Reply reply = api.get("/balance");
            assertThat(reply.outcome()).isEqualTo("success");
            assertThat(reply.header("X-RateLimit-Limit")).isNull();
        }
    }

    // ---- runtime changes -----------------------------------------------------------------------------------

    @Test
    void setRateLimitChangesTheLimitAtRuntimeAndStartsAFreshWindow() {
        AmpenetSimulator sim = start(AmpenetSimulator.builder().rateLimit(1));
        RawApi api = api(sim);
        api.get("/balance");
        assertTooManyAttempts(api.get("/balance"));

        sim.setRateLimit(3);

        assertThat(sim.rateLimit()).isEqualTo(3);
        assertThat(api.get("/balance").header("X-RateLimit-Remaining")).isEqualTo("2");
        assertThat(api.get("/balance").header("X-RateLimit-Limit")).isEqualTo("3");
    }

    @Test
    void theRateLimitCanBeReadAndSetOverHttp() {
        AmpenetSimulator sim = start(AmpenetSimulator.builder());
        RawApi control = new RawApi(sim.controlUrl(), null);

        assertThat(control.get("/rate-limit").json().path("perMinute").asInt()).isEqualTo(1000);
        Reply set = control.post("/rate-limit", body("perMinute", 2));

        assertThat(set.status).isEqualTo(200);
        assertThat(set.json().path("perMinute").asInt()).isEqualTo(2);
        RawApi api = api(sim);
        assertThat(api.get("/balance").header("X-RateLimit-Limit")).isEqualTo("2");
        api.get("/balance");
        assertTooManyAttempts(api.get("/balance"));
    }

    @Test
    void aBadRateLimitIsRefusedOverHttp() {
        AmpenetSimulator sim = start(AmpenetSimulator.builder());
        RawApi control = new RawApi(sim.controlUrl(), null);

        Reply zero = control.post("/rate-limit", body("perMinute", 0));
        Reply missing = control.post("/rate-limit", body());
        Reply text = control.post("/rate-limit", body("perMinute", "lots"));

        assertThat(zero.status).isEqualTo(400);
        assertThat(zero.json().path("error").asText()).contains("at least 1");
        assertThat(missing.status).isEqualTo(400);
        assertThat(missing.json().path("error").asText()).contains("perMinute");
        assertThat(text.status).isEqualTo(400);
        assertThat(text.json().path("error").asText()).contains("perMinute").contains("lots");
        assertThat(sim.rateLimit()).isEqualTo(1000);
    }

    @Test
    void resetRestoresTheConfiguredLimit() {
        AmpenetSimulator sim = start(AmpenetSimulator.builder().rateLimit(7));
        sim.setRateLimit(2);

        sim.reset();

        assertThat(sim.rateLimit()).isEqualTo(7);
        assertThat(api(sim).get("/balance").header("X-RateLimit-Remaining")).isEqualTo("6");
    }

    // ---- throttle faults -----------------------------------------------------------------------------------

    @Test
    void throttleForRefusesEveryRequestForAWhile() throws InterruptedException {
        AmpenetSimulator sim = start(AmpenetSimulator.builder());
        sim.addAccount(OTHER, new BigDecimal("100"));
        RawApi api = api(sim);

        sim.throttleFor(Duration.ofMillis(400));

        assertTooManyAttempts(api.get("/balance"));
        assertTooManyAttempts(api.withToken(OTHER).get("/me"));
        assertThat(api.withoutJsonAccept().get("/balance").status).isEqualTo(404);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        Reply reply = api.get("/balance");
        while (!"success".equals(reply.outcome()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            reply = api.get("/balance");
        }
        assertThat(reply.outcome()).isEqualTo("success");
    }

    @Test
    void throttleForAppliesEvenWhereTheProfileHasNoRateLimit() {
        AmpenetSimulator sim = start(AmpenetSimulator.builder().profile(Profile.V3_1));

        sim.throttleFor(Duration.ofSeconds(30));

        assertTooManyAttempts(api(sim).get("/balance"));
        sim.clearFaults();
        assertThat(api(sim).get("/balance").outcome()).isEqualTo("success");
    }

    @Test
    void nextFaultThrottleRefusesExactlyTheNextRequests() {
        AmpenetSimulator sim = start(AmpenetSimulator.builder());
        RawApi api = api(sim);

        sim.nextFault(Fault.THROTTLE, 2, null);

        assertTooManyAttempts(api.post("/sms/send", body("recipient", "255747991498", "message", "one")));
        assertTooManyAttempts(api.get("/balance"));
        Reply third = api.get("/balance");
        assertThat(third.outcome()).isEqualTo("success");
        // refused requests were not counted by the limiter
        assertThat(third.header("X-RateLimit-Remaining")).isEqualTo("999");
        assertThat(sim.outbox()).isEmpty();
    }

    @Test
    void throttlingCanBeSwitchedOnOverHttp() {
        AmpenetSimulator sim = start(AmpenetSimulator.builder());
        RawApi control = new RawApi(sim.controlUrl(), null);
        RawApi api = api(sim);

        assertThat(control.post("/throttle", body("requests", 1)).status).isEqualTo(200);
        assertTooManyAttempts(api.get("/balance"));
        assertThat(api.get("/balance").outcome()).isEqualTo("success");

        assertThat(control.post("/throttle", body("seconds", 30)).status).isEqualTo(200);
        assertTooManyAttempts(api.get("/balance"));
        assertTooManyAttempts(api.get("/balance"));

        control.delete("/faults");
        assertThat(api.get("/balance").outcome()).isEqualTo("success");
    }

    @Test
    void throttleWithoutABodyThrottlesForAMinute() {
        AmpenetSimulator sim = start(AmpenetSimulator.builder());
        RawApi control = new RawApi(sim.controlUrl(), null);

        assertThat(control.post("/throttle", null).status).isEqualTo(200);

        assertTooManyAttempts(api(sim).get("/balance"));
        assertThat(control.get("/throttle").status).isEqualTo(400); // a GET must not switch it on
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
