package io.tidings.mail;

import java.time.Duration;

/** A {@link MailConfig} for a relay on loopback, with only what a test changes spelled out. */
final class RelaySettings {

    static final String SENDER = "news@tidings.example";

    private final int port;
    private MailConfig.SmtpSecurity security = MailConfig.SmtpSecurity.NONE;
    private String trust = "";
    private String user = "";
    private String password = "";
    private String token = "";
    private boolean plaintextAuth;
    private Duration readTimeout = Duration.ofSeconds(5);
    private Duration dataTimeout = Duration.ofSeconds(5);
    private String heloName = "";

    private RelaySettings(int port) {
        this.port = port;
    }

    static RelaySettings to(int port) {
        return new RelaySettings(port);
    }

    RelaySettings security(MailConfig.SmtpSecurity security, String trust) {
        this.security = security;
        this.trust = trust;
        return this;
    }

    RelaySettings login(String user, String password) {
        this.user = user;
        this.password = password;
        return this;
    }

    RelaySettings oauth2(String user, String token) {
        this.user = user;
        this.token = token;
        return this;
    }

    RelaySettings plaintextAuth() {
        this.plaintextAuth = true;
        return this;
    }

    RelaySettings timeouts(Duration read, Duration data) {
        this.readTimeout = read;
        this.dataTimeout = data;
        return this;
    }

    RelaySettings helo(String name) {
        this.heloName = name;
        return this;
    }

    MailConfig config() {
        return new MailConfig(SENDER, "Tidings", "127.0.0.1", port, user, password, security, trust,
                Duration.ofSeconds(5), readTimeout, Duration.ofSeconds(5), 100, plaintextAuth, token, dataTimeout, heloName);
    }

    SmtpSession open() throws Exception {
        MailConfig config = config();
        return SmtpSession.open(config, new RelayTls(config), WriteDeadlines.shared());
    }
}
