package dev.camelampenet.simulator.api;

import dev.camelampenet.simulator.Profile;
import dev.camelampenet.simulator.http.ApiError;
import dev.camelampenet.simulator.http.ApiResponse;
import dev.camelampenet.simulator.http.Paginator;
import dev.camelampenet.simulator.http.Validation;
import dev.camelampenet.simulator.state.ContactGroup;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The contact group routes (docs/ampenet-api.md §6.3). Binding has no owner check: any tenant's group uid resolves
 * here.
 */
final class GroupEndpoints {

    private GroupEndpoints() {
    }

    static ApiResponse list(Call call) {
        call.requireAbility("view_contact_group");
        List<ContactGroup> groups = call.account.groups();
        int page = Paginator.currentPage(call.request);
        int from = Math.min(groups.size(), Paginator.offset(page));
        List<Map<String, Object>> rows = groups.subList(from, Math.min(groups.size(), from + Paginator.PER_PAGE))
                .stream().map(call.shapes::group).collect(Collectors.toList());
        return Call.success(null, Paginator.page(rows, groups.size(), page, call.url(),
                call.profile.previousLabel(), call.profile.nextLabel()));
    }

    static ApiResponse create(Call call) {
        call.authorize("create_contact_group");
        String name = call.request.inputString("name");
        new Validation().required("name", name).throwIfFailed();
        ContactGroup group = call.state.createGroup(call.account, name)
                .orElseThrow(() -> ApiError.handler(name + " already available as your contact group."));
        return Call.success("Contact group was successfully added", call.shapes.groupAfterSave(group));
    }

    static ApiResponse show(Call call) {
        call.requireAbility("view_contact_group");
        return Call.success(null, call.shapes.group(call.group));
    }

    static ApiResponse update(Call call) {
        call.authorize("update_contact_group");
        String name = call.request.inputString("name");
        Validation validation = new Validation().required("name", name);
        if (call.profile == Profile.V3_1) {
            validation.required("sending_server", call.request.input("sending_server"));
        }
        validation.throwIfFailed();
        if (!call.state.renameGroup(call.group, name)) {
            throw ApiError.handler(name + " already available as your contact group.");
        }
        return Call.success("Contact group was successfully updated", call.shapes.groupAfterSave(call.group));
    }

    static ApiResponse delete(Call call) {
        call.requireAbility("delete_contact_group");
        call.state.deleteGroup(call.group);
        return Call.success("Contact group was successfully deleted", null);
    }
}
