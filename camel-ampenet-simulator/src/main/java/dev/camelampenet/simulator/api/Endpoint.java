package dev.camelampenet.simulator.api;

import dev.camelampenet.simulator.http.ApiResponse;

/** One API operation. Errors are thrown as {@link dev.camelampenet.simulator.http.ApiError}. */
@FunctionalInterface
interface Endpoint {
    ApiResponse handle(Call call);
}
