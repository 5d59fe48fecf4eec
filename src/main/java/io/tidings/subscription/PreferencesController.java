package io.tidings.subscription;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tidings.core.FieldError;
import io.tidings.core.InvalidInputException;
import io.tidings.web.CsrfTokens;
import io.tidings.web.Form;
import io.tidings.web.Pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The preferences page every digest links to: topics and frequency, a pause, a new address, the
 * reader's data to download, and erasure. The manage token in the URL is the reader's authority;
 * every form also carries the CSRF token.
 */
@Tag(name = "Reader pages")
@Controller("/preferences")
@ExecuteOn(TaskExecutors.BLOCKING)
class PreferencesController {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
    private final PreferencesService preferences;
    private final AddressChanges addressChanges;
    private final DataExports exports;
    private final Erasures erasures;
    private final RequestOrigins origins;
    private final Pages pages;
    private final CsrfTokens csrf;

    PreferencesController(PreferencesService preferences, AddressChanges addressChanges, DataExports exports,
                          Erasures erasures, RequestOrigins origins, Pages pages, CsrfTokens csrf) {
        this.preferences = preferences;
        this.addressChanges = addressChanges;
        this.exports = exports;
        this.erasures = erasures;
        this.origins = origins;
        this.pages = pages;
        this.csrf = csrf;
    }

    /** The reader's preferences page. */
    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<String> page(@QueryValue @Nullable String token) {
        return page(HttpStatus.OK, token, null, null, List.of());
    }

    /** One of the page's forms, named by its action: save, pause, resume, change-address, export or erase. */
    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = {MediaType.TEXT_HTML, MediaType.APPLICATION_JSON})
    HttpResponse<?> act(@QueryValue @Nullable String token, @Body @Nullable Form body, HttpRequest<?> request) {
        Form form = Form.orEmpty(body);
        csrf.verify(request, form.value("csrf"));
        String action = String.valueOf(form.value("action"));
        try {
            switch (action) {
                case "save" -> {
                    preferences.save(token, form.values("topics"), form.value("frequency"));
                    return page(HttpStatus.OK, token, "Saved.", null, List.of());
                }
                case "pause" -> {
                    preferences.pause(token, weeks(form.value("weeks")));
                    return page(HttpStatus.OK, token, "Paused. Resume here whenever you like.", null, List.of());
                }
                case "resume" -> {
                    preferences.resume(token);
                    return page(HttpStatus.OK, token, "Resumed: the next digest comes as usual.", null, List.of());
                }
                case "change-address" -> {
                    String email = addressChanges.request(token, form.value("email"),
                            origins.of(request, Source.LINK));
                    return pages.render("address-pending", Map.of("email", email, "preferencesPath", path(token)));
                }
                case "export" -> {
                    return HttpResponse.ok(exports.export(token)).contentType(MediaType.APPLICATION_JSON_TYPE)
                            .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"my-newsletter-data.json\"");
                }
                case "erase" -> {
                    if (!"yes".equals(form.value("confirm"))) {
                        throw InvalidInputException.of("confirm", "Tick the box to confirm that everything should be deleted.");
                    }
                    erasures.erase(preferences.holder(token).id());
                    return pages.render("erased", Map.of());
                }
                default -> throw InvalidInputException.of("action", "is not one this page offers");
            }
        } catch (InvalidInputException e) {
            return page(HttpStatus.UNPROCESSABLE_ENTITY, token, null, "Please check the form.", e.errors());
        }
    }

    private static int weeks(@Nullable String raw) {
        try {
            return Integer.parseInt(raw == null ? "" : raw.strip());
        } catch (NumberFormatException e) {
            throw InvalidInputException.of("weeks", "must be a number of weeks");
        }
    }

    private HttpResponse<String> page(HttpStatus status, @Nullable String token, @Nullable String notice,
                                      @Nullable String message, List<FieldError> errors) {
        Subscriber subscriber = preferences.holder(token);
        Map<String, Object> model = new HashMap<>();
        model.put("email", subscriber.email());
        model.put("topics", preferences.offeredTopics());
        model.put("chosen", preferences.topicsOf(subscriber));
        model.put("frequency", subscriber.frequency().label());
        Instant pausedUntil = preferences.pausedUntil(subscriber);
        model.put("pausedUntil", pausedUntil == null ? null : DAY.format(pausedUntil.atZone(ZoneOffset.UTC)));
        model.put("pauseWeeks", PreferencesService.PAUSE_WEEKS);
        model.put("unsubscribed", subscriber.status() != SubscriberStatus.CONFIRMED);
        model.put("formPath", path(token));
        model.put("unsubscribePath", UnsubscribeController.path(token));
        model.put("notice", notice);
        model.put("message", message);
        model.put("errors", errors.stream().collect(Collectors.toMap(FieldError::field, FieldError::message, (a, b) -> a)));
        return pages.render(status, "preferences", model);
    }

    private static String path(String token) {
        return "/preferences?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }
}
