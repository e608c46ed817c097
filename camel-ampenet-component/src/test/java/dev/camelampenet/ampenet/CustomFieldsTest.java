package dev.camelampenet.ampenet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.camelampenet.ampenet.error.AmpenetValidationException;
import dev.camelampenet.ampenet.model.Contact;
import dev.camelampenet.ampenet.model.ContactGroup;
import dev.camelampenet.simulator.GroupSnapshot;
import dev.camelampenet.simulator.Profile;
import org.apache.camel.Exchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Custom fields set by tag from a Map, a Contact or any POJO, counted in what the simulator stored; tags the group
 * does not define are passed on, dropped by the server, and named in CamelAmpenetIgnoredFields.
 */
class CustomFieldsTest extends AllProfilesTestSupport {

    private static final String PHONE = "255712345678";

    /** A group that defines COMPANY and CUSTOM_1 besides the default PHONE, FIRST_NAME and LAST_NAME. */
    private ContactGroup groupWithFields(Profile profile) {
        ContactGroup group = newGroup(profile, "Customers");
        sim(profile).defineField(group.uid(), "COMPANY", false);
        sim(profile).defineField(group.uid(), "CUSTOM_1", false);
        return group;
    }

    private static GroupSnapshot.ContactSnapshot stored(Profile profile, String groupUid, String phone) {
        return sim(profile).groups(TOKEN).stream().filter(g -> g.uid().equals(groupUid)).findFirst().orElseThrow()
                .contacts().stream().filter(c -> c.phone().equals(phone)).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(value = Profile.class, names = { "V3_8", "V3_13" })
    void aMapSetsTheGroupsFieldsByTagWhateverTheCase(Profile profile) {
        ContactGroup group = groupWithFields(profile);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("PHONE", PHONE);
        body.put("First Name", "Asha");
        body.put("company", "Acme");
        body.put("custom_1", "gold");

        Exchange result = exchange(profile, "contacts/store", body, Map.of(AmpenetConstants.GROUP_ID, group.uid()));

        assertThat(result.getException()).isNull();
        assertThat(stored(profile, group.uid(), PHONE).fields()).containsEntry("COMPANY", "Acme").containsEntry("CUSTOM_1", "gold")
                .containsEntry("FIRST_NAME", "Asha");
        Contact answer = result.getMessage().getBody(Contact.class);
        assertThat(answer.getFirstName()).isEqualTo("Asha");
        assertThat(answer.getCustomFields()).containsEntry("COMPANY", "Acme").containsEntry("CUSTOM_1", "gold");
        assertThat(result.getMessage().getHeader(AmpenetConstants.IGNORED_FIELDS, List.class)).isEmpty();
    }

    /** Any POJO through Jackson: its properties are read as a Map's keys would be. */
    record Customer(String phone, String lastName, String company, Map<String, String> customFields) {
    }

    @ParameterizedTest
    @EnumSource(value = Profile.class, names = { "V3_8", "V3_13" })
    void aPojoAndAContactSetCustomFieldsToo(Profile profile) {
        ContactGroup group = groupWithFields(profile);

        call(profile, "contacts/store", new Customer("+255 712 345 678", "Mushi", "Acme", Map.of("custom_1", "silver")),
                Map.of(AmpenetConstants.GROUP_ID, group.uid()), Contact.class);
        call(profile, "contacts/store", new Contact("255754000111").withCustomField("company", "Kilimo Ltd"),
                Map.of(AmpenetConstants.GROUP_ID, group.uid()), Contact.class);

        assertThat(stored(profile, group.uid(), PHONE).fields()).containsEntry("LAST_NAME", "Mushi")
                .containsEntry("COMPANY", "Acme").containsEntry("CUSTOM_1", "silver");
        assertThat(stored(profile, group.uid(), "255754000111").fields()).containsEntry("COMPANY", "Kilimo Ltd");
    }

    @ParameterizedTest
    @EnumSource(value = Profile.class, names = { "V3_8", "V3_13" })
    void contactsReadBackExposeTheirCustomFields(Profile profile) {
        ContactGroup group = groupWithFields(profile);
        Contact created = call(profile, "contacts/store", Map.of("phone", PHONE, "COMPANY", "Acme"),
                Map.of(AmpenetConstants.GROUP_ID, group.uid()), Contact.class);
        call(profile, "contacts/update", Map.of("phone", PHONE, "COMPANY", "Acme", "CUSTOM_1", "platinum"),
                Map.of(AmpenetConstants.GROUP_ID, group.uid(), AmpenetConstants.CONTACT_ID, created.getUid()), Contact.class);

        Contact got = call(profile, "contacts/get", null, Map.of(AmpenetConstants.GROUP_ID, group.uid(),
                AmpenetConstants.CONTACT_ID, created.getUid()), Contact.class);
        List<?> listed = call(profile, "contacts/list", null, Map.of(AmpenetConstants.GROUP_ID, group.uid()), List.class);

        assertThat(stored(profile, group.uid(), PHONE).fields()).containsEntry("CUSTOM_1", "platinum");
        assertThat(got.getCustomFields()).containsEntry("COMPANY", "Acme").containsEntry("CUSTOM_1", "platinum");
        assertThat(((Contact) listed.get(0)).getCustomFields()).containsEntry("COMPANY", "Acme").containsEntry("CUSTOM_1", "platinum");
    }

    /** The server drops a tag its group does not define; the contact is stored and the header names the tag. */
    @ParameterizedTest
    @EnumSource(value = Profile.class, names = { "V3_8", "V3_13" })
    void aTagTheGroupDoesNotDefineIsStoredWithoutAndNamed(Profile profile) {
        ContactGroup group = groupWithFields(profile);

        Exchange result = exchange(profile, "contacts/store", Map.of("PHONE", PHONE, "COMPANY", "Acme", "shoe size", "42"),
                Map.of(AmpenetConstants.GROUP_ID, group.uid()));

        assertThat(result.getException()).isNull();
        assertThat(stored(profile, group.uid(), PHONE).fields()).containsEntry("COMPANY", "Acme").doesNotContainKey("SHOE_SIZE");
        assertThat(result.getMessage().getHeader(AmpenetConstants.IGNORED_FIELDS, List.class)).containsExactly("SHOE_SIZE");
    }

    /** v3.1 keeps phone, first_name and last_name only: every custom field is named as ignored. */
    @ParameterizedTest
    @EnumSource(value = Profile.class, names = "V3_1")
    void v31KeepsNoCustomField(Profile profile) {
        ContactGroup group = newGroup(profile, "Customers");

        Exchange result = exchange(profile, "contacts/store", Map.of("phone", PHONE, "first_name", "Asha", "COMPANY", "Acme"),
                Map.of(AmpenetConstants.GROUP_ID, group.uid()));

        assertThat(result.getException()).isNull();
        assertThat(stored(profile, group.uid(), PHONE).fields()).containsEntry("FIRST_NAME", "Asha").doesNotContainKey("COMPANY");
        assertThat(result.getMessage().getHeader(AmpenetConstants.IGNORED_FIELDS, List.class)).containsExactly("COMPANY");
    }

    /** An object without properties cannot be a contact: refused before any call. */
    static final class Nothing {
    }

    @ParameterizedTest
    @EnumSource(value = Profile.class, names = "V3_8")
    void aPojoJacksonCannotReadIsRefusedBeforeAnyCall(Profile profile) {
        Exchange result = exchange(profile, "contacts/store", new Nothing(), Map.of(AmpenetConstants.GROUP_ID, "65fa99fa9d55e"));

        assertThat(result.getException()).isInstanceOf(AmpenetValidationException.class)
                .hasMessageContaining("cannot be read as a contact");
        assertThat(sim(profile).journal()).isEmpty();
    }
}
