package io.tidings.admin;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import io.tidings.support.Json;
import io.tidings.support.RawHttp;
import io.tidings.support.ServiceTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks every /admin route in the router as each role and with each API key scope, and checks that
 * Micronaut Security lets it through or answers 403 exactly as {@link #RULES} says. A route without a
 * rule here fails the test.
 */
@MicronautTest(transactional = false)
class AdminRightsTest extends ServiceTest {

    private static final String OPEN = "anyone";
    private static final String SIGNED_IN = "signed in";
    /** The one rule table: the right each /admin route needs. */
    static final Map<String, String> RULES = Map.ofEntries(
            entry("GET /admin", Rights.STATS_READ),
            entry("GET /admin/stats", Rights.STATS_READ),
            entry("GET /admin/health", Rights.STATS_READ),
            entry("GET /admin/sign-in", OPEN),
            entry("POST /admin/sign-in", OPEN),
            entry("GET /admin/setup", OPEN),
            entry("POST /admin/setup", OPEN),
            entry("POST /admin/sign-out", SIGNED_IN),
            entry("POST /admin/sign-out-everywhere", SIGNED_IN),
            entry("GET /admin/subscribers", Rights.SUBSCRIBERS_READ),
            entry("GET /admin/subscribers/{id}", Rights.SUBSCRIBERS_READ),
            entry("GET /admin/subscribers/export", Rights.SUBSCRIBERS_READ),
            entry("POST /admin/subscribers/import", Rights.SUBSCRIBERS_WRITE),
            entry("DELETE /admin/subscribers/{id}", Rights.SUBSCRIBERS_WRITE),
            entry("POST /admin/subscribers/imports", Rights.SUBSCRIBERS_WRITE),
            entry("GET /admin/subscribers/imports/{id}", Rights.SUBSCRIBERS_READ),
            entry("GET /admin/subscribers/imports/{id}/rejected", Rights.SUBSCRIBERS_READ),
            entry("GET /admin/dashboard/imports", Rights.SUBSCRIBERS_WRITE),
            entry("GET /admin/bounces", Rights.SUBSCRIBERS_READ),
            entry("POST /admin/bounces/restore", Rights.SUBSCRIBERS_WRITE),
            entry("GET /admin/dashboard/bounces", Rights.SUBSCRIBERS_READ),
            entry("POST /admin/dashboard/bounces/restore", Rights.SUBSCRIBERS_WRITE),
            entry("GET /admin/articles", Rights.ARTICLES_READ),
            entry("POST /admin/articles", Rights.ARTICLES_WRITE),
            entry("POST /admin/articles/import", Rights.ARTICLES_WRITE),
            entry("GET /admin/feeds", Rights.ARTICLES_READ),
            entry("POST /admin/feeds/{name}/poll", Rights.ARTICLES_WRITE),
            entry("GET /admin/editions", Rights.EDITIONS_READ),
            entry("GET /admin/editions/{id}", Rights.EDITIONS_READ),
            entry("GET /admin/editions/preview", Rights.EDITIONS_READ),
            entry("POST /admin/editions", Rights.EDITIONS_SEND),
            entry("POST /admin/editions/{id}/pause", Rights.EDITIONS_SEND),
            entry("POST /admin/editions/{id}/resume", Rights.EDITIONS_SEND),
            entry("POST /admin/editions/{id}/cancel", Rights.EDITIONS_SEND),
            entry("POST /admin/editions/{id}/test", Rights.EDITIONS_SEND),
            entry("GET /admin/dashboard/editions", Rights.EDITIONS_READ),
            entry("POST /admin/dashboard/editions", Rights.EDITIONS_SEND),
            entry("POST /admin/dashboard/editions/{id}/pause", Rights.EDITIONS_SEND),
            entry("POST /admin/dashboard/editions/{id}/resume", Rights.EDITIONS_SEND),
            entry("POST /admin/dashboard/editions/{id}/cancel", Rights.EDITIONS_SEND),
            entry("POST /admin/dashboard/editions/{id}/test", Rights.EDITIONS_SEND),
            entry("GET /admin/dashboard/editions/{id}", Rights.EDITIONS_READ),
            entry("GET /admin/dashboard/editions/{id}/preview", Rights.EDITIONS_READ),
            entry("GET /admin/dashboard/readers", Rights.SUBSCRIBERS_READ),
            entry("GET /admin/dashboard/readers/{id}", Rights.SUBSCRIBERS_READ),
            entry("POST /admin/dashboard/readers/{id}/resend", Rights.SUBSCRIBERS_WRITE),
            entry("POST /admin/dashboard/readers/{id}/erase", Rights.SUBSCRIBERS_WRITE),
            entry("GET /admin/dashboard/articles", Rights.ARTICLES_READ),
            entry("GET /admin/dashboard/articles/{id}", Rights.ARTICLES_READ),
            entry("POST /admin/dashboard/articles/{id}", Rights.ARTICLES_WRITE),
            entry("POST /admin/dashboard/articles/{id}/digests", Rights.ARTICLES_WRITE),
            entry("GET /admin/dashboard/feeds", Rights.ARTICLES_READ),
            entry("POST /admin/dashboard/feeds", Rights.ARTICLES_WRITE),
            entry("POST /admin/dashboard/feeds/{name}", Rights.ARTICLES_WRITE),
            entry("POST /admin/dashboard/feeds/{name}/remove", Rights.ARTICLES_WRITE),
            entry("POST /admin/dashboard/feeds/{name}/poll", Rights.ARTICLES_WRITE),
            entry("GET /admin/audit", Rights.AUDIT_READ),
            entry("GET /admin/dashboard/audit", Rights.AUDIT_READ),
            entry("GET /admin/api-keys", Rights.OPERATORS_MANAGE),
            entry("POST /admin/api-keys", Rights.OPERATORS_MANAGE),
            entry("DELETE /admin/api-keys/{id}", Rights.OPERATORS_MANAGE),
            entry("GET /admin/operators", Rights.OPERATORS_MANAGE),
            entry("POST /admin/operators/invitations", Rights.OPERATORS_MANAGE),
            entry("DELETE /admin/operators/{id}", Rights.OPERATORS_MANAGE),
            entry("PUT /admin/operators/{id}", Rights.OPERATORS_MANAGE),
            entry("GET /admin/dashboard/operators", Rights.OPERATORS_MANAGE),
            entry("POST /admin/dashboard/operators/invite", Rights.OPERATORS_MANAGE),
            entry("POST /admin/dashboard/operators/{id}/remove", Rights.OPERATORS_MANAGE),
            entry("POST /admin/dashboard/operators/{id}/role", Rights.OPERATORS_MANAGE),
            entry("POST /admin/dashboard/operators/keys", Rights.OPERATORS_MANAGE),
            entry("POST /admin/dashboard/operators/keys/{id}/revoke", Rights.OPERATORS_MANAGE),
            entry("GET /admin/invitation", OPEN),
            entry("POST /admin/invitation", OPEN),
            entry("GET /admin/password-reset", OPEN),
            entry("POST /admin/password-reset", OPEN),
            entry("GET /admin/password-reset/new", OPEN),
            entry("POST /admin/password-reset/new", OPEN));
    /** What AccessDenied says to a caller without the right, and nothing else does. */
    private static final String FORBIDDEN = "Your role or key does not allow this.";

    @Inject
    Router router;
    @Inject
    Operators operators;
    @Inject
    AdminSessions sessions;

    /** A way of calling: its name, its headers (made afresh for each request), and the rights it should hold. */
    private record Caller(String name, Supplier<List<String>> headers, Set<String> rights) {
    }

    @Test
    void every_admin_route_lets_each_role_and_each_key_scope_through_or_refuses_403_as_the_rule_table_says() {
        Map<String, UriRouteInfo<?, ?>> routes = adminRoutes();
        assertThat(new TreeSet<>(RULES.keySet())).as("every /admin route has a rule here, and every rule a route")
                .isEqualTo(routes.keySet().stream().filter(route -> !route.startsWith("HEAD ")).collect(Collectors.toSet()));

        List<String> wrong = new ArrayList<>();
        RawHttp raw = new RawHttp(server.getURI());
        for (Caller caller : callers()) {
            routes.forEach((route, info) -> {
                String rule = rule(route);
                RawHttp.Response response = call(raw, info, caller.headers().get());
                // A HEAD answer has no body to tell security's 403 from a form's own.
                boolean refused = response.status() == 403
                        && (info.getHttpMethod() == HttpMethod.HEAD || response.body().contains(FORBIDDEN));
                boolean unauthenticated = asksToSignIn(response);
                boolean allowed = rule.equals(OPEN) || rule.equals(SIGNED_IN) || caller.rights().contains(rule);
                if (unauthenticated || refused == allowed) {
                    wrong.add(caller.name() + " " + route + " (" + rule + "): " + response.status());
                }
            });
        }
        assertThat(wrong).as("answers that differ from the rule table").isEmpty();
    }

    @Test
    void without_credentials_every_admin_route_but_the_open_ones_asks_to_sign_in() {
        RawHttp raw = new RawHttp(server.getURI());
        List<String> open = new ArrayList<>();
        adminRoutes().forEach((route, info) -> {
            RawHttp.Response response = call(raw, info, List.of());
            boolean signInAsked = asksToSignIn(response);
            if (signInAsked == rule(route).equals(OPEN)) {
                open.add(route + ": " + response.status());
            }
        });
        assertThat(open).isEmpty();
    }

    /** 401 for the API; a page is sent to the sign-in form. */
    private static boolean asksToSignIn(RawHttp.Response response) {
        return response.status() == 401
                || response.status() == 303 && "/admin/sign-in".equals(response.header("Location"));
    }

    /** A HEAD route has its GET's rule. */
    private static String rule(String route) {
        return RULES.get(route.startsWith("HEAD ") ? "GET " + route.substring("HEAD ".length()) : route);
    }

    private Map<String, UriRouteInfo<?, ?>> adminRoutes() {
        return router.uriRoutes()
                .filter(route -> route.getUriMatchTemplate().toString().startsWith("/admin"))
                .collect(Collectors.toMap(route -> route.getHttpMethod() + " " + template(route), route -> route,
                        (a, b) -> a, TreeMap::new));
    }

    private static String template(UriRouteInfo<?, ?> route) {
        String template = route.getUriMatchTemplate().toString();
        int query = template.indexOf("{?");
        return query < 0 ? template : template.substring(0, query);
    }

    /** The route with made-up path values and an empty body: enough to pass security, too little to change anything much. */
    private static RawHttp.Response call(RawHttp raw, UriRouteInfo<?, ?> route, List<String> credentials) {
        String path = template(route).replaceAll("\\{[^}]+}", "999999");
        String consumes = route.getConsumes().stream().map(MediaType::toString)
                .filter(type -> !type.equals(MediaType.ALL)).findFirst().orElse(MediaType.APPLICATION_JSON);
        String produces = route.getProduces().stream().map(MediaType::toString).findFirst().orElse(MediaType.ALL);
        boolean json = consumes.equals(MediaType.APPLICATION_JSON);
        byte[] body = route.getHttpMethod() == HttpMethod.GET ? new byte[0]
                : (json ? "{}" : "").getBytes(StandardCharsets.UTF_8);
        List<String> headers = new ArrayList<>(credentials);
        headers.addAll(List.of("Accept", produces));
        if (body.length > 0 || route.getHttpMethod() != HttpMethod.GET) {
            headers.addAll(List.of("Content-Type", consumes));
        }
        return raw.exchange(route.getHttpMethod().name(), path, body, headers.toArray(String[]::new));
    }

    /** Each role signed in (a fresh session per call, as sign-out ends one), and a key for each scope alone. */
    private List<Caller> callers() {
        List<Caller> callers = new ArrayList<>();
        for (Rights.Role role : Rights.Role.values()) {
            String email = role.name().toLowerCase(java.util.Locale.ROOT) + "-rights@tidings.test";
            Operator operator = operators.create(email, role.name(), role, "a-password-long-enough");
            callers.add(new Caller(role.name(), () -> List.of(OperatorSessions.headers(sessions, sql, operator.id())),
                    role.rights(false)));
        }
        for (String scope : new TreeSet<>(Rights.ALL)) {
            String created = http.postJson("/admin/api-keys", "{\"name\":\"" + scope + "\",\"scopes\":[\"" + scope + "\"]}",
                    asAdmin()).body();
            List<String> bearer = List.of("Authorization", "Bearer " + Json.object(created).get("key"));
            callers.add(new Caller("key " + scope, () -> bearer, Set.of(scope)));
        }
        callers.add(new Caller("ADMIN_TOKEN", () -> List.of(asAdmin()), Rights.ALL));
        return callers;
    }

}
