package dev.camelampenet.simulator.api;

import dev.camelampenet.simulator.Profile;
import dev.camelampenet.simulator.http.ApiRequest;
import dev.camelampenet.simulator.http.ApiResponse;
import dev.camelampenet.simulator.state.Account;
import dev.camelampenet.simulator.state.Campaign;
import dev.camelampenet.simulator.state.Contact;
import dev.camelampenet.simulator.state.ContactGroup;
import dev.camelampenet.simulator.state.SimulatorState;
import dev.camelampenet.simulator.state.SmsMessage;

import java.util.LinkedHashMap;
import java.util.Map;

/** One authenticated API call after route-model binding: what an endpoint needs to answer it. */
public final class Call {
    public final ApiRequest request;
    public final Account account;
    public final SimulatorState state;
    public final Profile profile;
    public final WireShapes shapes;
    ContactGroup group;
    Contact contact;
    SmsMessage message;
    Campaign campaign;

    Call(ApiRequest request, Account account, SimulatorState state, WireShapes shapes) {
        this.request = request;
        this.account = account;
        this.state = state;
        this.profile = state.profile();
        this.shapes = shapes;
    }

    /** A controller's ability check: 403 with the generic text when the token lacks it. */
    void requireAbility(String ability) {
        if (!account.can(ability)) {
            throw dev.camelampenet.simulator.http.ApiError.responder(403, "Sorry, but you do not have permissions to access this page.");
        }
    }

    /** A FormRequest's authorize(): false is an AuthorizationException, rendered as HTTP 200. */
    void authorize(String ability) {
        if (!account.can(ability)) {
            throw dev.camelampenet.simulator.http.ApiError.handler("This action is unauthorized.");
        }
    }

    /** The request URL without query string: Laravel's {@code $request->url()}, the paginator's path. */
    String url() {
        return request.origin + request.path;
    }

    /** {@code ApiResponser::success}: status, message, data, in that order. */
    static ApiResponse success(String message, Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "success");
        body.put("message", message);
        body.put("data", data);
        return ApiResponse.json(200, body);
    }
}
