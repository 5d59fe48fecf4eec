package io.tidings.admin;

import io.micronaut.http.HttpRequest;

import java.util.Set;

/** The operators' side: where sessions and API keys count (webhooks and metrics have tokens of their own). */
final class AdminPaths {

    static final String SIGN_IN = "/admin/sign-in";
    /** Open forms, which carry the reader pages' double-submit token instead of a session's. */
    static final Set<String> OPEN_FORMS = Set.of(SIGN_IN, SetupController.PATH, AccountLinksController.INVITATION,
            AccountLinksController.RESET, AccountLinksController.NEW_PASSWORD);

    private AdminPaths() {
    }

    static boolean covers(HttpRequest<?> request) {
        String path = request.getPath();
        return path.equals("/admin") || path.startsWith("/admin/");
    }
}
