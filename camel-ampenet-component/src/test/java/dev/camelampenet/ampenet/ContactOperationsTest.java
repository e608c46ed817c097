package dev.camelampenet.ampenet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.camelampenet.ampenet.error.AmpenetDuplicateException;
import dev.camelampenet.ampenet.error.AmpenetException;
import dev.camelampenet.ampenet.error.AmpenetNotFoundException;
import dev.camelampenet.ampenet.error.AmpenetValidationException;
import dev.camelampenet.ampenet.model.Contact;
import dev.camelampenet.ampenet.model.ContactGroup;
import dev.camelampenet.ampenet.model.ContactStatus;
import dev.camelampenet.ampenet.model.Page;
import dev.camelampenet.simulator.GroupSnapshot;
import dev.camelampenet.simulator.GroupSnapshot.ContactSnapshot;
import dev.camelampenet.simulator.Profile;
import dev.camelampenet.simulator.ServerBug;
import org.apache.camel.Exchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * contacts/store, get, update, delete, list on every server generation, with the default configuration: the
 * default contactFieldStyle (AUTO) sends PHONE/FIRST_NAME and phone/first_name, so each generation finds its own.
 */
class ContactOperationsTest extends AllProfilesTestSupport {

    private static final String UID = "[0-9a-f]{13}";

    @ParameterizedTest
    @EnumSource(Profile.class)
    void storeTakesTheContactPojo(Profile profile) {
        ContactGroup group = newGroup(profile, "Customers");

        Contact stored = store(profile, group, Contact.of("+255 712 345 678", "Asha", "Mushi"));

        assertThat(stored.getUid()).matches(UID);
        assertThat(stored.getPhone()).isEqualTo("255712345678");
        assertThat(stored.getFirstName()).isEqualTo("Asha");
        assertThat(stored.getLastName()).isEqualTo("Mushi");
        assertThat(stored.getStatus()).isEqualTo(ContactStatus.SUBSCRIBED);
        ContactSnapshot saved = onlyContact(profile, group);
        assertThat(saved.uid()).isEqualTo(stored.getUid());
        assertThat(saved.phone()).isEqualTo("255712345678");
        assertThat(saved.fields()).containsEntry("FIRST_NAME", "Asha").containsEntry("LAST_NAME", "Mushi");
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void storeTakesAMapWithAnyKeySpellingAndCustomFields(Profile profile) {
        ContactGroup group = newGroup(profile, "Members");
        sim(profile).defineField(group.uid(), "EMAIL", false);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("phone", "255754000111");
        body.put("firstName", "Juma");
        body.put("last_name", "Hamisi");
        body.put("EMAIL", "juma@example.com");

        Contact stored = store(profile, group, body);

        assertThat(stored.getPhone()).isEqualTo("255754000111");
        assertThat(stored.getFirstName()).isEqualTo("Juma");
        assertThat(stored.getLastName()).isEqualTo("Hamisi");
        if (profile == Profile.V3_1) {
            // custom fields arrived with v3.8: a v3.1 server keeps only the three fixed columns
            assertThat(stored.getCustomFields()).isEmpty();
        } else {
            assertThat(stored.getCustomFields()).containsExactly(Map.entry("EMAIL", "juma@example.com"));
            assertThat(onlyContact(profile, group).fields()).containsEntry("EMAIL", "juma@example.com");
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void storeTakesTheMapFormOfFirstNameToo(Profile profile) {
        ContactGroup group = newGroup(profile, "Members");

        Contact stored = store(profile, group, Map.of("phone", "255754000112", "first_name", "Neema"));

        assertThat(stored.getFirstName()).isEqualTo("Neema");
        assertThat(stored.getLastName()).isNull();
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void localNumbersAreReadWithTheDefaultRegion(Profile profile) {
        ContactGroup group = newGroup(profile, "Local");

        Contact stored = call(profile, "contacts/store", Map.of("phone", "0712 345 678", "firstName", "Asha"),
                Map.of(AmpenetConstants.GROUP_ID, group.uid()), Contact.class, "defaultRegion=TZ");

        assertThat(stored.getPhone()).isEqualTo("255712345678");
        assertThat(onlyContact(profile, group).phone()).isEqualTo("255712345678");
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aLocalNumberWithoutDefaultRegionIsRefusedBeforeAnyCall(Profile profile) {
        ContactGroup group = newGroup(profile, "Local");
        sim(profile).clearJournal();

        AmpenetValidationException error = failure(profile, "contacts/store", Map.of("phone", "0712 345 678"),
                Map.of(AmpenetConstants.GROUP_ID, group.uid()), AmpenetValidationException.class);

        assertThat(error.getMessage()).contains("0712 345 678").contains("defaultRegion");
        assertThat(sim(profile).journal()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aContactWithoutPhoneIsRefusedBeforeAnyCall(Profile profile) {
        ContactGroup group = newGroup(profile, "Members");
        sim(profile).clearJournal();

        AmpenetValidationException error = failure(profile, "contacts/store", Map.of("firstName", "Nobody"),
                Map.of(AmpenetConstants.GROUP_ID, group.uid()), AmpenetValidationException.class);

        assertThat(error.getMessage()).contains("needs a phone number");
        assertThat(sim(profile).journal()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void getReturnsTheStoredContact(Profile profile) {
        ContactGroup group = newGroup(profile, "Customers");
        Contact stored = store(profile, group, Contact.of("255712345678", "Asha", "Mushi"));

        Contact got = call(profile, "contacts/get", null, ids(group, stored), Contact.class);

        assertThat(got.getUid()).isEqualTo(stored.getUid());
        assertThat(got.getPhone()).isEqualTo("255712345678");
        assertThat(got.getFirstName()).isEqualTo("Asha");
        assertThat(got.getLastName()).isEqualTo("Mushi");
        assertThat(got.getStatus()).isEqualTo(ContactStatus.SUBSCRIBED);
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void updateChangesTheContact(Profile profile) {
        ContactGroup group = newGroup(profile, "Customers");
        Contact stored = store(profile, group, Contact.of("255712345678", "Asha", "Mushi"));

        Contact updated = call(profile, "contacts/update", Contact.of("255712345679", "Asha", "Juma"), ids(group, stored),
                Contact.class);

        assertThat(updated.getUid()).isEqualTo(stored.getUid());
        assertThat(updated.getPhone()).isEqualTo("255712345679");
        assertThat(updated.getLastName()).isEqualTo("Juma");
        ContactSnapshot saved = onlyContact(profile, group);
        assertThat(saved.phone()).isEqualTo("255712345679");
        assertThat(saved.fields()).containsEntry("LAST_NAME", "Juma");
    }

    /** The usual update: a new name, the same phone (which the server re-validates as unique in the group). */
    @ParameterizedTest
    @EnumSource(Profile.class)
    void updateKeepingThePhoneChangesTheName(Profile profile) {
        ContactGroup group = newGroup(profile, "Customers");
        Contact stored = store(profile, group, Contact.of("255712345678", "Asha", "Mushi"));

        Contact updated = call(profile, "contacts/update", Map.of("phone", "+255 712 345 678", "firstName", "Amina"),
                ids(group, stored), Contact.class);

        assertThat(updated.getPhone()).isEqualTo("255712345678");
        assertThat(updated.getFirstName()).isEqualTo("Amina");
        assertThat(onlyContact(profile, group).fields()).containsEntry("FIRST_NAME", "Amina");
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void deleteRemovesTheContactAndLeavesNoBody(Profile profile) {
        ContactGroup group = newGroup(profile, "Customers");
        Contact stored = store(profile, group, Contact.of("255712345678", "Asha", null));

        Exchange result = exchange(profile, "contacts/delete", "ignored", ids(group, stored));

        assertThat(result.getException()).isNull();
        assertThat(result.getMessage().getBody()).isNull();
        assertThat(sim(profile).groups(TOKEN).get(0).contacts()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void listReturnsEveryPageByDefaultAndOnePageOnRequest(Profile profile) {
        ContactGroup group = call(profile, "groups/create", "Sixty", Map.of(), ContactGroup.class, FAST);
        List<String> phones = IntStream.range(0, 60).mapToObj(i -> String.format("2557120000%02d", i)).collect(Collectors.toList());
        for (String phone : phones) {
            call(profile, "contacts/store", Contact.of(phone, "Name" + phone.substring(10), null),
                    Map.of(AmpenetConstants.GROUP_ID, group.uid()), Contact.class, FAST);
        }

        List<?> all = call(profile, "contacts/list", null, Map.of(AmpenetConstants.GROUP_ID, group.uid()), List.class);

        assertThat(all).hasSize(60).allMatch(c -> c instanceof Contact);
        assertThat(all).extracting(c -> ((Contact) c).getPhone()).containsExactlyInAnyOrderElementsOf(phones);
        assertThat(all).extracting(c -> ((Contact) c).getFirstName()).allMatch(n -> n.startsWith("Name"));

        Page<?> second = call(profile, "contacts/list", null, Map.of(AmpenetConstants.GROUP_ID, group.uid(), AmpenetConstants.PAGE, 2),
                Page.class);
        assertThat(second.page()).isEqualTo(2);
        assertThat(second.lastPage()).isEqualTo(3);
        assertThat(second.total()).isEqualTo(60);
        assertThat(second.items()).hasSize(25).allMatch(c -> c instanceof Contact);
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void listOfAnEmptyGroupIsEmpty(Profile profile) {
        ContactGroup group = newGroup(profile, "Empty");

        assertThat(call(profile, "contacts/list", null, Map.of(AmpenetConstants.GROUP_ID, group.uid()), List.class)).isEmpty();
    }

    /**
     * docs/ampenet-api.md §6.4 and Q13: v3.8/v3.13 servers that still select dropped columns answer an SQL error in the
     * body.
     */
    @ParameterizedTest
    @EnumSource(value = Profile.class, names = { "V3_8", "V3_13" })
    void theServersContactListSqlErrorSurfacesWithItsText(Profile profile) {
        ContactGroup group = newGroup(profile, "Broken");
        store(profile, group, Contact.of("255712345678", "Asha", null));
        sim(profile).setBug(ServerBug.CONTACT_LIST_SQL_ERROR, true);

        AmpenetException all = failure(profile, "contacts/list", null, Map.of(AmpenetConstants.GROUP_ID, group.uid()),
                AmpenetException.class);
        AmpenetException onePage = failure(profile, "contacts/list", null,
                Map.of(AmpenetConstants.GROUP_ID, group.uid(), AmpenetConstants.PAGE, 1), AmpenetException.class);

        for (AmpenetException error : List.of(all, onePage)) {
            assertThat(error.getApiMessage()).startsWith("SQLSTATE[42S22]: Column not found: 1054 Unknown column 'first_name'");
            assertThat(error.getMessage()).contains("SQLSTATE[42S22]");
            assertThat(error.getHttpResponseCode()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aDuplicatePhoneInTheGroupIsADuplicateError(Profile profile) {
        ContactGroup group = newGroup(profile, "Customers");
        store(profile, group, Contact.of("255712345678", "Asha", null));

        AmpenetDuplicateException error = failure(profile, "contacts/store", Contact.of("+255712345678", "Again", null),
                Map.of(AmpenetConstants.GROUP_ID, group.uid()), AmpenetDuplicateException.class);

        assertThat(error.getApiMessage()).isNotBlank();
        assertThat(onlyContact(profile, group).fields()).containsEntry("FIRST_NAME", "Asha");
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aContactOfAnotherGroupIsNotFound(Profile profile) {
        ContactGroup one = newGroup(profile, "One");
        ContactGroup other = newGroup(profile, "Other");
        Contact stored = store(profile, one, Contact.of("255712345678", "Asha", null));

        AmpenetNotFoundException error = failure(profile, "contacts/get", null, ids(other, stored), AmpenetNotFoundException.class);

        assertThat(error.getApiMessage()).isEqualTo("Sorry, but the page you were trying to view does not exist.");
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aMissingContactIdFailsBeforeAnyCall(Profile profile) {
        ContactGroup group = newGroup(profile, "Customers");
        sim(profile).clearJournal();

        Exchange result = exchange(profile, "contacts/get", null, Map.of(AmpenetConstants.GROUP_ID, group.uid()));

        assertThat(result.getException()).isInstanceOf(dev.camelampenet.ampenet.error.AmpenetValidationException.class).hasMessageContaining("CamelAmpenetContactId");
        assertThat(sim(profile).journal()).isEmpty();
    }

    private Contact store(Profile profile, ContactGroup group, Object body) {
        return call(profile, "contacts/store", body, Map.of(AmpenetConstants.GROUP_ID, group.uid()), Contact.class);
    }

    private static Map<String, Object> ids(ContactGroup group, Contact contact) {
        return Map.of(AmpenetConstants.GROUP_ID, group.uid(), AmpenetConstants.CONTACT_ID, contact.getUid());
    }

    private static ContactSnapshot onlyContact(Profile profile, ContactGroup group) {
        GroupSnapshot snapshot = sim(profile).groups(TOKEN).stream().filter(g -> g.uid().equals(group.uid())).findFirst().orElseThrow();
        assertThat(snapshot.contacts()).hasSize(1);
        return snapshot.contacts().get(0);
    }
}
