package dev.camelampenet.simulator.api;

import dev.camelampenet.simulator.http.ApiResponse;

/** GET /me and GET /balance (docs/ampenet-api.md §6.1, §6.2). */
final class AccountEndpoints {

    private AccountEndpoints() {
    }

    static ApiResponse me(Call call) {
        return Call.success(null, call.shapes.me(call.account));
    }

    static ApiResponse balance(Call call) {
        return Call.success(null, call.shapes.balance(call.account));
    }
}
