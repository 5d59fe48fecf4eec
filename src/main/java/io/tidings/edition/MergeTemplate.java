package io.tidings.edition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A rendered text with holes ({@code marker} strings) for each reader's values: rendering happens
 * once per edition and topic set, and each reader costs a few appends.
 */
final class MergeTemplate {

    private final List<String> literals = new ArrayList<>();
    private final List<String> holes = new ArrayList<>();
    private final int size;

    MergeTemplate(String rendered, List<String> markers) {
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
        this.size = rendered.length();
    }

    /** Fills every hole with its value, passed through {@code escape} (HTML escaping for the HTML part). */
    String merge(Map<String, String> values, UnaryOperator<String> escape) {
        StringBuilder out = new StringBuilder(size + 256);
        for (int i = 0; i < holes.size(); i++) {
            out.append(literals.get(i)).append(escape.apply(values.getOrDefault(holes.get(i), "")));
        }
        return out.append(literals.get(literals.size() - 1)).toString();
    }
}
