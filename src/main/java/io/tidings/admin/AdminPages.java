package io.tidings.admin;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.tidings.web.Pages;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Renders the operator's console pages from {@code templates/pages/admin/}, each with the signed-in
 * session's CSRF token as {@code adminCsrf} for its forms and the caller's rights as {@code rights}
 * (so a page shows only the links and buttons that would work) and the sections they may see as
 * {@code adminNav}. Public so that each feature can show its own page.
 */
@Singleton
public class AdminPages {

    private final Pages pages;

    AdminPages(Pages pages) {
        this.pages = pages;
    }

    public MutableHttpResponse<String> render(HttpRequest<?> request, HttpStatus status, String page, Map<String, ?> model) {
        Map<String, Object> variables = new HashMap<>(model);
        request.getAttribute(AdminSessions.ATTRIBUTE, AdminSession.class)
                .ifPresent(session -> variables.put("adminCsrf", session.csrfToken()));
        Set<String> rights = CallerRights.of(request);
        variables.put("rights", rights);
        variables.put("adminNav", ConsoleNav.links(request.getPath(), rights));
        return pages.render(status, "admin/" + page, variables);
    }

    public MutableHttpResponse<String> render(HttpRequest<?> request, String page, Map<String, ?> model) {
        return render(request, HttpStatus.OK, page, model);
    }
}
