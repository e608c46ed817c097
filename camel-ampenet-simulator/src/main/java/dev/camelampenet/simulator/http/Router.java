package dev.camelampenet.simulator.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Laravel-style routing for paths under {@code /api/v3}: the first route (in registration order) whose template and
 * method match wins; a path that matches only with other methods is a "method not supported" error naming them.
 */
public final class Router<H> {

    /**
     * {@code Illuminate\Routing\Router::$verbs}. checkForAlternateVerbs() walks this list, so the "Supported methods"
     * of the error come in this order, not in the order the routes were registered.
     */
    static final List<String> LARAVEL_VERBS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    /** A registered route: methods, a template such as {@code contacts/{group_id}/show}, and its handler. */
    public static final class Route<H> {
        public final List<String> methods;
        public final String template;
        public final H handler;
        private final String[] segments;

        Route(List<String> methods, String template, H handler) {
            this.methods = methods;
            this.template = template;
            this.handler = handler;
            this.segments = template.split("/");
        }

        Map<String, String> match(String[] path) {
            if (path.length != segments.length) {
                return null;
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 0; i < segments.length; i++) {
                String s = segments[i];
                if (s.startsWith("{") && s.endsWith("}")) {
                    if (path[i].isEmpty()) {
                        return null;
                    }
                    params.put(s.substring(1, s.length() - 1), path[i]);
                } else if (!s.equals(path[i])) {
                    return null;
                }
            }
            return params;
        }
    }

    /** The outcome of matching: a route and its parameters, or the methods the path would accept. */
    public static final class Match<H> {
        public final Route<H> route;
        public final Map<String, String> params;
        public final Set<String> allowedMethods;

        Match(Route<H> route, Map<String, String> params, Set<String> allowedMethods) {
            this.route = route;
            this.params = params;
            this.allowedMethods = allowedMethods;
        }

        public boolean found() {
            return route != null;
        }

        public boolean methodNotAllowed() {
            return route == null && !allowedMethods.isEmpty();
        }
    }

    private final List<Route<H>> routes = new ArrayList<>();

    /** Registers a route; GET routes answer HEAD too, as Laravel's do. */
    public Router<H> add(String methods, String template, H handler) {
        List<String> list = new ArrayList<>(List.of(methods.split(",")));
        if (list.contains("GET")) {
            list.add("HEAD");
        }
        routes.add(new Route<>(List.copyOf(list), template, handler));
        return this;
    }

    public List<Route<H>> routes() {
        return List.copyOf(routes);
    }

    /** Matches a path relative to the API prefix, without leading or trailing slash. */
    public Match<H> match(String method, String relativePath) {
        String[] path = relativePath.split("/", -1);
        Set<String> others = new LinkedHashSet<>();
        for (Route<H> route : routes) {
            Map<String, String> params = route.match(path);
            if (params == null) {
                continue;
            }
            if (route.methods.contains(method)) {
                return new Match<>(route, params, Set.of());
            }
            others.addAll(route.methods);
        }
        Set<String> ordered = new LinkedHashSet<>();
        LARAVEL_VERBS.stream().filter(others::contains).forEach(ordered::add);
        ordered.addAll(others); // a verb Laravel does not know cannot be registered there; kept last, just in case
        return new Match<>(null, Map.of(), ordered);
    }
}
