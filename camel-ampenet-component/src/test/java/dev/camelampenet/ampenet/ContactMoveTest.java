package dev.camelampenet.ampenet;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.camelampenet.ampenet.error.AmpenetNotFoundException;
import dev.camelampenet.ampenet.error.AmpenetPartialMoveException;
import dev.camelampenet.ampenet.error.AmpenetRateLimitedException;
import dev.camelampenet.ampenet.error.AmpenetUnknownOutcomeException;
import dev.camelampenet.ampenet.error.AmpenetValidationException;
import dev.camelampenet.ampenet.model.Contact;
import dev.camelampenet.ampenet.model.ContactLocation;
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
 * contacts/move, counted from the simulator's groups and journal: the contact ends once in the target and gone from
 * the source, a failure between the calls says where it is, and the redelivery that follows finishes the move
 * without storing it twice.
 */
class ContactMoveTest extends OneRedeliveryRouteSupport {

    private static final String TOKEN = "9|contact-move-token-secret";
    private static final String ASHA = "255712345678";

    @RegisterExtension
    static AmpenetSimulatorExtension sim = AmpenetSimulatorExtension.with(b -> b.token(TOKEN));

    private static String uri(String operation) {
        // no client-side retry of a throttled call: a throttle armed for one request is a definite refusal
        return "ampenet:" + operation + "?apiToken=" + TOKEN + "&baseUrl=" + sim.baseUrl() + "&maxRetries=0&rateLimit=100000";
    }

    @Override
    protected String endpointUri(String operation) {
        return uri(operation);
    }

    ContactMoveTest() {
        super("contacts/move", "move");
    }

    private Contact store(String gid, Object contact) {
        return template.requestBodyAndHeader(uri("contacts/store"), contact, AmpenetConstants.GROUP_ID, gid, Contact.class);
    }

    private Exchange move(String endpoint, String source, String contactId, String target) {
        return template.request(endpoint, e -> {
            e.getMessage().setHeader(AmpenetConstants.GROUP_ID, source);
            e.getMessage().setHeader(AmpenetConstants.CONTACT_ID, contactId);
            e.getMessage().setHeader(AmpenetConstants.TARGET_GROUP_ID, target);
        });
    }

    private static GroupSnapshot inSim(String gid) {
        return sim.simulator().groups(TOKEN).stream().filter(g -> g.uid().equals(gid)).findFirst().orElseThrow();
    }

    /** The requests of one method whose path contains the piece, e.g. the stores into one group. */
    private static List<JournalEntry> requests(String method, String pathPart) {
        return sim.simulator().journal().stream().filter(j -> j.method().equals(method) && j.path().contains(pathPart)).toList();
    }

    private static String storesInto(String gid) {
        return "/contacts/" + gid + "/store";
    }

    @Test
    void aContactMovesWithItsFieldsInThreeCalls() {
        String source = group("Leads");
        String target = group("Customers");
        sim.simulator().defineField(source, "EMAIL", false);
        sim.simulator().defineField(target, "EMAIL", false);
        Contact asha = store(source, Contact.of(ASHA, "Asha", "Mushi").withCustomField("EMAIL", "asha@example.com"));
        sim.simulator().clearJournal();

        Exchange result = move("direct:moveOnce", source, asha.getUid(), target);

        assertThat(result.getException()).isNull();
        Contact moved = result.getMessage().getBody(Contact.class);
        assertThat(inSim(source).contacts()).isEmpty();
        assertThat(inSim(target).contacts()).singleElement().satisfies(c -> {
            assertThat(c.uid()).isEqualTo(moved.getUid()).isNotEqualTo(asha.getUid());
            assertThat(c.phone()).isEqualTo(ASHA);
            assertThat(c.fields()).containsEntry("FIRST_NAME", "Asha").containsEntry("LAST_NAME", "Mushi")
                    .containsEntry("EMAIL", "asha@example.com");
        });
        assertThat(sim.simulator().journal()).extracting(JournalEntry::method).containsExactly("POST", "POST", "DELETE");
    }

    @Test
    void theTargetGroupIdOptionWorksAsTheHeaderDoes() {
        String source = group("Leads");
        String target = group("Customers");
        Contact asha = store(source, ASHA);

        Exchange result = template.request(uri("contacts/move") + "&groupId=" + source + "&targetGroupId=" + target,
                e -> e.getMessage().setHeader(AmpenetConstants.CONTACT_ID, asha.getUid()));

        assertThat(result.getException()).isNull();
        assertThat(inSim(source).contacts()).isEmpty();
        assertThat(inSim(target).hasPhone(ASHA)).isTrue();
    }

    @Test
    void aStoreTheTargetRefusesLeavesTheContactOnlyInTheSource() {
        String source = group("Leads");
        String target = group("Customers");
        sim.simulator().defineField(target, "COMPANY", true); // the target requires a field the contact lacks
        Contact asha = store(source, ASHA);

        Exchange result = move("direct:moveOnce", source, asha.getUid(), target);

        assertThat(result.getException()).isInstanceOf(AmpenetPartialMoveException.class)
                .hasCauseInstanceOf(AmpenetValidationException.class).hasMessageContaining("only in the source");
        AmpenetPartialMoveException failure = (AmpenetPartialMoveException) result.getException();
        assertThat(failure.getLocation()).isEqualTo(ContactLocation.ONLY_SOURCE);
        assertThat(failure.getContactId()).isEqualTo(asha.getUid());
        assertThat(failure.getOperation()).isEqualTo("contacts/move");
        Secrets.assertNoToken(failure, TOKEN);
        assertThat(inSim(source).contacts()).singleElement().satisfies(c -> assertThat(c.uid()).isEqualTo(asha.getUid()));
        assertThat(inSim(target).contacts()).isEmpty();
        assertThat(requests("DELETE", "/contacts/")).isEmpty();
    }

    @Test
    void aRefusedDeleteLeavesItInBothGroupsAndTheRedeliveryFinishesTheMove() {
        String source = group("Leads");
        String target = group("Customers");
        Contact asha = store(source, Contact.of(ASHA, "Asha", null));
        sim.simulator().nextFault(Fault.THROTTLE, 1, "/contacts/" + source + "/delete");
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        AtomicReference<List<Integer>> sizesBetween = new AtomicReference<>();
        beforeRedelivery = e -> {
            firstFailure.set(e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
            sizesBetween.set(List.of(inSim(source).size(), inSim(target).size()));
        };

        Exchange result = move("direct:move", source, asha.getUid(), target);

        assertThat(firstFailure.get()).isInstanceOf(AmpenetPartialMoveException.class)
                .hasCauseInstanceOf(AmpenetRateLimitedException.class);
        assertThat(((AmpenetPartialMoveException) firstFailure.get()).getLocation()).isEqualTo(ContactLocation.IN_BOTH);
        assertThat(sizesBetween.get()).as("source, target between the attempts").containsExactly(1, 1);
        // the redelivery finished it: once in the target, gone from the source, stored once
        assertThat(result.getException()).isNull();
        assertThat(inSim(source).contacts()).isEmpty();
        assertThat(inSim(target).contacts()).singleElement().satisfies(c -> {
            assertThat(c.phone()).isEqualTo(ASHA);
            assertThat(c.uid()).isEqualTo(result.getMessage().getBody(Contact.class).getUid());
        });
        List<JournalEntry> stores = requests("POST", storesInto(target));
        assertThat(stores).hasSize(2);
        assertThat(stores.get(1).isError()).as("the second store is answered 'already taken'").isTrue();
    }

    @Test
    void aLostDeleteAnswerIsUnknownAndTheRedeliveryFindsTheContactInTheTarget() {
        String source = group("Leads");
        String target = group("Customers");
        Contact asha = store(source, ASHA);
        sim.simulator().nextFault(Fault.DROP_AFTER, 1, "/contacts/" + source + "/delete");
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        beforeRedelivery = e -> firstFailure.set(e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));

        Exchange result = move("direct:move", source, asha.getUid(), target);

        assertThat(firstFailure.get()).isInstanceOf(AmpenetPartialMoveException.class)
                .hasCauseInstanceOf(AmpenetUnknownOutcomeException.class);
        assertThat(((AmpenetPartialMoveException) firstFailure.get()).getLocation()).isEqualTo(ContactLocation.UNKNOWN);
        assertThat(result.getException()).isNull();
        assertThat(inSim(source).contacts()).isEmpty();
        assertThat(inSim(target).contacts()).singleElement()
                .satisfies(c -> assertThat(c.uid()).isEqualTo(result.getMessage().getBody(Contact.class).getUid()));
        // the redelivery's read found the source empty and asked the target: no second store
        assertThat(requests("POST", storesInto(target))).hasSize(1);
    }

    @Test
    void aLostStoreAnswerIsUnknownAndTheRedeliveryDoesNotStoreTwice() {
        String source = group("Leads");
        String target = group("Customers");
        Contact asha = store(source, ASHA);
        sim.simulator().nextFault(Fault.DROP_AFTER, 1, storesInto(target));
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        AtomicReference<List<Integer>> sizesBetween = new AtomicReference<>();
        beforeRedelivery = e -> {
            firstFailure.set(e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
            sizesBetween.set(List.of(inSim(source).size(), inSim(target).size()));
        };

        Exchange result = move("direct:move", source, asha.getUid(), target);

        assertThat(((AmpenetPartialMoveException) firstFailure.get()).getLocation()).isEqualTo(ContactLocation.UNKNOWN);
        assertThat(sizesBetween.get()).as("the store went through, its answer was lost").containsExactly(1, 1);
        assertThat(result.getException()).isNull();
        assertThat(inSim(source).contacts()).isEmpty();
        // the duplicate answer has no contact: the body is the target's contact, found by its phone
        assertThat(inSim(target).contacts()).singleElement()
                .satisfies(c -> assertThat(c.uid()).isEqualTo(result.getMessage().getBody(Contact.class).getUid()));
        List<JournalEntry> stores = requests("POST", storesInto(target));
        assertThat(stores).hasSize(2);
        assertThat(stores.get(0).fault()).isEqualTo("drop-after"); // carried out, its answer lost
        assertThat(stores.get(1).responseBody()).contains("already"); // the duplicate answer
    }

    @Test
    void aPhoneAlreadyInTheTargetCountsAsStored() {
        String source = group("Leads");
        String target = group("Customers");
        Contact inSource = store(source, Contact.of(ASHA, "Asha", null));
        Contact already = store(target, Contact.of(ASHA, "Asha M.", null));

        Exchange result = move("direct:moveOnce", source, inSource.getUid(), target);

        assertThat(result.getException()).isNull();
        assertThat(result.getMessage().getBody(Contact.class).getUid()).isEqualTo(already.getUid());
        assertThat(inSim(source).contacts()).isEmpty();
        assertThat(inSim(target).contacts()).singleElement().satisfies(c -> assertThat(c.uid()).isEqualTo(already.getUid()));
    }

    @Test
    void aContactNotInTheSourceIsNotFoundAndNothingIsStored() {
        String source = group("Leads");
        String target = group("Customers");
        Contact elsewhere = store(target, ASHA);

        Exchange result = move("direct:move", source, elsewhere.getUid(), target);

        assertThat(result.getException()).isInstanceOf(AmpenetNotFoundException.class);
        assertThat(requests("POST", storesInto(target))).hasSize(1); // the seeding store only
        assertThat(inSim(target).contacts()).hasSize(1);
    }

    @Test
    void aSourceNameThatIsTheTargetIsRefusedBeforeAnyWrite() {
        String target = group("Customers");
        Contact asha = store(target, ASHA);
        sim.simulator().clearJournal();

        Exchange result = template.request("direct:moveOnce", e -> {
            e.getMessage().setHeader(AmpenetConstants.GROUP_NAME, "customers");
            e.getMessage().setHeader(AmpenetConstants.CONTACT_ID, asha.getUid());
            e.getMessage().setHeader(AmpenetConstants.TARGET_GROUP_ID, target);
        });

        assertThat(result.getException()).isInstanceOf(AmpenetValidationException.class)
                .hasMessageContaining(AmpenetConstants.TARGET_GROUP_ID).hasMessageContaining("source group itself");
        // the name had to be looked up (groups/list), nothing else was asked
        assertThat(sim.simulator().journal()).allSatisfy(j -> assertThat(j.method()).isEqualTo("GET"));
        assertThat(inSim(target).contacts()).hasSize(1);
    }

    @Test
    void theMoveBodyMayBeAnythingItIsNotRead() {
        String source = group("Leads");
        String target = group("Customers");
        Contact asha = store(source, ASHA);

        Exchange result = template.request("direct:moveOnce", e -> {
            e.getMessage().setBody(Map.of("ignored", true));
            e.getMessage().setHeader(AmpenetConstants.GROUP_ID, source);
            e.getMessage().setHeader(AmpenetConstants.CONTACT_ID, asha.getUid());
            e.getMessage().setHeader(AmpenetConstants.TARGET_GROUP_ID, List.of(target));
        });

        assertThat(result.getException()).isNull();
        assertThat(inSim(target).hasPhone(ASHA)).isTrue();
    }
}
