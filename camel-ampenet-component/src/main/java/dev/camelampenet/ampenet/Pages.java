package dev.camelampenet.ampenet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import dev.camelampenet.ampenet.api.AmpenetOperation;
import dev.camelampenet.ampenet.client.AmpenetClient;
import dev.camelampenet.ampenet.model.Page;
import dev.camelampenet.ampenet.wire.WireMapper;

/** List operations: one page when asked for, otherwise every page, one request at a time. */
final class Pages {

    private Pages() {
    }

    /** The body of a list operation: the one {@link Page} asked for, or the List of every item. */
    static <T> CompletableFuture<Object> list(AmpenetClient client, AmpenetOperation op, Map<String, String> params,
                                              Integer page, Function<JsonNode, T> item) {
        return page != null ? one(client, op, params, page, item).thenApply(p -> p) : all(client, op, params, item).thenApply(l -> l);
    }

    static <T> CompletableFuture<Page<T>> one(AmpenetClient client, AmpenetOperation op, Map<String, String> params,
                                              int page, Function<JsonNode, T> item) {
        return client.call(op, params, null, page).thenApply(reply -> WireMapper.page(reply.data(), item));
    }

    static <T> CompletableFuture<List<T>> all(AmpenetClient client, AmpenetOperation op, Map<String, String> params,
                                              Function<JsonNode, T> item) {
        List<T> items = new ArrayList<>();
        return collect(client, op, params, item, 1, items).thenApply(v -> items);
    }

    private static <T> CompletableFuture<Void> collect(AmpenetClient client, AmpenetOperation op, Map<String, String> params,
                                                     Function<JsonNode, T> item, int page, List<T> into) {
        return one(client, op, params, page, item).thenCompose(p -> {
            into.addAll(p.items());
            // the page count can grow while we read; stop on an empty page so a bad last_page cannot loop forever
            if (p.hasNext() && !p.items().isEmpty()) {
                return collect(client, op, params, item, page + 1, into);
            }
            return CompletableFuture.completedFuture(null);
        });
    }
}
