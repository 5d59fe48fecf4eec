package io.tidings.web;

import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.Map;

/**
 * A submitted form, decoded strictly by {@link FormReader}. A field a page sends once that comes
 * twice is refused rather than guessed at: only a forged request repeats it.
 */
public record Form(Map<String, List<String>> fields) {

    private static final Form EMPTY = new Form(Map.of());

    public Form {
        fields = Map.copyOf(fields);
    }

    /** Micronaut binds an empty body (Content-Length: 0) as null; it is a form without fields. */
    public static Form orEmpty(@Nullable Form bound) {
        return bound == null ? EMPTY : bound;
    }

    /** The value of a field that comes at most once. */
    @Nullable
    public String value(String name) {
        List<String> values = values(name);
        if (values.size() > 1) {
            throw new MalformedRequestException("The form field \"" + name + "\" came more than once.");
        }
        return values.isEmpty() ? null : values.get(0);
    }

    /** Every value of a field that may repeat, such as checkboxes. */
    public List<String> values(String name) {
        return fields.getOrDefault(name, List.of());
    }
}
