package dev.camelampenet.ampenet;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import dev.camelampenet.ampenet.api.AmpenetTransport;
import dev.camelampenet.ampenet.api.HttpAnswer;
import dev.camelampenet.ampenet.api.HttpCall;
import dev.camelampenet.ampenet.client.JdkHttpTransport;
import dev.camelampenet.ampenet.error.AmpenetException;
import dev.camelampenet.ampenet.error.AmpenetPartialSendException;
import dev.camelampenet.ampenet.error.AmpenetUnknownOutcomeException;
import dev.camelampenet.ampenet.model.Contact;
import dev.camelampenet.ampenet.model.ContactGroup;
import dev.camelampenet.ampenet.model.SendResult;
import dev.camelampenet.simulator.Fault;
import dev.camelampenet.simulator.JournalEntry;
import dev.camelampenet.simulator.Profile;
import org.apache.camel.BindToRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.camelampenet.ampenet.MultiGroupCampaignTest.copiesPerNumber;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A campaign to three overlapping groups (120 distinct numbers: two sms/send calls after nine list calls) that fails
 * part-way, and the redeliveries of the route's error handler: every number gets exactly one SMS, counted in the
 * simulator's outbox, and none is lost without being reported.
 */
class MultiGroupCampaignRedeliveryTest extends AllProfilesTestSupport {

    private static final int DISTINCT = 120;

    /** Injects a fault into the simulator right before the n-th call whose path ends as given. */
    static final class ArmingTransport implements AmpenetTransport {
        private final AmpenetTransport http = new JdkHttpTransport(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
        private final AtomicInteger seen = new AtomicInteger();
        private volatile String pathEnd = "-";
        private volatile int at;
        private volatile Runnable fault = () -> { };

        void arm(String pathEnd, int at, Runnable fault) {
            seen.set(0);
            this.pathEnd = pathEnd;
            this.at = at;
            this.fault = fault;
        }

        @Override
        public CompletableFuture<HttpAnswer> send(HttpCall call) {
            if (call.uri().getPath().endsWith(pathEnd) && seen.incrementAndGet() == at) {
                fault.run();
            }
            return http.send(call);
        }
    }

    @BindToRegistry("armed")
    private final ArmingTransport transport = new ArmingTransport();

    /** What the error handler does before each redelivery (set per test). */
    private volatile Consumer<Profile> beforeRedelivery = p -> { };

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                for (Profile profile : Profile.values()) {
                    // the client repeats a throttled call once; the test is about what happens when that is not enough
                    from("direct:" + profile).onException(AmpenetException.class).maximumRedeliveries(3).redeliveryDelay(0)
                            .onRedelivery(e -> beforeRedelivery.accept(profile)).end()
                            .to(uri(profile, "sms/campaign", "transport=#armed", "maxRetries=1", "retryDelay=5", FAST));
                }
            }
        };
    }

    private static String number(int i) {
        return String.format("255713%06d", i);
    }

    /** A: 0-59, B: 30-89, C: 60-119; 180 contact rows, 120 distinct numbers, 60 of them in two groups. */
    private List<String> groups(Profile profile) {
        List<String> uids = new ArrayList<>();
        for (int g = 0; g < 3; g++) {
            ContactGroup group = call(profile, "groups/create", "G" + g, Map.of(), ContactGroup.class, FAST);
            for (int i = g * 30; i < g * 30 + 60; i++) {
                call(profile, "contacts/store", new Contact(number(i)), Map.of(AmpenetConstants.GROUP_ID, group.uid()), Contact.class, FAST);
            }
            uids.add(group.uid());
        }
        sim(profile).clearJournal();
        return uids;
    }

    private Exchange campaign(Profile profile, List<String> groups) {
        return template.request("direct:" + profile, e -> {
            e.getMessage().setBody("Maji yamerudi");
            e.getMessage().setHeader(AmpenetConstants.GROUP_ID, groups);
        });
    }

    private static List<String> all() {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < DISTINCT; i++) {
            all.add(number(i));
        }
        return all;
    }

    private static long calls(Profile profile, String pathEnd) {
        return sim(profile).journal().stream().map(JournalEntry::path).filter(p -> p.endsWith(pathEnd)).count();
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aFailureAfterTheFirstChunkIsFinishedByTheRedeliveryWithoutRepeats(Profile profile) {
        List<String> groups = groups(profile);
        // the second sms/send and the client's own retry meet "Too Many Attempts.": nothing of that chunk went out
        transport.arm("/sms/send", 2, () -> sim(profile).nextFault(Fault.THROTTLE, 2, "/sms/send"));

        Exchange result = campaign(profile, groups);

        assertThat(result.getException()).isNull();
        Map<String, Long> copies = copiesPerNumber(sim(profile));
        assertThat(copies).containsOnlyKeys(all()).allSatisfy((number, n) -> assertThat(n).isEqualTo(1L));
        SendResult body = result.getMessage().getBody(SendResult.class);
        assertThat(body.sent()).containsExactlyInAnyOrderElementsOf(all());
        assertThat(body.settled()).isTrue();
        // the redelivery reused the first attempt's audience: nine list calls in all, not eighteen
        assertThat(calls(profile, "/all")).isEqualTo(9);
        // 100, then the refused 20 and the retry, then the 20 again
        assertThat(calls(profile, "/sms/send")).isEqualTo(4);
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void anUncertainSecondChunkIsNeverSentAgain(Profile profile) {
        List<String> groups = groups(profile);
        // the second chunk goes out and its answer is lost
        transport.arm("/sms/send", 2, () -> sim(profile).nextFault(Fault.DROP_AFTER, 1, "/sms/send"));

        Exchange result = campaign(profile, groups);

        assertThat(copiesPerNumber(sim(profile))).containsOnlyKeys(all()).allSatisfy((number, n) -> assertThat(n).isEqualTo(1L));
        assertThat(result.getException()).isInstanceOf(AmpenetPartialSendException.class)
                .hasCauseInstanceOf(AmpenetUnknownOutcomeException.class);
        SendResult accounting = ((AmpenetException) result.getException()).getSendResult();
        assertThat(accounting.sent()).containsExactlyElementsOf(all().subList(0, 100));
        assertThat(accounting.uncertain()).containsExactlyElementsOf(all().subList(100, DISTINCT));
        assertThat(accounting.unsent()).isEmpty();
        assertThat(result.getMessage().getHeader(AmpenetConstants.UNCERTAIN_RECIPIENTS, List.class)).hasSize(20);
        assertThat(result.getMessage().getHeader(AmpenetConstants.CAMPAIGN_PATH)).isEqualTo("MERGED_SEND");
        assertThat(calls(profile, "/sms/send")).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aFailureWhileListingSendsNothingAndTheRedeliveryListsAgain(Profile profile) {
        List<String> groups = groups(profile);
        // the second group's first page and the client's retry are throttled: the first group was listed, nothing sent
        transport.arm("/all", 4, () -> sim(profile).nextFault(Fault.THROTTLE, 2, "/contacts/" + groups.get(1)));

        Exchange result = campaign(profile, groups);

        assertThat(result.getException()).isNull();
        assertThat(copiesPerNumber(sim(profile))).containsOnlyKeys(all()).allSatisfy((number, n) -> assertThat(n).isEqualTo(1L));
        // three pages of the first group and the two throttled calls, then the nine pages of the redelivery
        assertThat(calls(profile, "/all")).isEqualTo(14);
        assertThat(calls(profile, "/sms/send")).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(value = Profile.class, names = { "V3_1", "V3_8" })
    void aContactAddedBetweenAttemptsDoesNotTurnTheRedeliveryIntoANewSend(Profile profile) {
        List<String> groups = groups(profile);
        transport.arm("/sms/send", 2, () -> sim(profile).nextFault(Fault.THROTTLE, 2, "/sms/send"));
        String late = "255714000000";
        beforeRedelivery = p -> template.requestBodyAndHeader(uri(p, "contacts/store", FAST), late, AmpenetConstants.GROUP_ID, groups.get(2));

        Exchange result = campaign(profile, groups);

        assertThat(result.getException()).isNull();
        // the redelivery finished the first attempt's audience: every number once, the late contact not at all
        assertThat(copiesPerNumber(sim(profile))).containsOnlyKeys(all()).allSatisfy((number, n) -> assertThat(n).isEqualTo(1L));
        assertThat(sim(profile).groups(TOKEN).stream().filter(g -> g.uid().equals(groups.get(2))).findFirst().orElseThrow()
                .hasPhone(late)).isTrue();
    }
}
