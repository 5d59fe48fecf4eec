package io.tidings.mail;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.Mails;
import io.tidings.support.ServiceTest;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With no relay configured, every email lands as an .eml file a person can open. */
@MicronautTest(transactional = false)
class EmlFileTransportTest extends ServiceTest {

    private final Path dataDir = createTempDir();

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("tidings.mail.smtp-host", "", "tidings.data-dir", dataDir.toString());
    }

    @Test
    void writes_one_complete_rfc5322_file_per_email_under_data_dir_mail() throws Exception {
        http.postJson("/api/subscriptions", "{\"email\":\"reader@example.com\",\"name\":\"Ré Ader\",\"consent\":true}");

        Path mailDir = dataDir.resolve("mail");
        await().atMost(Duration.ofSeconds(20)).until(() -> emlFiles(mailDir).size() == 1);

        MimeMessage message;
        try (InputStream in = Files.newInputStream(emlFiles(mailDir).get(0))) {
            message = new MimeMessage(Session.getInstance(new Properties()), in);
        }
        assertThat(((InternetAddress) message.getRecipients(MimeMessage.RecipientType.TO)[0]).getPersonal()).isEqualTo("Ré Ader");
        assertThat(message.getSubject()).startsWith("Confirm your subscription");
        assertThat(message.getMessageID()).isNotBlank();
        assertThat(message.getSentDate()).isNotNull();
        assertThat(Mails.part(message, "text/plain")).contains("/confirm?token=");
        assertThat(Mails.part(message, "text/html")).contains("/confirm?token=");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    private static List<Path> emlFiles(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".eml")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("tidings-eml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
