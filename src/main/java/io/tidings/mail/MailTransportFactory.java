package io.tidings.mail;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Pattern;

@Factory
class MailTransportFactory {

    private static final Logger LOG = LoggerFactory.getLogger(MailTransportFactory.class);
    /** RFC 5321's Domain or address-literal, as far as a command line needs: no spaces, nothing to end it. */
    private static final Pattern HELO_NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\\[[0-9A-Fa-f:.IPv6]{2,60}]");

    /** Settings that would otherwise fail every connection, or put a line break into a command. */
    private static void check(MailConfig config) {
        if (!config.oauth2Token().isBlank() && !config.logsIn()) {
            throw new ConfigurationException("SMTP_OAUTH2_TOKEN is set without SMTP_USER, the mailbox it logs in as");
        }
        if (!config.heloName().isBlank() && !HELO_NAME.matcher(config.heloName()).matches()) {
            throw new ConfigurationException("SMTP_HELO_NAME must be a domain name such as mail.example.org,"
                    + " or an address literal such as [192.0.2.1]");
        }
    }

    @Singleton
    MailTransport mailTransport(MailConfig config, MimeMessages messages, RelayBackOffConfig backOff, Clock clock,
                                @Value("${tidings.data-dir}") Path dataDir) {
        if (config.relayConfigured()) {
            check(config);
            LOG.info("Sending mail through {}:{} ({})", config.smtpHost(), config.port(), config.smtpSecurity());
            if (config.logsIn() && config.allowPlaintextAuth()) {
                LOG.warn("SMTP_ALLOW_PLAINTEXT_AUTH=true: the login to {} goes in clear where the relay offers no"
                        + " STARTTLS, readable by anyone on the network between", config.smtpHost());
            } else if (config.logsIn()) {
                LOG.info("SMTP login: {}", config.loginProtection());
            }
            return new SmtpTransport(config, messages, backOff, clock);
        }
        Path directory = dataDir.resolve("mail").toAbsolutePath();
        LOG.info("No SMTP_HOST set: writing each email as an .eml file under {}", directory);
        return new EmlFileTransport(directory, messages);
    }
}
