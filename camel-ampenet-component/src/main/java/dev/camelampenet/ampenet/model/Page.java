package dev.camelampenet.ampenet.model;

import java.util.List;

/** One page of a list (the API pages at 25), when {@code CamelAmpenetPage} asks for a single page. */
public record Page<T>(List<T> items, int page, int lastPage, int perPage, int total) {

    public boolean hasNext() {
        return page < lastPage;
    }
}
