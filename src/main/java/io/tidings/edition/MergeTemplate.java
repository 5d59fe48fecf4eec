package io.tidings.edition;

import io.tidings.mail.Body;
import io.tidings.mail.BodyTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A rendered text with holes ({@code marker} strings) for each reader's values: rendering and
 * encoding happen once per edition and topic set, and each reader costs their values' encoding and a
 * few copies.
 */
final class MergeTemplate {

    private final List<String> holes = new ArrayList<>();
    private final BodyTemplate body;

    MergeTemplate(String rendered, List<String> markers) {
        List<String> literals = new ArrayList<>();
        int at = 0;
        while (true) {
            int next = -1;
            String found = null;
            for (String marker : markers) {
                int index = rendered.indexOf(marker, at);
                if (index >= 0 && (next < 0 || index < next)) {
                    next = index;
                    found = marker;
                }
            }
            if (found == null) {
                literals.add(rendered.substring(at));
                break;
            }
            literals.add(rendered.substring(at, next));
            holes.add(found);
            at = next + found.length();
        }
        this.body = new BodyTemplate(literals);
    }

    /** Fills every hole with its value, passed through {@code escape} (HTML escaping for the HTML part). */
    Body merge(Map<String, String> values, UnaryOperator<String> escape) {
        List<String> filled = new ArrayList<>(holes.size());
        for (String hole : holes) {
            filled.add(escape.apply(values.getOrDefault(hole, "")));
        }
        return body.fill(filled);
    }
}
