package io.tidings.web;

import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import io.tidings.support.ServiceTest;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The API description and Swagger UI, as served: the HTTP layer only, so the {@code web} tag keeps it out of the PostgreSQL run. */
@Tag("web")
@MicronautTest(transactional = false)
class OpenApiTest extends ServiceTest {

    private static final String DOCUMENT = "/swagger/tidings.yml";
    /** A path item's keys that are operations; the others (parameters, summary) describe the path. */
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    @Inject
    Router router;

    @Test
    void every_route_of_the_service_is_in_the_served_document() {
        List<String> routes = router.uriRoutes()
                .filter(route -> !isManagementEndpoint(route))
                // Micronaut answers HEAD wherever it answers GET; the document's GET stands for both.
                .filter(route -> !route.getHttpMethodName().equals("HEAD"))
                .map(route -> route.getHttpMethodName() + " " + route.getUriMatchTemplate().toPathString())
                .distinct()
                .toList();
        List<String> documented = operations(document())
                .map(operation -> operation.method() + " " + operation.path())
                .toList();

        assertThat(routes).contains("GET /", "POST /api/subscriptions", "DELETE /admin/subscribers/{id}");
        assertThat(documented).containsAll(routes);
    }

    /** Health and metrics are for the operator's monitoring, not part of the API; micronaut-openapi leaves them out. */
    private static boolean isManagementEndpoint(UriRouteInfo<?, ?> route) {
        return route.getTargetMethod().getDeclaringType().isAnnotationPresent(Endpoint.class);
    }

    @Test
    void admin_operations_need_the_bearer_token_and_public_ones_do_not() {
        Map<String, Object> document = document();
        Map<String, Object> components = child(document, "components");
        assertThat(child(child(components, "securitySchemes"), "adminToken"))
                .containsEntry("type", "http").containsEntry("scheme", "bearer");
        assertThat(child(child(components, "securitySchemes"), "adminSession"))
                .containsEntry("type", "apiKey").containsEntry("in", "cookie").containsEntry("name", "tidings_admin");

        List<Operation> operations = operations(document).toList();
        assertThat(operations).filteredOn(Operation::isAdmin).isNotEmpty().allSatisfy(operation -> {
            assertThat(operation.details().get("security")).as(operation.toString())
                    .isEqualTo(List.of(Map.of("adminToken", List.of()), Map.of("adminSession", List.of())));
            assertThat(child(child(operation.details(), "responses"), "401")).as(operation.toString())
                    .extractingByKey("content").asString().contains(Problem.MEDIA_TYPE);
        });
        assertThat(operations).filteredOn(operation -> !operation.isAdmin()).isNotEmpty()
                .allSatisfy(operation -> assertThat(operation.details()).as(operation.toString()).doesNotContainKey("security"));
        assertThat(document).doesNotContainKey("security");
    }

    @Test
    void swagger_ui_loads_its_scripts_and_styles_from_the_service_itself() {
        HttpResponse<String> page = http.get("/swagger-ui");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        Document html = Jsoup.parse(page.body());
        List<String> scripts = html.select("script").stream().map(script -> script.attr("src")).toList();
        List<String> resources = Stream.concat(scripts.stream(), html.select("link[href]").stream().map(link -> link.attr("href")))
                .toList();
        assertThat(scripts).isNotEmpty().doesNotContain("");
        assertThat(resources).allSatisfy(url -> assertThat(url).startsWith("/").doesNotStartWith("//"));
        for (String script : scripts) {
            HttpResponse<String> served = http.get(script);
            assertThat(served.statusCode()).as(script).isEqualTo(200);
            assertThat(served.headers().firstValue("Content-Type")).as(script)
                    .hasValueSatisfying(v -> assertThat(v).contains("javascript"));
        }
        assertThat(http.get(scripts.get(scripts.size() - 1)).body()).contains("url: '" + DOCUMENT + "'");
        List<String> stylesheets = html.select("link[rel=stylesheet]").stream().map(link -> link.attr("href")).toList();
        assertThat(stylesheets).isNotEmpty().allSatisfy(url -> assertThat(http.get(url).statusCode()).as(url).isEqualTo(200));
    }

    @Test
    void swagger_ui_may_run_its_own_scripts_and_reach_only_the_service() {
        String policy = http.get("/swagger-ui").headers().firstValue("Content-Security-Policy").orElseThrow();

        assertThat(policy).contains("script-src 'self'", "connect-src 'self'", "default-src 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:");
        assertThat(http.get("/").headers().firstValue("Content-Security-Policy"))
                .hasValue(SecurityHeadersFilter.CONTENT_SECURITY_POLICY);
    }

    private Map<String, Object> document() {
        HttpResponse<String> response = http.get(DOCUMENT);
        assertThat(response.statusCode()).isEqualTo(200);
        return new Yaml().load(response.body());
    }

    private static Stream<Operation> operations(Map<String, Object> document) {
        return child(document, "paths").entrySet().stream().flatMap(path -> child(path.getValue()).entrySet().stream()
                .filter(entry -> METHODS.contains(entry.getKey()))
                .map(method -> new Operation(method.getKey().toUpperCase(Locale.ROOT), path.getKey(), child(method.getValue()))));
    }

    private static Map<String, Object> child(Map<String, Object> parent, String key) {
        assertThat(parent).containsKey(key);
        return child(parent.get(key));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Object node) {
        return (Map<String, Object>) node;
    }

    private record Operation(String method, String path, Map<String, Object> details) {

        /** Everything under /admin but the console's own forms: sign-in, sign-out and the single-use links' pages. */
        boolean isAdmin() {
            boolean underAdmin = path.equals("/admin") || path.startsWith("/admin/");
            return underAdmin && !Set.of("/admin/sign-in", "/admin/sign-out", "/admin/sign-out-everywhere",
                    "/admin/setup", "/admin/invitation", "/admin/password-reset", "/admin/password-reset/new").contains(path);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }
}
