package dev.camelampenet.ampenet;

import java.util.List;
import java.util.Map;

import dev.camelampenet.ampenet.error.AmpenetNotFoundException;
import dev.camelampenet.ampenet.error.AmpenetValidationException;
import dev.camelampenet.ampenet.model.Contact;
import dev.camelampenet.ampenet.model.ContactGroup;
import dev.camelampenet.simulator.JournalEntry;
import dev.camelampenet.simulator.OutboxMessage;
import dev.camelampenet.simulator.junit.AmpenetSimulatorExtension;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Group names instead of uids: the groupName option and the CamelAmpenetGroupName header, resolved with groups/list
 * once per endpoint, and forgotten when a group is renamed or deleted through the component. Also the
 * CamelAmpenetOperation header, which lets one endpoint serve several operations of its resource.
 */
class GroupNameTest extends CamelTestSupport {

    private static final String TOKEN = "7|group-name-token-secret";

    @RegisterExtension
    static AmpenetSimulatorExtension sim = AmpenetSimulatorExtension.with(b -> b.token(TOKEN));

    private static String uri(String operation, String options) {
        return "ampenet:" + operation + "?apiToken=" + TOKEN + "&baseUrl=" + sim.baseUrl() + options;
    }

    private ContactGroup create(String name) {
        return template.requestBody(uri("groups/create", ""), name, ContactGroup.class);
    }

    private static long groupListings() {
        return sim.simulator().journal().stream().filter(j -> j.method().equals("GET") && j.path().endsWith("/contacts")).count();
    }

    @Test
    void aNameInTheOptionOrTheHeaderWorksWhereAUidDoes() {
        ContactGroup customers = create("Customers");
        create("VIP");

        Contact stored = template.requestBody(uri("contacts/store", "&groupName=customers"), "255712345678", Contact.class);
        template.requestBodyAndHeader(uri("contacts/store", ""), "255754000111", AmpenetConstants.GROUP_NAME, "VIP");
        template.requestBody(uri("contacts/store", "&groupName=customers"), "255765000333"); // names match ignoring case

        assertThat(stored.getPhone()).isEqualTo("255712345678");
        assertThat(sim.simulator().group(TOKEN, "Customers").contacts()).hasSize(2);
        assertThat(sim.simulator().group(TOKEN, "VIP").contacts()).hasSize(1);
        // one listing per endpoint: the option's endpoint listed once for its two stores, the header's once
        assertThat(groupListings()).isEqualTo(2);
        assertThat(sim.simulator().journal().stream().filter(j -> j.path().contains("/" + customers.uid() + "/store"))).hasSize(2);
    }

    @Test
    void aCampaignToSeveralGroupsByName() {
        create("Customers");
        create("VIP");
        template.requestBodyAndHeader(uri("contacts/store", ""), "255712345678", AmpenetConstants.GROUP_NAME, "Customers");
        template.requestBodyAndHeader(uri("contacts/store", ""), "255754000111", AmpenetConstants.GROUP_NAME, "VIP");

        Exchange result = template.request(uri("sms/campaign", ""), e -> {
            e.getMessage().setBody("Karibu");
            e.getMessage().setHeader(AmpenetConstants.GROUP_NAME, List.of("Customers", "VIP"));
        });

        assertThat(result.getException()).isNull();
        assertThat(sim.simulator().outbox()).extracting(OutboxMessage::to).containsExactlyInAnyOrder("255712345678", "255754000111");
    }

    @Test
    void aUidHeaderWinsOverANameAndAnUnknownNameFailsClearly() {
        ContactGroup customers = create("Customers");
        create("VIP");

        template.requestBodyAndHeaders(uri("contacts/store", ""), "255712345678",
                Map.of(AmpenetConstants.GROUP_ID, customers.uid(), AmpenetConstants.GROUP_NAME, "VIP"));
        Exchange unknown = template.request(uri("contacts/store", ""), e -> {
            e.getMessage().setBody("255754000111");
            e.getMessage().setHeader(AmpenetConstants.GROUP_NAME, "Suppliers");
        });

        assertThat(sim.simulator().group(TOKEN, "Customers").contacts()).hasSize(1);
        assertThat(sim.simulator().group(TOKEN, "VIP").contacts()).isEmpty();
        assertThat(unknown.getException()).isInstanceOf(AmpenetNotFoundException.class)
                .hasMessageContaining("contacts/store").hasMessageContaining("'Suppliers'");
        assertThat(sim.simulator().journal().stream().filter(j -> j.path().endsWith("/store"))).hasSize(1);
    }

    @Test
    void twoGroupsWithTheSameNameAreRefusedNotGuessed() {
        create("Customers");
        // the API refuses a second "Customers"; another spelling is its own group that only differs in case
        create("CUSTOMERS");

        Exchange result = template.request(uri("contacts/store", "&groupName=customers"), e -> e.getMessage().setBody("255712345678"));

        assertThat(result.getException()).isInstanceOf(AmpenetValidationException.class)
                .hasMessageContaining(AmpenetConstants.GROUP_NAME).hasMessageContaining("use the uid");
        assertThat(sim.simulator().journal().stream().filter(j -> j.path().endsWith("/store"))).isEmpty();
    }

    @Test
    void aRenameThroughTheComponentClearsEveryEndpointsNames() {
        ContactGroup group = create("Customers");
        String byName = uri("contacts/list", "&groupName=Customers");
        template.requestBody(byName, null, List.class);
        long before = groupListings();

        template.requestBodyAndHeader(uri("groups/update", ""), "Clients", AmpenetConstants.GROUP_ID, group.uid());
        Exchange stale = template.request(byName, e -> { });
        Exchange renamed = template.request(uri("contacts/list", "&groupName=Clients"), e -> { });

        // the old name is looked up afresh, not served from the cache
        assertThat(stale.getException()).isInstanceOf(AmpenetNotFoundException.class);
        assertThat(renamed.getException()).isNull();
        assertThat(groupListings()).isEqualTo(before + 2);
    }

    @Test
    void theOperationHeaderOverridesTheUrisOperationWithinItsResource() {
        Exchange created = template.request(uri("groups/list", ""), e -> {
            e.getMessage().setHeader(AmpenetConstants.OPERATION, "create");
            e.getMessage().setBody("Customers");
        });

        assertThat(created.getException()).isNull();
        assertThat(created.getMessage().getBody()).isInstanceOf(ContactGroup.class);
        List<JournalEntry> journal = sim.simulator().journal();
        assertThat(journal).singleElement().satisfies(j -> assertThat(j.method()).isEqualTo("POST"));
    }

    @Test
    void aNameWithACommaGoesInACollectionAndADeletedGroupIsLookedUpAgain() {
        ContactGroup smithJones = create("Smith, Jones");
        String byName = uri("contacts/list", "");
        Exchange listed = template.request(byName, e -> e.getMessage().setHeader(AmpenetConstants.GROUP_NAME, List.of("Smith, Jones")));
        assertThat(listed.getException()).isNull();

        // deleted outside this endpoint (the web app), and made again under the same name: a new uid
        sim.simulator().reset();
        ContactGroup again = create("Smith, Jones");
        Exchange stale = template.request(byName, e -> e.getMessage().setHeader(AmpenetConstants.GROUP_NAME, List.of("Smith, Jones")));
        Exchange fresh = template.request(byName, e -> e.getMessage().setHeader(AmpenetConstants.GROUP_NAME, List.of("Smith, Jones")));

        assertThat(again.uid()).isNotEqualTo(smithJones.uid());
        assertThat(stale.getException()).as("the cached uid is gone").isInstanceOf(AmpenetNotFoundException.class);
        assertThat(fresh.getException()).as("looked up again after the not-found").isNull();
        assertThat(sim.simulator().journal().stream().filter(j -> j.path().contains("/" + again.uid() + "/"))).hasSize(1);
    }
}
