package io.tidings.web;

import io.micronaut.core.annotation.Order;
import io.micronaut.core.io.buffer.ByteBuffer;
import io.micronaut.core.type.Argument;
import io.micronaut.core.type.Headers;
import io.micronaut.http.MediaType;
import io.micronaut.http.body.MessageBodyReader;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.body.JsonMessageHandler;
import jakarta.inject.Singleton;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads JSON request bodies as Micronaut does, after refusing one that is not UTF-8 (RFC 8259 allows
 * no other). The JSON reader refuses a bad byte in a value, but let one through at the start of a
 * short property name, which then matched the name without it: {@code {"\xFFto": ...}} was read as
 * {@code to}.
 */
@Singleton
@Order(JsonMessageHandler.ORDER - 1)
@JsonMessageHandler.ConsumesJson
class StrictJsonReader<T> implements MessageBodyReader<T> {

    private final JsonMessageHandler<T> json;

    StrictJsonReader(JsonMapper mapper) {
        this.json = new JsonMessageHandler<>(mapper);
    }

    @Override
    public boolean isReadable(Argument<T> type, MediaType mediaType) {
        return json.isReadable(type, mediaType);
    }

    /** Checks a copy, so that the buffer goes to the JSON reader as it came (it releases it). */
    @Override
    public T read(Argument<T> type, MediaType mediaType, Headers headers, ByteBuffer<?> body) {
        StrictText.decode(body.toByteArray(), StandardCharsets.UTF_8, "The JSON body");
        return json.read(type, mediaType, headers, body);
    }

    @Override
    public T read(Argument<T> type, MediaType mediaType, Headers headers, InputStream body) {
        byte[] bytes = StrictText.readAll(body);
        StrictText.decode(bytes, StandardCharsets.UTF_8, "The JSON body");
        return json.read(type, mediaType, headers, new ByteArrayInputStream(bytes));
    }
}
