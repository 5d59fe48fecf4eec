package io.tidings.article;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Fetches a feed with a conditional GET, within the configured time and size, following redirects. */
@Singleton
class FeedFetcher {

    private static final String ACCEPT =
            "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";

    private final HttpClient client;
    private final FeedConfig config;

    FeedFetcher(FeedConfig config) {
        this.config = config;
        // NORMAL follows redirects except from https to http.
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(config.connectTimeout())
                .build();
    }

    /** The feed's bytes and validators; a null body means the server answered 304 Not Modified. */
    record Fetched(@Nullable byte[] body, @Nullable String contentType, @Nullable String etag,
                   @Nullable String lastModified) {

        boolean notModified() {
            return body == null;
        }
    }

    Fetched fetch(URI url, @Nullable String etag, @Nullable String lastModified) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(config.readTimeout())
                .header("User-Agent", config.userAgent())
                .header("Accept", ACCEPT);
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        if (lastModified != null) {
            request.header("If-Modified-Since", lastModified);
        }
        HttpResponse<byte[]> response = send(request.GET().build());
        return switch (response.statusCode()) {
            case 200 -> new Fetched(response.body(), header(response, "Content-Type"), header(response, "ETag"),
                    header(response, "Last-Modified"));
            case 304 -> new Fetched(null, null, etag, lastModified);
            default -> throw new PollFailure("the server answered HTTP " + response.statusCode());
        };
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        // The request's timeout ends at the response headers; this deadline also covers a body that trickles in.
        Duration deadline = config.connectTimeout().plus(config.readTimeout());
        CompletableFuture<HttpResponse<byte[]>> response = client.sendAsync(request, info -> info.statusCode() == 200
                ? new LimitedBody(config.maxSize())
                : HttpResponse.BodySubscribers.replacing(null));
        try {
            return response.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            response.cancel(true);
            throw new PollFailure("no complete answer within " + deadline.toSeconds() + " s");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PollFailure failure) {
                throw failure;
            }
            throw new PollFailure("cannot fetch the feed: " + describe(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            response.cancel(true);
            Thread.currentThread().interrupt();
            throw new PollFailure("interrupted while fetching the feed", e);
        }
    }

    @Nullable
    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** A connection refused says only "ConnectException"; a timeout or bad certificate says more. */
    private static String describe(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName()
                : error.getClass().getSimpleName() + ": " + message;
    }
}
