package io.tidings.edition;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.admin.Rights;
import io.tidings.support.Json;
import io.tidings.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An edition's page for a viewer, who may not read readers: authenticated here by a test filter as Micronaut
 * Security would, with the viewer role's rights as roles.
 */
@MicronautTest(transactional = false)
class EditionConsoleViewerTest extends ServiceTest {

    private static final String SPEC = "EditionConsoleViewerTest";
    private static final String[] PAGE = {"Authorization", "Bearer " + ADMIN_TOKEN, "Accept", "text/html"};

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("spec.name", SPEC);
    }

    /** Every request is a viewer's who may not see readers' addresses. */
    @ServerFilter("/admin/**")
    @Requires(property = "spec.name", value = SPEC)
    static class AsViewer {
        @RequestFilter
        void authenticate(HttpRequest<?> request) {
            request.setAttribute(HttpAttributes.PRINCIPAL,
                    Authentication.build("viewer@example.com", List.copyOf(Rights.Role.VIEWER.rights(false))));
        }
    }

    @Test
    void a_viewer_previews_only_as_the_sample_reader_and_finds_no_reader() {
        given.clear();
        given.article("Teething", clock.instant());
        long ana = given.reader("ana.lima@example.com", "Ana Lima", "WEEKLY", "CONFIRMED");
        long edition = ((Number) Json.object(Json.object(http.postJson("/admin/editions", "{\"frequency\":\"weekly\"}",
                asAdmin()).body()), "edition").get("id")).longValue();
        String path = "/admin/dashboard/editions/" + edition;

        String page = http.get(path + "?q=lima", PAGE).body();
        assertThat(page).contains("<h1>Edition #" + edition + "</h1>")
                .contains("Preview as a sample reader")
                .contains("Previewing as a chosen reader needs the right to read readers.")
                .doesNotContain("id=\"reader-q\"")
                .doesNotContain("ana.lima@example.com");
        HttpResponse<String> chosen = http.get(path + "/preview?reader=" + ana, PAGE);
        assertThat(chosen.statusCode()).isEqualTo(403);
        assertThat(chosen.body()).doesNotContain("Ana Lima");
        assertThat(http.get(path + "/preview", PAGE).body()).contains("Hello,").contains("Teething");
    }
}
