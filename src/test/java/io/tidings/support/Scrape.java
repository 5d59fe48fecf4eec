package io.tidings.support;

import java.util.List;
import java.util.stream.Stream;

/** One read of {@code /prometheus}: the series as Prometheus would store them. */
public final class Scrape {

    /** The token the tests' service expects from a scraper (METRICS_TOKEN). */
    public static final String METRICS_TOKEN = "test-metrics-token-0123456789";

    private final List<String> samples;

    private Scrape(String body) {
        this.samples = body.lines().filter(line -> !line.startsWith("#") && !line.isBlank()).toList();
    }

    public static Scrape of(Http http) {
        return new Scrape(http.get("/prometheus", "Authorization", "Bearer " + METRICS_TOKEN).body());
    }

    /**
     * The sum over the series named {@code name} that carry every {@code label="value"} given
     * (as {@code "label", "value"} pairs); 0 when none does.
     */
    public double value(String name, String... labels) {
        return series(name, labels)
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** Whether a series of that name with those labels exists. */
    public boolean has(String name, String... labels) {
        return series(name, labels).findAny().isPresent();
    }

    private Stream<String> series(String name, String... labels) {
        return samples.stream()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> matches(line, labels));
    }

    private static boolean matches(String line, String... labels) {
        String series = line.substring(0, line.lastIndexOf(' '));
        for (int i = 0; i < labels.length; i += 2) {
            if (!series.contains(labels[i] + "=\"" + labels[i + 1] + "\"")) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return String.join("\n", samples);
    }
}
