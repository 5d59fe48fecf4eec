package io.tidings.admin;

import io.micronaut.security.annotation.Secured;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;

import java.util.Map;

/** The operator's overview: the stats as JSON for scripts, and as a page with a chart for people. */
@AdminApi
@Controller("/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
class DashboardController {

    private final StatsQueries stats;
    private final AdminPages pages;

    DashboardController(StatsQueries stats, AdminPages pages) {
        this.stats = stats;
        this.pages = pages;
    }

    @Secured(Rights.STATS_READ)
    @Get(value = "/stats", produces = MediaType.APPLICATION_JSON)
    AdminStats stats(Authentication authentication) {
        return stats.stats().forCaller(authentication.getRoles());
    }

    @Secured(Rights.STATS_READ)
    @Get(value = "/", produces = MediaType.TEXT_HTML)
    HttpResponse<String> overview(HttpRequest<?> request, Authentication authentication) {
        AdminStats current = stats.stats().forCaller(authentication.getRoles());
        return pages.render(request, "overview", Map.of("stats", current, "chart", GrowthChart.of(current.days())));
    }
}
