package dev.camelampenet.ampenet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import dev.camelampenet.ampenet.error.AmpenetPartialMoveException;
import dev.camelampenet.ampenet.error.AmpenetRateLimitedException;
import dev.camelampenet.ampenet.error.AmpenetUnknownOutcomeException;
import dev.camelampenet.ampenet.error.AmpenetValidationException;
import dev.camelampenet.ampenet.model.ContactLocation;
import dev.camelampenet.ampenet.support.FaultOnNthCall;
import dev.camelampenet.simulator.Fault;
import dev.camelampenet.simulator.GroupSnapshot;
import dev.camelampenet.simulator.JournalEntry;
import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import org.apache.camel.BindToRegistry;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * groups/delete with a target group, counted from the simulator: every contact of the group ends once in the target
 * before the group goes, and a delete cut in the middle is resumed by the redelivery with nothing stored twice and
 * nothing lost. Without a target the API's own behaviour stays: the contacts go with the group.
 */
class GroupDeleteMoveTest extends OneRedeliveryRouteSupport {

    private static final String TOKEN = "9|group-delete-move-token-secret";

    @RegisterExtension
    static AmpenetSimulatorExtension sim = AmpenetSimulatorExtension.with(b -> b.token(TOKEN));

    @BindToRegistry("faulty")
    private final FaultOnNthCall transport = new FaultOnNthCall();

    private static String uri(String operation) {
        return "ampenet:" + operation + "?apiToken=" + TOKEN + "&baseUrl=" + sim.baseUrl()
                + "&transport=#faulty&maxRetries=0&rateLimit=1000000";
    }

    @Override
    protected String endpointUri(String operation) {
        return uri(operation);
    }

    GroupDeleteMoveTest() {
        super("groups/delete", "delete");
    }

    /** A group with {@code count} contacts, phones 2557120000nn. */
    private List<String> fill(String gid, int count) {
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String phone = String.format("25571200%04d", i);
            template.requestBodyAndHeader(uri("contacts/store"), Map.of("phone", phone, "firstName", "N" + i),
                    AmpenetConstants.GROUP_ID, gid);
            phones.add(phone);
        }
        return phones;
    }

    private Exchange delete(String endpoint, String gid, String target) {
        return template.request(endpoint, e -> {
            e.getMessage().setHeader(AmpenetConstants.GROUP_ID, gid);
            if (target != null) {
                e.getMessage().setHeader(AmpenetConstants.TARGET_GROUP_ID, target);
            }
        });
    }

    private static boolean exists(String gid) {
        return sim.simulator().groups(TOKEN).stream().anyMatch(g -> g.uid().equals(gid));
    }

    private static GroupSnapshot inSim(String gid) {
        return sim.simulator().groups(TOKEN).stream().filter(g -> g.uid().equals(gid)).findFirst().orElseThrow();
    }

    /** Phone -> how many contacts of the group have it. */
    private static Map<String, Long> phonesIn(String gid) {
        return inSim(gid).contacts().stream().collect(Collectors.groupingBy(GroupSnapshot.ContactSnapshot::phone, Collectors.counting()));
    }

    private static long storesInto(String gid) {
        return sim.simulator().journal().stream().filter(j -> j.method().equals("POST") && j.path().endsWith("/contacts/" + gid + "/store")).count();
    }

    @Test
    void everyContactMovesOverSeveralPagesThenTheGroupIsDeleted() {
        String source = group("Leads");
        String target = group("Customers");
        List<String> phones = fill(source, 60); // three pages of 25
        template.requestBodyAndHeader(uri("contacts/store"), phones.get(7), AmpenetConstants.GROUP_ID, target); // already there
        template.requestBodyAndHeader(uri("contacts/store"), "255754000111", AmpenetConstants.GROUP_ID, target);
        sim.simulator().clearJournal();

        Exchange result = template.request(uri("groups/delete") + "&targetGroupId=" + target,
                e -> e.getMessage().setHeader(AmpenetConstants.GROUP_ID, source));

        assertThat(result.getException()).isNull();
        assertThat(exists(source)).isFalse();
        Map<String, Long> inTarget = phonesIn(target);
        assertThat(inTarget).hasSize(61).containsKey("255754000111").allSatisfy((phone, n) -> assertThat(n).isEqualTo(1L));
        assertThat(inTarget.keySet()).containsAll(phones);
        assertThat(inSim(target).contacts()).filteredOn(c -> c.phone().equals(phones.get(3)))
                .singleElement().satisfies(c -> assertThat(c.fields()).containsEntry("FIRST_NAME", "N3"));
        // 60 stores (one answered "already taken"), 60 deletes, 4 reads of the first page (the last one empty), 1 group delete
        assertThat(storesInto(target)).isEqualTo(60);
        assertThat(sim.simulator().journal()).filteredOn(j -> j.method().equals("DELETE")).hasSize(61);
        assertThat(sim.simulator().journal()).filteredOn(j -> j.path().endsWith("/all")).hasSize(4);
    }

    @Test
    void withoutATargetTheContactsGoWithTheGroupAsTheApiDoes() {
        String source = group("Leads");
        String other = group("Customers");
        fill(source, 3);

        Exchange result = delete("direct:deleteOnce", source, null);

        assertThat(result.getException()).isNull();
        assertThat(exists(source)).isFalse();
        assertThat(sim.simulator().groups(TOKEN)).extracting(GroupSnapshot::uid).containsExactly(other);
        assertThat(inSim(other).contacts()).isEmpty();
    }

    @Test
    void aDeleteCutAfterItsStoreIsResumedByTheRedeliveryWithNothingStoredTwice() {
        String source = group("Leads");
        String target = group("Customers");
        List<String> phones = fill(source, 30);
        // the 12th contact is stored in the target, then its delete from the source is refused
        transport.armAt("DELETE", "/contacts/" + source + "/delete/", 12, path -> sim.simulator().nextFault(Fault.THROTTLE, 1, path));
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        AtomicReference<List<Integer>> sizesBetween = new AtomicReference<>();
        beforeRedelivery = e -> {
            firstFailure.set(e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
            sizesBetween.set(List.of(inSim(source).size(), inSim(target).size()));
        };

        Exchange result = delete("direct:delete", source, target);

        assertThat(firstFailure.get()).isInstanceOf(AmpenetPartialMoveException.class)
                .hasCauseInstanceOf(AmpenetRateLimitedException.class);
        AmpenetPartialMoveException first = (AmpenetPartialMoveException) firstFailure.get();
        assertThat(first.getLocation()).isEqualTo(ContactLocation.IN_BOTH);
        assertThat(first.getContactsMoved()).isEqualTo(11);
        assertThat(first.getOperation()).isEqualTo("groups/delete");
        assertThat(sizesBetween.get()).as("source, target when the first attempt stopped").containsExactly(19, 12);

        assertThat(result.getException()).isNull();
        assertThat(exists(source)).isFalse();
        Map<String, Long> inTarget = phonesIn(target);
        assertThat(inTarget.keySet()).containsExactlyInAnyOrderElementsOf(phones);
        assertThat(inTarget).allSatisfy((phone, n) -> assertThat(n).isEqualTo(1L));
        // 30 stores, and one more for the 12th, answered "already taken"
        assertThat(storesInto(target)).isEqualTo(31);
    }

    @Test
    void aDeleteWhoseAnswerIsLostIsResumedByTheRedelivery() {
        String source = group("Leads");
        String target = group("Customers");
        List<String> phones = fill(source, 30);
        transport.armAt("DELETE", "/contacts/" + source + "/delete/", 12, path -> sim.simulator().nextFault(Fault.DROP_AFTER, 1, path));
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        AtomicReference<Boolean> groupBetween = new AtomicReference<>();
        beforeRedelivery = e -> {
            firstFailure.set(e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
            groupBetween.set(exists(source));
        };

        Exchange result = delete("direct:delete", source, target);

        assertThat(firstFailure.get()).isInstanceOf(AmpenetPartialMoveException.class)
                .hasCauseInstanceOf(AmpenetUnknownOutcomeException.class);
        assertThat(((AmpenetPartialMoveException) firstFailure.get()).getLocation()).isEqualTo(ContactLocation.UNKNOWN);
        assertThat(groupBetween.get()).as("the group is not deleted while contacts are left").isTrue();
        assertThat(result.getException()).isNull();
        assertThat(exists(source)).isFalse();
        assertThat(phonesIn(target).keySet()).containsExactlyInAnyOrderElementsOf(phones);
        assertThat(storesInto(target)).isEqualTo(30);
    }

    @Test
    void aGroupDeleteWhoseAnswerIsLostCompletesOnTheRedelivery() {
        String source = group("Leads");
        String target = group("Customers");
        List<String> phones = fill(source, 3);
        // the three contact deletes, then the group's own delete (the 4th DELETE under its path) is carried out and its answer lost
        transport.armAt("DELETE", "/contacts/" + source, 4, path -> sim.simulator().nextFault(Fault.DROP_AFTER, 1, path));
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        AtomicReference<Boolean> groupBetween = new AtomicReference<>();
        beforeRedelivery = e -> {
            firstFailure.set(e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
            groupBetween.set(exists(source));
        };

        Exchange result = delete("direct:delete", source, target);

        assertThat(firstFailure.get()).isInstanceOf(AmpenetUnknownOutcomeException.class);
        assertThat(groupBetween.get()).as("the group delete went through").isFalse();
        assertThat(result.getException()).isNull();
        assertThat(phonesIn(target).keySet()).containsExactlyInAnyOrderElementsOf(phones);
        assertThat(storesInto(target)).isEqualTo(3);
    }

    @Test
    void aStoreRefusedInTheMiddleKeepsTheGroupAndTheRestOfItsContacts() {
        String source = group("Leads");
        String target = group("Customers");
        fill(source, 5);
        transport.armAt("POST", "/contacts/" + target + "/store", 3, path -> sim.simulator().nextFault(Fault.THROTTLE, 1, path));

        Exchange result = delete("direct:deleteOnce", source, target);

        assertThat(result.getException()).isInstanceOf(AmpenetPartialMoveException.class);
        AmpenetPartialMoveException failure = (AmpenetPartialMoveException) result.getException();
        assertThat(failure.getLocation()).isEqualTo(ContactLocation.ONLY_SOURCE);
        assertThat(failure.getContactsMoved()).isEqualTo(2);
        assertThat(exists(source)).isTrue();
        assertThat(inSim(source).size()).isEqualTo(3);
        assertThat(inSim(target).size()).isEqualTo(2);
        assertThat(sim.simulator().journal()).filteredOn(j -> j.method().equals("DELETE") && j.path().endsWith("/contacts/" + source))
                .isEmpty();
    }

    @Test
    void aBlankTargetIsRefusedRatherThanDeletingTheContacts() {
        String source = group("Leads");
        fill(source, 2);
        sim.simulator().clearJournal();

        Exchange result = delete("direct:deleteOnce", source, " ");

        assertThat(result.getException()).isInstanceOf(AmpenetValidationException.class)
                .hasMessageContaining(AmpenetConstants.TARGET_GROUP_ID + ": is blank");
        assertThat(sim.simulator().journal()).extracting(JournalEntry::path).isEmpty();
        assertThat(inSim(source).size()).isEqualTo(2);
    }
}
