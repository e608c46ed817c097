package dev.camelampenet.ampenet;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.camelampenet.ampenet.error.AmpenetDuplicateException;
import dev.camelampenet.ampenet.error.AmpenetNotFoundException;
import dev.camelampenet.ampenet.error.AmpenetValidationException;
import dev.camelampenet.ampenet.model.ContactGroup;
import dev.camelampenet.ampenet.model.Page;
import dev.camelampenet.simulator.GroupSnapshot;
import dev.camelampenet.simulator.Profile;
import org.apache.camel.Exchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** groups/list, create, get, update, delete on every server generation, with the default configuration. */
class GroupOperationsTest extends AllProfilesTestSupport {

    private static final String UID = "[0-9a-f]{13}";

    @ParameterizedTest
    @EnumSource(Profile.class)
    void createThenGetReturnTheGroup(Profile profile) {
        ContactGroup created = newGroup(profile, "Customers");

        assertThat(created.uid()).matches(UID);
        assertThat(created.name()).isEqualTo("Customers");
        assertThat(sim(profile).groups(TOKEN)).extracting(GroupSnapshot::uid).containsExactly(created.uid());

        ContactGroup got = call(profile, "groups/get", null, Map.of(AmpenetConstants.GROUP_ID, created.uid()), ContactGroup.class);
        assertThat(got).isEqualTo(created);
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void theGroupIdOptionServesWhenNoHeaderIsSet(Profile profile) {
        ContactGroup created = newGroup(profile, "Staff");

        ContactGroup got = call(profile, "groups/get", null, Map.of(), ContactGroup.class, "groupId=" + created.uid());

        assertThat(got).isEqualTo(created);
    }

    @ParameterizedTest
    @EnumSource(value = Profile.class, names = { "V3_8", "V3_13" })
    void updateRenamesTheGroup(Profile profile) {
        ContactGroup created = newGroup(profile, "Old name");

        ContactGroup renamed = call(profile, "groups/update", "New name", Map.of(AmpenetConstants.GROUP_ID, created.uid()),
                ContactGroup.class);

        assertThat(renamed).isEqualTo(new ContactGroup(created.uid(), "New name"));
        assertThat(sim(profile).groups(TOKEN)).extracting(GroupSnapshot::name).containsExactly("New name");
    }

    /**
     * v3.1 also requires a sending_server on rename (docs/ampenet-api.md §6.3, Q21), the id of a sending server of the
     * customer's plan that only the web app shows: the component cannot supply it, so the rename fails, and says why.
     */
    @ParameterizedTest
    @EnumSource(value = Profile.class, names = "V3_1")
    void updateOnV31FailsClearlyForWantOfASendingServer(Profile profile) {
        ContactGroup created = newGroup(profile, "Old name");

        AmpenetValidationException error = failure(profile, "groups/update", "New name",
                Map.of(AmpenetConstants.GROUP_ID, created.uid()), AmpenetValidationException.class);

        assertThat(error.getApiMessage()).isEqualTo("The sending server field is required.");
        assertThat(sim(profile).groups(TOKEN)).extracting(GroupSnapshot::name).containsExactly("Old name");
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void deleteRemovesTheGroupAndLeavesNoBody(Profile profile) {
        ContactGroup keep = newGroup(profile, "Keep");
        ContactGroup drop = newGroup(profile, "Drop");

        Exchange result = exchange(profile, "groups/delete", "ignored", Map.of(AmpenetConstants.GROUP_ID, drop.uid()));

        assertThat(result.getException()).isNull();
        assertThat(result.getMessage().getBody()).isNull();
        assertThat(sim(profile).groups(TOKEN)).extracting(GroupSnapshot::uid).containsExactly(keep.uid());
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void listReturnsEveryPageByDefaultAndOnePageOnRequest(Profile profile) {
        List<String> names = IntStream.rangeClosed(1, 60).mapToObj(i -> String.format("Group %02d", i)).collect(Collectors.toList());
        for (String name : names) {
            call(profile, "groups/create", name, Map.of(), ContactGroup.class, FAST);
        }

        List<?> all = call(profile, "groups/list", null, Map.of(), List.class);

        assertThat(all).hasSize(60).allMatch(g -> g instanceof ContactGroup);
        assertThat(all).extracting(g -> ((ContactGroup) g).name()).containsExactlyInAnyOrderElementsOf(names);
        assertThat(all).extracting(g -> ((ContactGroup) g).uid()).doesNotHaveDuplicates().allMatch(u -> u.matches(UID));

        Page<?> third = call(profile, "groups/list", null, Map.of(AmpenetConstants.PAGE, 3), Page.class);
        assertThat(third.page()).isEqualTo(3);
        assertThat(third.lastPage()).isEqualTo(3);
        assertThat(third.perPage()).isEqualTo(25);
        assertThat(third.total()).isEqualTo(60);
        assertThat(third.items()).hasSize(10).allMatch(g -> g instanceof ContactGroup);
        assertThat(third.hasNext()).isFalse();

        Page<?> first = call(profile, "groups/list", null, Map.of(AmpenetConstants.PAGE, "1"), Page.class);
        assertThat(first.items()).hasSize(25);
        assertThat(first.hasNext()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void listOfNoGroupsIsEmpty(Profile profile) {
        assertThat(call(profile, "groups/list", null, Map.of(), List.class)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aDuplicateNameIsADuplicateError(Profile profile) {
        newGroup(profile, "Twice");

        AmpenetDuplicateException error = failure(profile, "groups/create", "Twice", Map.of(), AmpenetDuplicateException.class);

        assertThat(error.getApiMessage()).isEqualTo("Twice already available as your contact group.");
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void anUnknownGroupIsNotFound(Profile profile) {
        AmpenetNotFoundException error = failure(profile, "groups/get", null, Map.of(AmpenetConstants.GROUP_ID, "000000000dead"),
                AmpenetNotFoundException.class);

        assertThat(error.getApiMessage()).contains("No query results for model").contains("000000000dead");
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aMissingNameOrABadPageFailsBeforeAnyCall(Profile profile) {
        Exchange noName = exchange(profile, "groups/create", " ", Map.of());
        Exchange badPage = exchange(profile, "groups/list", null, Map.of(AmpenetConstants.PAGE, 0));

        assertThat(noName.getException()).isInstanceOf(dev.camelampenet.ampenet.error.AmpenetValidationException.class)
                .hasMessage("Ampenet groups/create failed: the body: needs the group name; the body is blank");
        assertThat(badPage.getException()).isInstanceOf(dev.camelampenet.ampenet.error.AmpenetValidationException.class).hasMessageContaining("CamelAmpenetPage");
        assertThat(sim(profile).journal()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aMissingGroupIdFailsBeforeAnyCall(Profile profile) {
        Exchange result = exchange(profile, "groups/get", null, Map.of());

        assertThat(result.getException()).isInstanceOf(dev.camelampenet.ampenet.error.AmpenetValidationException.class)
                .hasMessageContaining("CamelAmpenetGroupId").hasMessageContaining("groupId");
        assertThat(sim(profile).journal()).isEmpty();
    }
}
