package io.tidings.mail;

import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Relay settings that could never work, or would put a line into a command, stop the service at start. */
class MailTransportFactoryTest {

    @Test
    void an_smtp_helo_name_must_be_a_domain_or_an_address_literal() throws Exception {
        assertThat(transport(RelaySettings.to(25).helo("mail.tidings.example"))).isInstanceOf(SmtpTransport.class);
        assertThat(transport(RelaySettings.to(25).helo("[192.0.2.1]"))).isInstanceOf(SmtpTransport.class);

        for (String bad : new String[] {"mail.tidings.example\r\nRSET", "mail tidings", "[192.0.2.1"}) {
            assertThatThrownBy(() -> transport(RelaySettings.to(25).helo(bad)))
                    .as(bad).isInstanceOf(ConfigurationException.class).hasMessageContaining("SMTP_HELO_NAME");
        }
    }

    @Test
    void an_oauth2_token_needs_the_mailbox_it_logs_in_as() {
        assertThatThrownBy(() -> transport(RelaySettings.to(25).oauth2("", "ya29.token")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("SMTP_OAUTH2_TOKEN");
    }

    private static MailTransport transport(RelaySettings settings) throws Exception {
        MailConfig config = settings.config();
        MimeMessages messages = new MimeMessages(config, Clock.systemUTC(), new DkimSigning(new DkimConfig(null, null, null), config));
        return new MailTransportFactory().mailTransport(config, messages,
                new RelayBackOffConfig(Duration.ofSeconds(30), 3), Clock.systemUTC(), Path.of("data"));
    }
}
