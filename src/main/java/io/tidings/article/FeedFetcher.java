package io.tidings.article;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches a feed with a conditional GET, within the configured time and size. Redirects are followed here,
 * a few at most and never from https to http, each to a public address only ({@link FeedAddresses}).
 */
@Singleton
class FeedFetcher {

    private static final String ACCEPT =
            "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";
    private static final int MAX_REDIRECTS = 5;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final HttpClient client;
    private final FeedConfig config;
    private final FeedAddresses addresses;

    FeedFetcher(FeedConfig config, FeedAddresses addresses) {
        this.config = config;
        this.addresses = addresses;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
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

    /** @param limit when the poll must end, whatever the fetch's own timeouts allow */
    Fetched fetch(URI url, @Nullable String etag, @Nullable String lastModified, Deadline limit) {
        // The timeouts cover every hop together, and a body that trickles in.
        Duration timeout = config.connectTimeout().plus(config.readTimeout());
        Deadline deadline = Deadline.after(timeout, "no complete answer within " + timeout.toSeconds() + " s").or(limit);
        URI at = url;
        for (int redirects = 0; ; redirects++) {
            addresses.check(at);
            HttpResponse<byte[]> response = send(request(at, etag, lastModified, deadline), deadline);
            int status = response.statusCode();
            if (!REDIRECTS.contains(status)) {
                return switch (status) {
                    case 200 -> new Fetched(response.body(), header(response, "Content-Type"), header(response, "ETag"),
                            header(response, "Last-Modified"));
                    case 304 -> new Fetched(null, null, etag, lastModified);
                    default -> throw new PollFailure("the server answered HTTP " + status);
                };
            }
            if (redirects == MAX_REDIRECTS) {
                throw new PollFailure("more than " + MAX_REDIRECTS + " redirects");
            }
            at = redirectTarget(at, response);
        }
    }

    private HttpRequest request(URI url, @Nullable String etag, @Nullable String lastModified, Deadline deadline) {
        deadline.check();
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                // The deadline is kept by send(), which then fails with its own words; a request timeout
                // cut to the time left would race it and fail with the client's.
                .timeout(config.readTimeout())
                .header("User-Agent", config.userAgent())
                .header("Accept", ACCEPT);
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        if (lastModified != null) {
            request.header("If-Modified-Since", lastModified);
        }
        return request.GET().build();
    }

    private static URI redirectTarget(URI from, HttpResponse<?> response) {
        String location = header(response, "Location");
        if (location == null) {
            throw new PollFailure("the server answered HTTP " + response.statusCode() + " without a Location");
        }
        URI to;
        try {
            to = from.resolve(location.strip());
        } catch (IllegalArgumentException e) {
            throw new PollFailure("a redirect to a malformed URL", e);
        }
        if (!WebUrls.isWeb(to)) {
            throw new PollFailure("a redirect to " + WebUrls.scheme(to) + ": is not followed");
        }
        if (WebUrls.scheme(to).equals("http") && WebUrls.scheme(from).equals("https")) {
            throw new PollFailure("a redirect from https to http is not followed");
        }
        return to;
    }

    private HttpResponse<byte[]> send(HttpRequest request, Deadline deadline) {
        CompletableFuture<HttpResponse<byte[]>> response = client.sendAsync(request, info -> info.statusCode() == 200
                ? new LimitedBody(config.maxSize())
                : HttpResponse.BodySubscribers.replacing(null));
        try {
            return response.get(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            response.cancel(true);
            throw new PollFailure(deadline.failure());
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
