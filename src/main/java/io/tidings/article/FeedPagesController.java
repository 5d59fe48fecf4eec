package io.tidings.article;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.tidings.admin.AdminApi;
import io.tidings.admin.AdminPages;
import io.tidings.admin.Rights;
import io.tidings.core.ConflictException;
import io.tidings.core.InvalidInputException;
import io.tidings.core.NotFoundException;
import io.tidings.subscription.SubscriptionConfig;
import io.tidings.web.Form;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The console's feeds: each feed's last poll and error, "poll now", and adding, changing and removing the
 * feeds added here (configured ones change in the configuration). Each form lands back (303) with what
 * was done; a refused one shows the page again with the reason.
 */
@AdminApi
@Controller("/admin/dashboard/feeds")
@ExecuteOn(TaskExecutors.BLOCKING)
class FeedPagesController {

    private static final String PAGE = "/admin/dashboard/feeds";
    private static final Map<String, String> NOTICES = Map.of(
            "added", "The feed is added; it is polled at the next check, or now with its button.",
            "changed", "The feed is changed.",
            "removed", "The feed is removed; its articles stay.",
            "polled", "The feed was polled: its last poll is below.");
    private final AllFeeds feeds;
    private final FeedPoller poller;
    private final FeedStateRepository states;
    private final Duration maxBackoff;
    private final List<String> topics;
    private final AdminPages pages;

    FeedPagesController(AllFeeds feeds, FeedPoller poller, FeedStateRepository states, FeedConfig config,
                        SubscriptionConfig subscriptions, AdminPages pages) {
        this.feeds = feeds;
        this.poller = poller;
        this.states = states;
        this.maxBackoff = config.maxBackoff();
        this.topics = subscriptions.topics();
        this.pages = pages;
    }

    /** One feed's row: what the API shows of it, how its last poll went ("ok", "error"...), and whether it may be changed here. */
    record Row(FeedController.FeedView view, String lastStatus, boolean editable, String pollInterval) {

        Row(FeedController.FeedView view, boolean editable, @Nullable String pollInterval) {
            this(view, view.lastStatus() == null ? "" : view.lastStatus().label(), editable, pollInterval == null ? "" : pollInterval);
        }
    }

    @Get(produces = MediaType.TEXT_HTML)
    @Secured(Rights.ARTICLES_READ)
    HttpResponse<String> page(HttpRequest<?> request, @QueryValue @Nullable String done) {
        return render(request, HttpStatus.OK, done == null ? null : NOTICES.get(done), null);
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Secured(Rights.ARTICLES_WRITE)
    HttpResponse<String> add(HttpRequest<?> request, @Body @Nullable Form body) {
        Form form = Form.orEmpty(body);
        return act(request, form, () -> {
            feeds.add(form.value("name"), form.value("url"), form.values("topics"), form.value("pollInterval"));
            return "added";
        });
    }

    @Post(uri = "/{name}", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Secured(Rights.ARTICLES_WRITE)
    HttpResponse<String> change(HttpRequest<?> request, @PathVariable String name, @Body @Nullable Form body) {
        Form form = Form.orEmpty(body);
        return act(request, null, () -> {
            feeds.change(name, form.value("url"), form.values("topics"), form.value("pollInterval"));
            return "changed";
        });
    }

    @Post(uri = "/{name}/remove", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Secured(Rights.ARTICLES_WRITE)
    HttpResponse<String> remove(HttpRequest<?> request, @PathVariable String name) {
        return act(request, null, () -> {
            feeds.remove(name);
            return "removed";
        });
    }

    /** Polls at once, as {@code POST /admin/feeds/{name}/poll} does; a failed poll is shown as the feed's last error. */
    @Post(uri = "/{name}/poll", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Secured(Rights.ARTICLES_WRITE)
    HttpResponse<String> poll(HttpRequest<?> request, @PathVariable String name) {
        Feed feed = feeds.named(name).orElse(null);
        if (feed == null) {
            return render(request, HttpStatus.NOT_FOUND, null, "There is no feed named \"" + name + "\".");
        }
        if (poller.pollNow(feed).isEmpty()) {
            return render(request, HttpStatus.CONFLICT, null, "The feed \"" + name + "\" is being polled right now; try again in a moment.");
        }
        return HttpResponse.seeOther(URI.create(PAGE + "?done=polled#feed-" + URLEncoder.encode(name, StandardCharsets.UTF_8)));
    }

    /** Runs an action; a refused one shows the page with the reason, and the add form again as it was sent ({@code added}). */
    private HttpResponse<String> act(HttpRequest<?> request, @Nullable Form added, Supplier<String> action) {
        try {
            return HttpResponse.seeOther(URI.create(PAGE + "?done=" + action.get()));
        } catch (InvalidInputException e) {
            return render(request, HttpStatus.UNPROCESSABLE_ENTITY, null, "Nothing was changed: " + e.errors().get(0).message(), added);
        } catch (NotFoundException e) {
            return render(request, HttpStatus.NOT_FOUND, null, e.getMessage(), added);
        } catch (ConflictException e) {
            return render(request, HttpStatus.CONFLICT, null, e.getMessage(), added);
        }
    }

    private HttpResponse<String> render(HttpRequest<?> request, HttpStatus status, @Nullable String notice, @Nullable String problem) {
        return render(request, status, notice, problem, null);
    }

    private HttpResponse<String> render(HttpRequest<?> request, HttpStatus status, @Nullable String notice, @Nullable String problem,
                                        @Nullable Form added) {
        Map<String, FeedState> known = states.byName();
        Map<String, Object> model = new HashMap<>();
        model.put("feeds", feeds.entries().stream().map(entry -> new Row(
                FeedController.FeedView.of(entry.feed(), FeedState.of(entry.feed(), known.get(entry.feed().name())), maxBackoff),
                entry.editable(), entry.pollInterval())).toList());
        model.put("topics", topics);
        model.put("added", added == null ? Form.orEmpty(null) : added);
        if (notice != null) {
            model.put("notice", notice);
        }
        if (problem != null) {
            model.put("problem", problem);
        }
        return pages.render(request, status, "feeds", model);
    }
}
