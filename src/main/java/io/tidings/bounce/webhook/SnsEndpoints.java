package io.tidings.bounce.webhook;

import jakarta.inject.Singleton;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The only places a message posted to {@code /webhooks/ses} may make this service fetch: https URLs
 * on an SNS host of AWS ({@code sns.<region>.amazonaws.com}, {@code sns.<region>.amazonaws.com.cn}).
 * Anything else in a message (a signing certificate or a subscription link elsewhere) is refused
 * before any connection, so a forged message can neither point the check at a key of its own nor use
 * the service to reach hosts behind it. Redirects are not followed, for the same reason.
 */
@Singleton
class SnsEndpoints {

    /** AWS's certificates are about 2 KB; a subscription's confirmation answer is smaller still. */
    private static final int MAX_BODY = 64 * 1024;
    private final Pattern hosts;
    private final Duration timeout;
    private final HttpClient client;

    SnsEndpoints(SesConfig config) {
        this.hosts = config.hostPattern();
        this.timeout = config.fetchTimeout();
        HttpClient.Builder builder = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout);
        if (!config.certificateTrust().isBlank()) {
            builder.sslContext(trusting(Path.of(config.certificateTrust())));
        }
        this.client = builder.build();
    }

    /** The URL, when it is https on an allowed host; refused otherwise. */
    URI allowed(String url, String what) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw WebhookRefusal.unbelieved(what + " is not a URL.");
        }
        String authority = uri.getRawAuthority();
        if (!"https".equalsIgnoreCase(uri.getScheme()) || authority == null || uri.getRawUserInfo() != null
                || !hosts.matcher(authority.toLowerCase(Locale.ROOT)).matches()) {
            throw WebhookRefusal.unbelieved(what + " is not an https URL on an SNS host of AWS.");
        }
        return uri;
    }

    /** The body of a 200 answer to a GET of an allowed URL; a peer failure otherwise. */
    byte[] get(URI allowed) {
        HttpRequest request = HttpRequest.newBuilder(allowed).timeout(timeout).GET().build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw WebhookRefusal.peerFailed("SNS answered " + response.statusCode() + " to " + withoutQuery(allowed) + ".");
                }
                byte[] bytes = body.readNBytes(MAX_BODY + 1);
                if (bytes.length > MAX_BODY) {
                    throw WebhookRefusal.peerFailed("SNS's answer from " + withoutQuery(allowed) + " is too large.");
                }
                return bytes;
            }
        } catch (IOException e) {
            throw WebhookRefusal.peerFailed("SNS could not be reached at " + withoutQuery(allowed) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw WebhookRefusal.peerFailed("Interrupted while reaching SNS.");
        }
    }

    /** A subscription link's query carries its token: never in a message or a log. */
    private static String withoutQuery(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
    }

    private static SSLContext trusting(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("trusted-" + n++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read tidings.webhooks.ses.certificate-trust " + pem, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("tidings.webhooks.ses.certificate-trust " + pem + " holds no usable certificate", e);
        }
    }
}
