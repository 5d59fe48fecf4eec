package io.tidings.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * API keys, managed by whoever may manage operators. A key never gets a right its creator lacks: 403
 * names the scopes asked beyond the creator's ({@link ApiKeys#create}). The key itself is in the answer
 * to its creation only.
 */
@Tag(name = "Admin: API keys")
@AdminApi
@Controller("/admin/api-keys")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Rights.OPERATORS_MANAGE)
class ApiKeyController {

    private final ApiKeys keys;
    private final AuditLog audit;

    ApiKeyController(ApiKeys keys, AuditLog audit) {
        this.keys = keys;
        this.audit = audit;
    }

    @Serdeable
    record NewKey(@Nullable String name, @Nullable List<String> scopes) {
    }

    @Serdeable
    record CreatedKey(long id, String key) {
    }

    @Serdeable
    record KeyView(long id, String name, Set<String> scopes, @Nullable Long createdBy, Instant createdAt,
                   @Nullable Instant lastUsedAt) {

        static KeyView of(ApiKey key) {
            return new KeyView(key.id(), key.name(), new TreeSet<>(ApiKeys.scopes(key)), key.createdBy(),
                    key.createdAt(), key.lastUsedAt());
        }
    }

    @Serdeable
    record KeyList(List<KeyView> items) {
    }

    /** 201 with the key, shown this once. */
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    HttpResponse<CreatedKey> create(HttpRequest<?> request, @Body NewKey body, Authentication authentication) {
        ApiKeys.Created created = keys.create(body.name(), body.scopes(), Caller.of(authentication));
        audit.record(request, AuditAction.API_KEY_CREATED, AuditSubjects.key(created.key()));
        return HttpResponse.created(new CreatedKey(created.key().id(), created.secret()));
    }

    /** Every key, without secrets, with when it was last used (to the minute). */
    @Get(produces = MediaType.APPLICATION_JSON)
    KeyList list() {
        return new KeyList(keys.all().stream().map(KeyView::of).toList());
    }

    /** Revokes the key at once: its next request is refused. */
    @Delete("/{id}")
    HttpResponse<?> revoke(HttpRequest<?> request, @PathVariable long id) {
        keys.revoke(id);
        audit.record(request, AuditAction.API_KEY_REVOKED, "API key " + id);
        return HttpResponse.noContent();
    }
}
