package io.tidings.admin;

import io.micronaut.http.HttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.security.authentication.Authentication;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleNavTest {

    @Test
    void an_owner_sees_every_section_and_the_one_a_page_is_in_is_current() {
        List<ConsoleNav.Link> links = ConsoleNav.links("/admin/dashboard/editions/12", Rights.ALL);

        assertThat(links).extracting(ConsoleNav.Link::label).containsExactly("Overview", "Editions", "Readers",
                "Articles", "Feeds", "Imports", "Bounces", "Audit log", "Operators and keys");
        assertThat(links).filteredOn(ConsoleNav.Link::current).extracting(ConsoleNav.Link::label).containsExactly("Editions");
        assertThat(ConsoleNav.links("/admin", Rights.ALL)).filteredOn(ConsoleNav.Link::current)
                .extracting(ConsoleNav.Link::label).containsExactly("Overview");
        assertThat(ConsoleNav.links("/admin/dashboard/editionsX", Rights.ALL)).noneMatch(ConsoleNav.Link::current);
    }

    @Test
    void a_viewer_sees_only_the_sections_of_their_rights() {
        MutableHttpRequest<?> request = HttpRequest.GET("/admin/");
        request.setAttribute(HttpAttributes.PRINCIPAL,
                Authentication.build("viewer@example.com", List.copyOf(Rights.Role.VIEWER.rights(false))));

        assertThat(CallerRights.holds(request, Rights.SUBSCRIBERS_READ)).isFalse();
        assertThat(CallerRights.holds(request, Rights.EDITIONS_READ)).isTrue();
        assertThat(ConsoleNav.links(request.getPath(), CallerRights.of(request))).extracting(ConsoleNav.Link::label)
                .containsExactly("Overview", "Editions", "Articles", "Feeds");
    }

    @Test
    void without_an_authentication_the_caller_holds_no_right_and_sees_no_section() {
        assertThat(CallerRights.of(HttpRequest.GET("/admin/"))).isEmpty();
        assertThat(ConsoleNav.links("/admin/", CallerRights.of(HttpRequest.GET("/admin/")))).isEmpty();
    }
}
