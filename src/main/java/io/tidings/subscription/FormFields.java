package io.tidings.subscription;

import io.micronaut.core.annotation.Nullable;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Reads an urlencoded form as Micronaut binds it: a field may come once or repeated. */
public final class FormFields {

    private FormFields() {
    }

    /** A field's value; a repeated one (a forged request) counts by its first value. */
    @Nullable
    public static String first(Map<String, Object> form, String name) {
        List<String> all = all(form, name);
        return all.isEmpty() ? null : all.get(0);
    }

    /** Every value of a field that may repeat, such as the topic checkboxes. */
    static List<String> all(Map<String, Object> form, String name) {
        Object value = form.get(name);
        if (value instanceof Collection<?> many) {
            return many.stream().map(String::valueOf).toList();
        }
        return value == null ? List.of() : List.of(value.toString());
    }
}
