package dev.camelampenet.simulator.api;

import dev.camelampenet.simulator.HostKind;
import dev.camelampenet.simulator.Profile;
import dev.camelampenet.simulator.control.Faults;
import dev.camelampenet.simulator.http.ApiError;
import dev.camelampenet.simulator.http.ApiRequest;
import dev.camelampenet.simulator.http.ApiResponse;
import dev.camelampenet.simulator.http.HtmlPages;
import dev.camelampenet.simulator.http.Router;
import dev.camelampenet.simulator.state.Account;
import dev.camelampenet.simulator.state.SimulatorState;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The server's request pipeline for {@code /api/v3}, in the order that explains its quirks (docs/ampenet-api.md §4.3):
 * Apache's trailing-slash redirect, routing, Sanctum auth, route-model binding, throttle, then json.response, and
 * only then validation and the controller. Failures before json.response become HTML without a JSON Accept header.
 */
public final class ApiDispatcher {

    public static final String PREFIX = "/api/v3";

    private final SimulatorState state;
    private final Faults faults;
    private final WireShapes shapes;
    private final Router<Endpoint> router;

    public ApiDispatcher(SimulatorState state, Faults faults) {
        this.state = state;
        this.faults = faults;
        this.shapes = new WireShapes(state.profile());
        this.router = routes(state.profile());
    }

    /** routes/api.php of the profile's generation. */
    private static Router<Endpoint> routes(Profile profile) {
        Router<Endpoint> r = new Router<>();
        r.add("GET", "me", AccountEndpoints::me)
                .add("GET", "balance", AccountEndpoints::balance)
                .add("GET", "contacts", GroupEndpoints::list)
                .add("POST", "contacts", GroupEndpoints::create)
                .add("POST", "contacts/{group_id}/show", GroupEndpoints::show)
                .add("PUT,PATCH", "contacts/{group_id}", GroupEndpoints::update)
                .add("DELETE", "contacts/{group_id}", GroupEndpoints::delete)
                .add("POST", "contacts/{group_id}/store", ContactEndpoints::store)
                .add("POST", "contacts/{group_id}/search/{contact_uid}", ContactEndpoints::search)
                .add("PATCH", "contacts/{group_id}/update/{contact_uid}", ContactEndpoints::update)
                .add("DELETE", "contacts/{group_id}/delete/{contact_uid}", ContactEndpoints::delete)
                .add("POST", "contacts/{group_id}/all", ContactEndpoints::all);
        if (profile.hasCampaignRoutes()) {
            r.add("POST", "sms/campaign", CampaignEndpoints::create);
        }
        r.add("POST", "sms/send", SmsEndpoints::send)
                .add("GET", "sms/{sms_uid}", SmsEndpoints::view)
                .add("GET", "sms", SmsEndpoints::list);
        if (profile.hasCampaignRoutes()) {
            r.add("GET", "campaign/{campaign_uid}/view", CampaignEndpoints::view);
        }
        return r;
    }

    public List<Router.Route<Endpoint>> routes() {
        return router.routes();
    }

    public ApiResponse handle(ApiRequest request) {
        if (request.path.length() > 1 && request.path.endsWith("/")) {
            String target = request.path.replaceAll("/+$", "");
            if (state.hostKind() == HostKind.APACHE) {
                // public/.htaccess: RewriteRule ^(.*)/$ /$1 [L,R=301]
                return HtmlPages.movedPermanently(request.origin + target + (request.rawQuery == null ? "" : "?" + request.rawQuery));
            }
            // nginx never reads .htaccess; Laravel trims the slash when it matches routes and builds URLs
            request = request.withPath(target);
        }
        boolean jsonPhase = false;
        Map<String, String> rateHeaders = new LinkedHashMap<>();
        try {
            Router.Match<Endpoint> match = route(request);
            Account account = state.account(request.bearerToken())
                    .orElseThrow(() -> ApiError.beforeJsonMiddleware(401, "Unauthenticated."));
            Call call = new Call(request, account, state, shapes);
            bind(call, match.params);
            throttle(request, account, rateHeaders);
            jsonPhase = true;
            if (!account.apiAccess()) {
                throw ApiError.responder(403, "You do not have permission to access API");
            }
            return withHeaders(match.route.handler.handle(call), rateHeaders);
        } catch (ApiError error) {
            if (!jsonPhase && error.htmlStatus != 0 && !request.wantsJson()) {
                return HtmlPages.error(error.htmlStatus);
            }
            return withHeaders(errorResponse(error), rateHeaders);
        } catch (RuntimeException unexpected) {
            // Laravel's handler answers any uncaught exception with its message and HTTP 200. Print the stack so a
            // simulator bug is visible to whoever runs it.
            unexpected.printStackTrace();
            return withHeaders(errorResponse(ApiError.handler(String.valueOf(unexpected.getMessage()))), rateHeaders);
        }
    }

    private Router.Match<Endpoint> route(ApiRequest request) {
        String laravelPath = request.path.startsWith("/") ? request.path.substring(1) : request.path;
        if (!request.path.startsWith(PREFIX + "/")) {
            throw ApiError.beforeJsonMiddleware(404, "The route " + laravelPath + " could not be found.");
        }
        Router.Match<Endpoint> match = router.match(request.method, request.path.substring(PREFIX.length() + 1));
        if (match.methodNotAllowed()) {
            throw ApiError.beforeJsonMiddleware(404, "The " + request.method + " method is not supported for route "
                    + laravelPath + ". Supported methods: " + String.join(", ", match.allowedMethods) + ".");
        }
        if (!match.found()) {
            throw ApiError.beforeJsonMiddleware(404, "The route " + laravelPath + " could not be found.");
        }
        return match;
    }

    /** SubstituteBindings: a uid that matches no row is ModelNotFoundException, whoever owns the row. */
    private void bind(Call call, Map<String, String> params) {
        String groupId = params.get("group_id");
        if (groupId != null) {
            call.group = found(state.group(groupId), "ContactGroups", groupId);
        }
        String contactUid = params.get("contact_uid");
        if (contactUid != null) {
            call.contact = found(state.contact(contactUid), "Contacts", contactUid);
        }
        String smsUid = params.get("sms_uid");
        if (smsUid != null) {
            call.message = found(state.message(smsUid), "Reports", smsUid);
        }
        String campaignUid = params.get("campaign_uid");
        if (campaignUid != null) {
            call.campaign = found(state.campaign(campaignUid), "Campaigns", campaignUid);
        }
    }

    private static <T> T found(Optional<T> row, String model, String id) {
        return row.orElseThrow(() -> ApiError.beforeJsonMiddleware(500,
                "No query results for model [App\\Models\\" + model + "] " + id));
    }

    /** ThrottleRequests:api, keyed by user (from v3.8), plus the "throttle now" fault in any profile. */
    private void throttle(ApiRequest request, Account account, Map<String, String> headers) {
        if (faults.consumeForcedThrottle(request.path.substring(PREFIX.length()))) {
            throw ApiError.beforeJsonMiddleware(404, "Too Many Attempts.");
        }
        if (!state.profile().throttled()) {
            return;
        }
        int limit = state.rateLimitPerMinute();
        int remaining = account.rateLimiter().tryHit(limit);
        if (remaining < 0) {
            throw ApiError.beforeJsonMiddleware(404, "Too Many Attempts."); // Retry-After is lost by the handler
        }
        headers.put("X-RateLimit-Limit", String.valueOf(limit));
        headers.put("X-RateLimit-Remaining", String.valueOf(remaining));
    }

    private ApiResponse errorResponse(ApiError error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("message", error.getMessage());
        if (error.producer == ApiError.Producer.RESPONDER && state.profile().errorEnvelopeHasData()) {
            body.put("data", null);
        }
        return ApiResponse.json(error.status, body);
    }

    private static ApiResponse withHeaders(ApiResponse response, Map<String, String> headers) {
        headers.forEach(response::header);
        return response;
    }

    /** For tests and the console: the route templates this profile serves. */
    public List<String> routeTemplates() {
        Function<Router.Route<Endpoint>, String> describe = r -> String.join(",", r.methods) + " " + PREFIX + "/" + r.template;
        return router.routes().stream().map(describe).collect(java.util.stream.Collectors.toList());
    }
}
