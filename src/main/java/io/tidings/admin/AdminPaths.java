package io.tidings.admin;

import io.micronaut.http.HttpRequest;

/** The operators' side: where sessions and API keys count (webhooks and metrics have tokens of their own). */
final class AdminPaths {

    static final String SIGN_IN = "/admin/sign-in";

    private AdminPaths() {
    }

    static boolean covers(HttpRequest<?> request) {
        String path = request.getPath();
        return path.equals("/admin") || path.startsWith("/admin/");
    }
}
