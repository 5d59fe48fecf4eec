package io.tidings.bounce.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The providers' documented payloads under {@code src/test/resources/webhooks} (its README says where each is from). */
final class Samples {

    private Samples() {
    }

    /** The sample with each {@code {{name}}} replaced by its value. */
    static String of(String file, Map<String, String> values) {
        String text;
        try (InputStream in = Samples.class.getResourceAsStream("/webhooks/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + file);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Map.Entry<String, String> value : values.entrySet()) {
            text = text.replace("{{" + value.getKey() + "}}", value.getValue());
        }
        return text;
    }
}
