package io.tidings.admin;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.tidings.core.NotFoundException;
import io.tidings.subscription.Erasures;

/** The operator's side of erasure: the same as the reader's "erase me", by subscriber id. */
@Controller("/admin/subscribers")
@ExecuteOn(TaskExecutors.BLOCKING)
class SubscriberAdminController {

    private final Erasures erasures;

    SubscriberAdminController(Erasures erasures) {
        this.erasures = erasures;
    }

    @Delete("/{id}")
    HttpResponse<Void> erase(@PathVariable long id) {
        if (!erasures.erase(id)) {
            throw new NotFoundException("no subscriber " + id);
        }
        return HttpResponse.noContent();
    }
}
