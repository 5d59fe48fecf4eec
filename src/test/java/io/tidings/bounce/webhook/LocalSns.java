package io.tidings.bounce.webhook;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SNS's side of the SES webhook on loopback: an https server (its own self-signed certificate for
 * 127.0.0.1) serving a signing certificate issued to {@code sns.amazonaws.com}, and subscription
 * links that count their visits. Keys and certificates are made by the JDK's {@code keytool}, and
 * messages signed with the signing key as SNS signs them.
 */
final class LocalSns implements AutoCloseable {

    private static final char[] PASSWORD = "changeit".toCharArray();
    static final String CERTIFICATE_PATH = "/SimpleNotificationService-0000000000000000000000.pem";
    static final String SUBSCRIBE_PATH = "/confirm";
    private final Path dir;
    private final HttpsServer server;
    private final PrivateKey signingKey;
    private final PrivateKey strangerKey;
    private final AtomicInteger confirmations = new AtomicInteger();

    LocalSns() {
        try {
            dir = Files.createTempDirectory("local-sns");
            keytool("-genkeypair", "-alias", "tls", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
                    "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-keystore", "tls.p12");
            keytool("-exportcert", "-rfc", "-alias", "tls", "-keystore", "tls.p12", "-file", "tls.pem");
            keytool("-genkeypair", "-alias", "sns", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=sns.amazonaws.com",
                    "-validity", "2", "-keystore", "sns.p12");
            keytool("-exportcert", "-rfc", "-alias", "sns", "-keystore", "sns.p12", "-file", "sns.pem");
            keytool("-genkeypair", "-alias", "stranger", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=sns.amazonaws.com",
                    "-validity", "2", "-keystore", "stranger.p12");
            signingKey = privateKey("sns.p12", "sns");
            strangerKey = privateKey("stranger.p12", "stranger");
            byte[] certificate = Files.readAllBytes(dir.resolve("sns.pem"));
            server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls()));
            server.createContext(CERTIFICATE_PATH, exchange -> {
                exchange.sendResponseHeaders(200, certificate.length);
                exchange.getResponseBody().write(certificate);
                exchange.close();
            });
            server.createContext(SUBSCRIBE_PATH, exchange -> {
                confirmations.incrementAndGet();
                byte[] answer = "<ConfirmSubscriptionResponse/>".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The service's settings that point it at this server instead of AWS. */
    String hostPattern() {
        return "127\\.0\\.0\\.1:" + server.getAddress().getPort();
    }

    Path trust() {
        return dir.resolve("tls.pem");
    }

    String certificateUrl() {
        return url(CERTIFICATE_PATH);
    }

    String subscribeUrl(String topic) {
        return url(SUBSCRIBE_PATH + "?Action=ConfirmSubscription&TopicArn=" + topic + "&Token=2336412f37fb687f");
    }

    String url(String pathAndQuery) {
        return "https://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
    }

    int confirmations() {
        return confirmations.get();
    }

    /** The signature SNS would give a message whose signed text is {@code text}, in signature version 1 or 2. */
    String sign(String text, int version) {
        return sign(text, version, signingKey);
    }

    /** A signature by a key that is not SNS's: what a forger has. */
    String forge(String text, int version) {
        return sign(text, version, strangerKey);
    }

    private static String sign(String text, int version, PrivateKey key) {
        try {
            Signature signer = Signature.getInstance(version == 1 ? "SHA1withRSA" : "SHA256withRSA");
            signer.initSign(key);
            signer.update(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private SSLContext tls() throws IOException, GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore("tls.p12"), PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private PrivateKey privateKey(String store, String alias) throws IOException, GeneralSecurityException {
        return (PrivateKey) keyStore(store).getKey(alias, PASSWORD);
    }

    private KeyStore keyStore(String file) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(file))) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    private void keytool(String... arguments) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", new String(PASSWORD), "-noprompt"));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool " + arguments[0] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
