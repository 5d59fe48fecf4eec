package io.tidings.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * {@link AdminCsrfFilter}'s check for the large import's upload without reading its body (up to
 * IMPORT_MAX_SIZE, streamed to disk by the controller): with a session cookie, only the
 * {@code X-CSRF-Token} header counts.
 */
@ServerFilter("/admin/subscribers/imports")
class AdminUploadCsrfFilter implements Ordered {

    private final AdminCsrfFilter csrf;

    AdminUploadCsrfFilter(AdminCsrfFilter csrf) {
        this.csrf = csrf;
    }

    @Override
    public int getOrder() {
        return AdminCsrfFilter.ORDER;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> verify(HttpRequest<?> request) {
        return csrf.check(request, null);
    }
}
