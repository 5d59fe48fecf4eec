package io.tidings.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.micronaut.runtime.server.EmbeddedServer;
import io.tidings.core.TestClock;
import io.tidings.subscription.ManageTokens;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * The whole service against a real SMTP server (GreenMail) and a database of its own, H2 or
 * PostgreSQL as the Surefire execution chooses. Subclasses add {@code @MicronautTest}.
 */
@Tag("db")
@ExtendWith(DatabaseCondition.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServiceTest implements TestPropertyProvider {

    protected static final String ADMIN_TOKEN = "test-admin-token-0123456789";
    protected static final String METRICS_TOKEN = Scrape.METRICS_TOKEN;
    /** The owner made at start from ADMIN_EMAIL and ADMIN_PASSWORD. */
    protected static final String ADMIN_EMAIL = "owner@tidings.test";
    protected static final String ADMIN_PASSWORD = "test-owner-password-0123";

    private final ServerSetup smtpSetup = new ServerSetup(freePort(), "127.0.0.1", smtpProtocol());
    protected GreenMail smtp = new GreenMail(smtpSetup);

    @Inject
    protected EmbeddedServer server;
    @Inject
    protected DataSource dataSource;
    @Inject
    protected TestClock clock;
    @Inject
    protected ManageTokens manageTokens;

    protected Http http;
    /** The service's database, read as an operator with psql would. */
    protected Sql sql;
    /** Readers and articles written straight into that database. */
    protected EditionFixtures given;

    @Override
    public Map<String, String> getProperties() {
        smtp.start();
        Map<String, String> properties = new HashMap<>();
        TestDatabase.properties().forEach((key, value) -> properties.put(key, value.toString()));
        // A free port: other services (and other test runs) may hold 8080.
        properties.put("micronaut.server.port", "-1");
        properties.put("tidings.mail.smtp-host", "127.0.0.1");
        properties.put("tidings.mail.smtp-port", Integer.toString(smtpSetup.getPort()));
        properties.put("tidings.delivery.poll-interval", "200ms");
        properties.put("tidings.delivery.first-retry", "1s");
        properties.put("tidings.delivery.max-retry", "2s");
        properties.put("tidings.delivery.greylist-retry", "1s");
        properties.put("tidings.subscription.requests-per-client-minute", "10000");
        properties.put("tidings.admin-token", ADMIN_TOKEN);
        properties.put("tidings.admin-email", ADMIN_EMAIL);
        properties.put("tidings.admin-password", ADMIN_PASSWORD);
        properties.put("tidings.metrics-token", METRICS_TOKEN);
        properties.put("tidings.editions.schedule-enabled", "false");
        properties.putAll(extraProperties());
        return properties;
    }

    /** The relay's protocol: plain SMTP unless a test class needs implicit TLS. */
    protected String smtpProtocol() {
        return ServerSetup.PROTOCOL_SMTP;
    }

    /** Settings a test class needs on top of the shared ones. */
    protected Map<String, String> extraProperties() {
        return Map.of();
    }

    @BeforeEach
    void connectHttp() {
        http = new Http(server.getURI());
        sql = new Sql(dataSource);
        given = new EditionFixtures(sql, manageTokens);
    }

    @AfterAll
    void stopSmtp() {
        smtp.stop();
    }

    /** The header that signs a request in as the operator. */
    protected static String[] asAdmin() {
        return new String[]{"Authorization", "Bearer " + ADMIN_TOKEN};
    }

    /** The sign-in form's fields for the owner. */
    protected static Map<String, String> ownerSignIn() {
        return Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD);
    }

    /** Brings the relay back on the same port after a test stopped it. */
    protected void restartSmtp() {
        smtp = new GreenMail(smtpSetup);
        smtp.start();
    }

    /** Waits until {@code count} messages reached {@code address}, and returns them. */
    protected List<MimeMessage> awaitMessagesTo(String address, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> messagesTo(address).size() >= count);
        return messagesTo(address);
    }

    protected List<MimeMessage> messagesTo(String address) {
        return Arrays.stream(smtp.getReceivedMessagesForDomain(address))
                .filter(message -> recipientIs(message, address))
                .toList();
    }

    private static boolean recipientIs(MimeMessage message, String address) {
        try {
            return Arrays.stream(message.getAllRecipients())
                    .anyMatch(recipient -> recipient.toString().toLowerCase().contains(address.toLowerCase()));
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A port nothing listens on, until someone binds it. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
