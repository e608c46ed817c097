package dev.camelampenet.ampenet;

import java.util.List;
import java.util.Map;

import dev.camelampenet.ampenet.model.Contact;
import dev.camelampenet.ampenet.model.ContactGroup;
import dev.camelampenet.simulator.GroupSnapshot;
import dev.camelampenet.simulator.Profile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * contacts/move, contacts/store to several groups and groups/delete with a target on every server generation (the
 * contact shapes differ: lower-case columns on v3.1, tags and custom fields from v3.8), with the default
 * configuration.
 */
class ContactMoveProfilesTest extends AllProfilesTestSupport {

    private static final String ASHA = "255712345678";

    private static GroupSnapshot inSim(Profile profile, String gid) {
        return sim(profile).groups(TOKEN).stream().filter(g -> g.uid().equals(gid)).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aContactMovesWithItsNames(Profile profile) {
        ContactGroup source = newGroup(profile, "Leads");
        ContactGroup target = newGroup(profile, "Customers");
        Contact asha = call(profile, "contacts/store", Contact.of(ASHA, "Asha", "Mushi"), Map.of(AmpenetConstants.GROUP_ID,
                source.uid()), Contact.class);

        Contact moved = call(profile, "contacts/move", null, Map.of(AmpenetConstants.GROUP_ID, source.uid(),
                AmpenetConstants.CONTACT_ID, asha.getUid(), AmpenetConstants.TARGET_GROUP_ID, target.uid()), Contact.class);

        assertThat(moved.getPhone()).isEqualTo(ASHA);
        assertThat(moved.getFirstName()).isEqualTo("Asha");
        assertThat(moved.getLastName()).isEqualTo("Mushi");
        assertThat(inSim(profile, source.uid()).contacts()).isEmpty();
        assertThat(inSim(profile, target.uid()).contacts()).singleElement().satisfies(c -> {
            assertThat(c.uid()).isEqualTo(moved.getUid());
            assertThat(c.fields()).containsEntry("FIRST_NAME", "Asha").containsEntry("LAST_NAME", "Mushi");
        });
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aContactGoesIntoSeveralGroupsAndAGroupIsDeletedIntoAnother(Profile profile) {
        ContactGroup a = newGroup(profile, "A");
        ContactGroup b = newGroup(profile, "B");

        List<?> stored = call(profile, "contacts/store", ASHA, Map.of(AmpenetConstants.GROUP_ID, List.of(a.uid(), b.uid())),
                List.class);
        call(profile, "contacts/store", "255754000111", Map.of(AmpenetConstants.GROUP_ID, a.uid()), Contact.class);

        assertThat(stored).hasSize(2);
        assertThat(inSim(profile, b.uid()).hasPhone(ASHA)).isTrue();

        call(profile, "groups/delete", null, Map.of(AmpenetConstants.GROUP_ID, a.uid(), AmpenetConstants.TARGET_GROUP_ID, b.uid()),
                Object.class);

        assertThat(sim(profile).groups(TOKEN)).extracting(GroupSnapshot::uid).containsExactly(b.uid());
        assertThat(inSim(profile, b.uid()).contacts()).extracting(GroupSnapshot.ContactSnapshot::phone)
                .containsExactlyInAnyOrder(ASHA, "255754000111");
    }
}
