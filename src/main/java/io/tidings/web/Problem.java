package io.tidings.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.tidings.core.FieldError;

import java.util.List;

/** An RFC 9457 problem detail, with the rejected fields where there are any. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, @Nullable String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
