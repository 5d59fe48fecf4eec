package io.tidings.bounce.webhook;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;

/** Reads a provider's JSON from the raw bytes its signature was checked over. */
@Singleton
class WebhookJson {

    private final JsonMapper mapper;

    WebhookJson(JsonMapper mapper) {
        this.mapper = mapper;
    }

    <T> T read(byte[] json, Argument<T> type, String what) {
        try {
            T value = mapper.readValue(json, type);
            if (value == null) {
                throw WebhookRefusal.malformed(what + " is empty.");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            if (e instanceof WebhookRefusal refusal) {
                throw refusal;
            }
            throw WebhookRefusal.malformed(what + " is not the JSON expected.");
        }
    }
}
