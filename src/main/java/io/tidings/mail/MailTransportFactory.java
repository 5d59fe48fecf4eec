package io.tidings.mail;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

@Factory
class MailTransportFactory {

    private static final Logger LOG = LoggerFactory.getLogger(MailTransportFactory.class);

    @Singleton
    MailTransport mailTransport(MailConfig config, MimeMessages messages, RelayBackOffConfig backOff, @Value("${tidings.data-dir}") Path dataDir) {
        if (config.relayConfigured()) {
            LOG.info("Sending mail through {}:{} ({})", config.smtpHost(), config.port(), config.smtpSecurity());
            return new SmtpTransport(config, messages, backOff);
        }
        Path directory = dataDir.resolve("mail").toAbsolutePath();
        LOG.info("No SMTP_HOST set: writing each email as an .eml file under {}", directory);
        return new EmlFileTransport(directory, messages);
    }
}
