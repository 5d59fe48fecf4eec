package io.tidings.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An HTTP client for tests that behaves like one browser: it keeps cookies, follows no redirects and
 * returns every status as it came. {@link #postForm} submits a form as the site's own page would,
 * with the CSRF token of its form; {@link #post} sends exactly the body it is given.
 */
public final class Http {

    private static final String CSRF_COOKIE = "tidings_csrf";
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .cookieHandler(cookies).build();
    private final URI base;
    private String csrfField;
    private String csrfFieldCookie;

    public Http(URI base) {
        this.base = base;
    }

    /** The CSRF token the site's forms carry for this browser's cookie, from the form page when it is new. */
    public String csrfToken() {
        if (csrfCookie() == null || !csrfCookie().equals(csrfFieldCookie)) {
            Matcher field = CSRF_FIELD.matcher(get("/").body());
            csrfField = field.find() ? field.group(1) : null;
            csrfFieldCookie = csrfCookie();
        }
        return csrfField;
    }

    /** The Cookie header that goes with {@link #csrfToken()}, for a test that writes its requests by hand. */
    public String csrfCookieHeader() {
        csrfToken();
        return CSRF_COOKIE + "=" + csrfCookie();
    }

    private String csrfCookie() {
        return cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals(CSRF_COOKIE))
                .map(HttpCookie::getValue)
                .findFirst().orElse(null);
    }

    public HttpResponse<String> get(String pathAndQuery, String... headers) {
        return send(request(pathAndQuery, headers).GET());
    }

    public HttpResponse<String> postJson(String path, String json, String... headers) {
        return post(path, "application/json", json, headers);
    }

    public HttpResponse<String> putJson(String path, String json, String... headers) {
        return send(request(path, headers).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> postForm(String path, Map<String, String> fields, String... headers) {
        Map<String, String> submitted = new LinkedHashMap<>(fields);
        submitted.putIfAbsent("csrf", csrfToken());
        String body = submitted.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return post(path, "application/x-www-form-urlencoded", body, headers);
    }

    public HttpResponse<String> post(String path, String contentType, String body, String... headers) {
        return send(request(path, headers).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A POST of raw bytes, for bodies that are not (or not only) UTF-8 text. */
    public HttpResponse<String> post(String path, String contentType, byte[] body, String... headers) {
        return send(request(path, headers).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** A request of any method without a body, such as DELETE. */
    public HttpResponse<String> send(String method, String path, String... headers) {
        return send(request(path, headers).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private HttpRequest.Builder request(String pathAndQuery, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(pathAndQuery));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
