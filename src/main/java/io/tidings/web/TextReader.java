package io.tidings.web;

import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.type.Argument;
import io.micronaut.core.type.Headers;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.body.MessageBodyReader;
import jakarta.inject.Singleton;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;

/**
 * Reads a text body (a scraped page, a CSV file) in its declared charset, UTF-8 when it names none,
 * and refuses bytes that are not text in it, where Micronaut's reader would store U+FFFD in their place.
 */
@Singleton
@Order(Ordered.HIGHEST_PRECEDENCE)
@Consumes({MediaType.TEXT_PLAIN, "text/csv"})
class TextReader implements MessageBodyReader<String> {

    @Override
    public String read(Argument<String> type, MediaType mediaType, Headers headers, InputStream body) {
        return StrictText.decode(StrictText.readAll(body), charset(mediaType), "The request body");
    }

    private static Charset charset(MediaType mediaType) {
        String name = mediaType == null ? null : mediaType.getParameters().get("charset").orElse(null);
        try {
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new MalformedRequestException("The request names a charset this service does not know: " + name + ".", e);
        }
    }
}
