package io.tidings.article;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A site publishing feeds, on a free local port: it serves what a test put at a path, answers 304
 * when a request's validator matches, redirects, and keeps every request's headers.
 */
public final class FeedServer implements AutoCloseable {

    private record Answer(int status, String contentType, byte[] body, String etag, String lastModified,
                          String location) {
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, List<Headers>> requests = new ConcurrentHashMap<>();
    private final Set<String> hanging = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closed = new CountDownLatch(1);

    public FeedServer() {
        this(InetAddress.getLoopbackAddress());
    }

    /** A site at another address of the machine, such as 127.0.0.2, which Linux answers without configuration. */
    FeedServer(InetAddress address) {
        try {
            server = HttpServer.create(new InetSocketAddress(address, 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        // Feeds are polled a few at a time.
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    public String url(String path) {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + port() + path;
    }

    int port() {
        return server.getAddress().getPort();
    }

    public void serve(String path, String contentType, String body) {
        serve(path, contentType, body, null, null);
    }

    /** Serves with validators: a request that sends either one back gets 304. */
    void serve(String path, String contentType, String body, String etag, String lastModified) {
        answers.put(path, new Answer(200, contentType, body.getBytes(StandardCharsets.UTF_8), etag, lastModified, null));
    }

    void fail(String path, int status) {
        answers.put(path, new Answer(status, "text/plain", "failed".getBytes(StandardCharsets.UTF_8), null, null, null));
    }

    /** Answers 302 with the given {@code Location}. */
    void redirect(String path, String location) {
        answers.put(path, new Answer(302, "text/plain", new byte[0], null, null, location));
    }

    /** Takes requests for the path and never answers them, until the server closes. */
    void hang(String path) {
        hanging.add(path);
    }

    List<Headers> requests(String path) {
        return List.copyOf(requests.getOrDefault(path, List.of()));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Headers headers = exchange.getRequestHeaders();
            requests.computeIfAbsent(path, key -> new CopyOnWriteArrayList<>()).add(headers);
            if (hanging.contains(path)) {
                awaitClose();
                return;
            }
            Answer answer = answers.get(path);
            if (answer == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            boolean unchanged = (answer.etag() != null && answer.etag().equals(headers.getFirst("If-None-Match")))
                    || (answer.lastModified() != null && answer.lastModified().equals(headers.getFirst("If-Modified-Since")));
            if (unchanged) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            if (answer.etag() != null) {
                exchange.getResponseHeaders().set("ETag", answer.etag());
            }
            if (answer.lastModified() != null) {
                exchange.getResponseHeaders().set("Last-Modified", answer.lastModified());
            }
            if (answer.location() != null) {
                exchange.getResponseHeaders().set("Location", answer.location());
            }
            exchange.sendResponseHeaders(answer.status(), answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }

    private void awaitClose() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }

    /**
     * {@code properties} for a service that reads a site like this one: the tests poll, or run the schedule,
     * themselves, and the site is on the loopback (which a test class of the address fence may forbid).
     */
    static Map<String, String> readerOfTestSites(Map<String, String> properties) {
        Map<String, String> reading = new HashMap<>(properties);
        reading.put("tidings.feed.check-interval", "1h");
        reading.putIfAbsent("tidings.feed.allow-private", "true");
        return reading;
    }
}
