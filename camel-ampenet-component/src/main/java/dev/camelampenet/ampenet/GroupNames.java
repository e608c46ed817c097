package dev.camelampenet.ampenet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import dev.camelampenet.ampenet.api.AmpenetOperation;
import dev.camelampenet.ampenet.error.AmpenetNotFoundException;
import dev.camelampenet.ampenet.error.AmpenetValidationException;
import dev.camelampenet.ampenet.model.ContactGroup;
import dev.camelampenet.ampenet.wire.WireMapper;

/**
 * Group names to uids, for the {@code groupName} option and the {@code CamelAmpenetGroupName} header. The API only
 * knows uids, so the endpoint reads groups/list (every page) once and keeps the names; a name it does not know sends
 * it to the list again (the group may be new). groups/update and groups/delete through the component change names,
 * so they move the component's generation on and every endpoint drops its names.
 */
final class GroupNames {

    private final AmpenetEndpoint endpoint;
    private volatile Map<String, List<String>> uidsByName = Map.of();
    private volatile long generation = -1;

    GroupNames(AmpenetEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** The uids of the selection, in its order: its uids as they are, its names looked up. */
    CompletableFuture<List<String>> uids(ExchangeInputs.GroupSelection selection, AmpenetOperation op) {
        if (selection.names().isEmpty()) {
            return CompletableFuture.completedFuture(selection.ids());
        }
        if (generation == endpoint.getComponent().groupsGeneration() && knowsAll(selection.names())) {
            return CompletableFuture.completedFuture(lookUp(selection.names(), op));
        }
        long startedAt = endpoint.getComponent().groupsGeneration();
        return Pages.all(endpoint.client(), AmpenetOperation.GROUPS_LIST, Map.of(), WireMapper::group).thenApply(groups -> {
            Map<String, List<String>> byName = new ConcurrentHashMap<>();
            for (ContactGroup g : groups) {
                if (g.name() != null) {
                    byName.computeIfAbsent(key(g.name()), k -> new ArrayList<>()).add(g.uid());
                }
            }
            uidsByName = byName;
            generation = startedAt;
            return lookUp(selection.names(), op);
        });
    }

    /**
     * Drops the names: a call answered "not found" may have used a uid whose group was deleted (in the web app, or by
     * another application), and the next call must look the name up again.
     */
    void forget() {
        generation = -1;
        uidsByName = Map.of();
    }

    private boolean knowsAll(List<String> names) {
        return names.stream().allMatch(n -> uidsByName.containsKey(key(n)));
    }

    private List<String> lookUp(List<String> names, AmpenetOperation op) {
        List<String> uids = new ArrayList<>();
        for (String name : names) {
            List<String> found = uidsByName.get(key(name));
            if (found == null) {
                throw new AmpenetNotFoundException(op.uri(), 0, "there is no contact group named '" + name + "'");
            }
            if (found.size() > 1) {
                throw new AmpenetValidationException(op.uri(), 0, AmpenetConstants.GROUP_NAME + ": " + found.size()
                        + " contact groups are named '" + name + "' (" + String.join(", ", found) + "); use the uid");
            }
            uids.add(found.get(0));
        }
        return uids;
    }

    /** Names are matched ignoring case and surrounding space, as people type them. */
    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
