package io.agentpulse.security.policy;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * A service's declaration table: (method, path template) -> {@link Access}. Templates are the router's own
 * paths: literal segments, {@code :param} segments (one segment each) and a trailing {@code *} (any rest).
 * A request matches the first declaration of the most specific kind: literal templates, then templates with
 * parameters, then wildcards. Deny by default: a request no declaration matches is refused, and a wildcard
 * declared outside /api/ never matches a path under /api/ (the UI's catch-all cannot open the API).
 * {@link #check} refuses a router that mounts a route without a declaration.
 */
public final class RoutePolicy {
    /** A declaration; {@code method} null means any method. */
    public record Rule(HttpMethod method, String template, Access access) {
        boolean wildcard() {
            return template.endsWith("*");
        }

        int kind() {
            return wildcard() ? 2 : template.contains("/:") ? 1 : 0;
        }

        boolean matches(HttpMethod m, String path) {
            if (method != null && !method.equals(m) && !(method == HttpMethod.GET && m == HttpMethod.HEAD)) {
                return false;
            }
            if (wildcard()) {
                String prefix = template.substring(0, template.length() - 1);
                return path.startsWith(prefix) && (prefix.startsWith("/api/") || !path.startsWith("/api/"));
            }
            String[] want = template.split("/", -1);
            String[] got = path.split("/", -1);
            if (want.length != got.length) {
                return false;
            }
            for (int i = 0; i < want.length; i++) {
                boolean param = want[i].startsWith(":") && !got[i].isEmpty();
                if (!param && !want[i].equals(got[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Rule> rules;

    private RoutePolicy(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Rule> rules() {
        return rules;
    }

    /** The declaration a request falls under, or null (refuse it). */
    public Rule lookup(HttpMethod method, String path) {
        for (int kind = 0; kind <= 2; kind++) {
            for (Rule r : rules) {
                if (r.kind() == kind && r.matches(method, path)) {
                    return r;
                }
            }
        }
        return null;
    }

    /** The declaration of exactly this mounted (method, template), or null. */
    public Rule declared(HttpMethod method, String template) {
        for (Rule r : rules) {
            if (r.template().equals(template) && (r.method() == null ? method == null : r.method().equals(method))) {
                return r;
            }
        }
        return null;
    }

    /**
     * Fails when the router mounts a route this table does not declare. Routes named in {@code ignored}
     * (the security handler itself) are skipped; a route without a path that is not ignored is an error too,
     * because it would run for every request whatever the table says.
     */
    public void check(Router router, Set<String> ignored) {
        List<String> missing = new ArrayList<>();
        for (Route route : router.getRoutes()) {
            if (route.getName() != null && ignored.contains(route.getName())) {
                continue;
            }
            if (route.getPath() == null) {
                missing.add("a route without a path (" + (route.isRegexPath() ? "a regular expression" : "all paths") + ")");
                continue;
            }
            String template = template(route);
            Set<HttpMethod> methods = route.methods() == null ? Set.of() : route.methods();
            if (methods.isEmpty()) {
                if (declared(null, template) == null) {
                    missing.add("any method " + template);
                }
            } else {
                for (HttpMethod m : methods) {
                    if (declared(m, template) == null && declared(null, template) == null) {
                        missing.add(m.name() + " " + template);
                    }
                }
            }
        }
        if (!missing.isEmpty()) {
            Collections.sort(missing);
            throw new IllegalStateException("The server mounts routes that its route policy does not declare, so "
                    + "nobody could call them and the table no longer describes the server: " + String.join(", ", missing)
                    + ". Declare each one (method, path and who may call it) in the service's policy table.");
        }
    }

    /** The template a mounted route was declared with: its path, plus "*" when it matches any rest. */
    public static String template(Route route) {
        return route.isExactPath() ? route.getPath() : route.getPath() + "*";
    }

    public static final class Builder {
        private final List<Rule> rules = new ArrayList<>();

        public Builder add(HttpMethod method, String template, Access access) {
            rules.add(new Rule(method, template, access));
            return this;
        }

        public Builder get(String template, Access access) {
            return add(HttpMethod.GET, template, access);
        }

        public Builder post(String template, Access access) {
            return add(HttpMethod.POST, template, access);
        }

        public Builder put(String template, Access access) {
            return add(HttpMethod.PUT, template, access);
        }

        public Builder patch(String template, Access access) {
            return add(HttpMethod.PATCH, template, access);
        }

        public Builder delete(String template, Access access) {
            return add(HttpMethod.DELETE, template, access);
        }

        public RoutePolicy build() {
            return new RoutePolicy(rules);
        }
    }
}
