package dev.camelampenet.ampenet;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import dev.camelampenet.ampenet.error.AmpenetPartialStoreException;
import dev.camelampenet.ampenet.error.AmpenetRateLimitedException;
import dev.camelampenet.ampenet.error.AmpenetUnknownOutcomeException;
import dev.camelampenet.ampenet.model.Contact;
import dev.camelampenet.ampenet.model.ContactStoreResult;
import dev.camelampenet.ampenet.support.Secrets;
import dev.camelampenet.simulator.Fault;
import dev.camelampenet.simulator.GroupSnapshot;
import dev.camelampenet.simulator.JournalEntry;
import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * contacts/store with several groups, counted from the simulator's groups and journal: one store per group in the
 * order given, a failure in the middle reported per group, and the redelivery that follows stores the rest without
 * storing any group's contact twice.
 */
class MultiGroupStoreTest extends OneRedeliveryRouteSupport {

    private static final String TOKEN = "9|multi-store-token-secret";
    private static final String ASHA = "255712345678";

    @RegisterExtension
    static AmpenetSimulatorExtension sim = AmpenetSimulatorExtension.with(b -> b.token(TOKEN));

    private static String uri(String operation) {
        return "ampenet:" + operation + "?apiToken=" + TOKEN + "&baseUrl=" + sim.baseUrl() + "&maxRetries=0&rateLimit=100000";
    }

    @Override
    protected String endpointUri(String operation) {
        return uri(operation);
    }

    MultiGroupStoreTest() {
        super("contacts/store", "store");
    }

    private Exchange store(String endpoint, Object contact, String header, Object groups) {
        return template.request(endpoint, e -> {
            e.getMessage().setBody(contact);
            e.getMessage().setHeader(header, groups);
        });
    }

    private static GroupSnapshot inSim(String gid) {
        return sim.simulator().groups(TOKEN).stream().filter(g -> g.uid().equals(gid)).findFirst().orElseThrow();
    }

    private static List<String> storeOrder() {
        return sim.simulator().journal().stream().filter(j -> j.path().endsWith("/store")).map(JournalEntry::path)
                .map(p -> p.replaceAll(".*/contacts/([^/]+)/store", "$1")).toList();
    }

    @Test
    void oneStorePerGroupInTheOrderGivenAndTheBodyIsTheListOfContacts() {
        String a = group("A");
        String b = group("B");
        String c = group("C");

        Exchange result = store("direct:storeOnce", Contact.of(ASHA, "Asha", null), AmpenetConstants.GROUP_ID, c + "," + a + "," + b);

        assertThat(result.getException()).isNull();
        List<?> body = result.getMessage().getBody(List.class);
        assertThat(storeOrder()).containsExactly(c, a, b);
        assertThat(body).hasSize(3);
        List<String> groups = List.of(c, a, b);
        for (int i = 0; i < 3; i++) {
            Contact stored = (Contact) body.get(i);
            assertThat(inSim(groups.get(i)).contacts()).singleElement().satisfies(s -> {
                assertThat(s.uid()).isEqualTo(stored.getUid());
                assertThat(s.phone()).isEqualTo(ASHA);
                assertThat(s.fields()).containsEntry("FIRST_NAME", "Asha");
            });
        }
    }

    @Test
    void groupNamesAndACollectionWorkToo() {
        String a = group("Customers");
        String b = group("Suppliers");

        Exchange byName = store("direct:storeOnce", ASHA, AmpenetConstants.GROUP_NAME, List.of("Suppliers", "customers"));
        Exchange byIds = store("direct:storeOnce", "255754000111", AmpenetConstants.GROUP_ID, List.of(a, b));

        assertThat(byName.getException()).isNull();
        assertThat(byIds.getException()).isNull();
        assertThat(inSim(a).contacts()).extracting(GroupSnapshot.ContactSnapshot::phone).containsExactly(ASHA, "255754000111");
        assertThat(inSim(b).contacts()).extracting(GroupSnapshot.ContactSnapshot::phone).containsExactly(ASHA, "255754000111");
        assertThat(byName.getMessage().getBody(List.class)).hasSize(2);
    }

    @Test
    void oneGroupKeepsTheSingleContactBody() {
        String a = group("A");

        Exchange result = store("direct:storeOnce", ASHA, AmpenetConstants.GROUP_ID, a);

        assertThat(result.getMessage().getBody()).isInstanceOf(Contact.class);
    }

    @Test
    void aFailureInTheMiddleSaysWhichGroupsHoldTheContact() {
        String a = group("A");
        String b = group("B");
        String c = group("C");
        sim.simulator().nextFault(Fault.THROTTLE, 1, "/contacts/" + b + "/store");

        Exchange result = store("direct:storeOnce", ASHA, AmpenetConstants.GROUP_ID, List.of(a, b, c));

        assertThat(result.getException()).isInstanceOf(AmpenetPartialStoreException.class)
                .hasCauseInstanceOf(AmpenetRateLimitedException.class).hasMessageContaining("1 stored (" + a + ")");
        ContactStoreResult accounting = ((AmpenetPartialStoreException) result.getException()).getStoreResult();
        assertThat(accounting.stored()).containsExactly(a);
        assertThat(accounting.notStored()).containsExactly(b, c);
        assertThat(accounting.uncertain()).isEmpty();
        Secrets.assertNoToken(result.getException(), TOKEN);
        // counted on the other side
        assertThat(inSim(a).hasPhone(ASHA)).isTrue();
        assertThat(inSim(b).contacts()).isEmpty();
        assertThat(inSim(c).contacts()).isEmpty();
        assertThat(storeOrder()).containsExactly(a, b);
    }

    @Test
    void anUncertainStoreInTheMiddleAndTheRedeliveryThatFinishesWithoutStoringTwice() {
        String a = group("A");
        String b = group("B");
        String c = group("C");
        sim.simulator().nextFault(Fault.DROP_AFTER, 1, "/contacts/" + b + "/store");
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        AtomicReference<List<Integer>> sizesBetween = new AtomicReference<>();
        beforeRedelivery = e -> {
            firstFailure.set(e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
            sizesBetween.set(List.of(inSim(a).size(), inSim(b).size(), inSim(c).size()));
        };

        Exchange result = store("direct:store", ASHA, AmpenetConstants.GROUP_ID, a + "," + b + "," + c);

        assertThat(firstFailure.get()).isInstanceOf(AmpenetPartialStoreException.class)
                .hasCauseInstanceOf(AmpenetUnknownOutcomeException.class);
        ContactStoreResult first = ((AmpenetPartialStoreException) firstFailure.get()).getStoreResult();
        assertThat(first.stored()).containsExactly(a);
        assertThat(first.uncertain()).containsExactly(b);
        assertThat(first.notStored()).containsExactly(c);
        assertThat(sizesBetween.get()).as("a stored, b stored with its answer lost, c not yet").containsExactly(1, 1, 0);

        assertThat(result.getException()).isNull();
        // the redelivery skipped a, met b's "already taken" (counted as stored), stored c: once in each group
        assertThat(storeOrder()).containsExactly(a, b, b, c);
        for (String gid : List.of(a, b, c)) {
            assertThat(inSim(gid).contacts()).as(gid).singleElement().satisfies(s -> assertThat(s.phone()).isEqualTo(ASHA));
        }
        List<?> body = result.getMessage().getBody(List.class);
        assertThat(body).hasSize(3);
        assertThat(((Contact) body.get(0)).getUid()).isEqualTo(inSim(a).contacts().get(0).uid());
        assertThat(((Contact) body.get(1)).getUid()).as("b's uid was in the lost answer").isNull();
        assertThat(((Contact) body.get(1)).getPhone()).isEqualTo(ASHA);
        assertThat(((Contact) body.get(2)).getUid()).isEqualTo(inSim(c).contacts().get(0).uid());
    }

    @Test
    void aGroupThatAlreadyHoldsThePhoneCountsAsStored() {
        String a = group("A");
        String b = group("B");
        String earlier = template.requestBodyAndHeader(uri("contacts/store"), ASHA, AmpenetConstants.GROUP_ID, a, Contact.class).getUid();

        Exchange result = store("direct:storeOnce", ASHA, AmpenetConstants.GROUP_ID, List.of(a, b));

        assertThat(result.getException()).isNull();
        assertThat(inSim(a).contacts()).singleElement().satisfies(s -> assertThat(s.uid()).isEqualTo(earlier));
        assertThat(inSim(b).hasPhone(ASHA)).isTrue();
    }
}
