package io.tidings.mail;

import org.eclipse.angus.mail.auth.OAuth2SaslClientFactory;

import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.sasl.RealmCallback;
import javax.security.sasl.RealmChoiceCallback;
import javax.security.sasl.Sasl;
import javax.security.sasl.SaslClient;
import javax.security.sasl.SaslException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * SMTP AUTH (RFC 4954) with the strongest mechanism both sides have. With {@code SMTP_OAUTH2_TOKEN}
 * set, XOAUTH2 alone (Microsoft 365 and Gmail, which have turned passwords off; Angus Mail's SASL
 * client). With a password, in this order: DIGEST-MD5 (the relay proves it knows the password too),
 * CRAM-MD5 (the password never crosses the wire), PLAIN (the JDK's {@code javax.security.sasl} for
 * all three), and LOGIN, which is no SASL mechanism but two base64 prompts. A refusal is transient:
 * the settings or the relay must change, not the message.
 */
final class SmtpLogin {

    static final List<String> PASSWORD_MECHANISMS = List.of("DIGEST-MD5", "CRAM-MD5", "PLAIN", "LOGIN");
    static final String OAUTH2 = "XOAUTH2";
    /** Rounds of challenge and response; the mechanisms here need at most two. */
    private static final int MAX_ROUNDS = 4;

    private final SmtpWire wire;
    private final MailConfig config;

    SmtpLogin(SmtpWire wire, MailConfig config) {
        this.wire = wire;
        this.config = config;
    }

    /** Logs in with one of the mechanisms the relay's EHLO named (its AUTH parameters; null if none). */
    void authenticate(String offered) throws IOException, SendFailure {
        List<String> mechanisms = offered == null || offered.isBlank() ? List.of() : List.of(offered.split(" +"));
        String mechanism = choose(mechanisms);
        if (mechanism.equals("LOGIN")) {
            SmtpReply reply = wire.command("AUTH LOGIN");
            reply = reply.code() == 334 ? wire.command(base64(config.smtpUser().getBytes(StandardCharsets.UTF_8))) : reply;
            reply = reply.code() == 334 ? wire.command(base64(config.smtpPassword().getBytes(StandardCharsets.UTF_8))) : reply;
            SmtpSession.expect(reply, "the login (AUTH LOGIN)");
        } else {
            sasl(mechanism);
        }
    }

    private String choose(List<String> offered) throws SendFailure {
        boolean oauth2 = !config.oauth2Token().isBlank();
        for (String mechanism : oauth2 ? List.of(OAUTH2) : PASSWORD_MECHANISMS) {
            if (offered.contains(mechanism)) {
                return mechanism;
            }
        }
        String wanted = oauth2 ? "XOAUTH2, which SMTP_OAUTH2_TOKEN needs" : "login Tidings speaks (" + String.join(", ", PASSWORD_MECHANISMS) + ")";
        throw SmtpSession.refused("SMTP_USER is set, but the relay offers no " + wanted
                + (offered.isEmpty() ? "; it offers no AUTH at all" : "; it offers " + String.join(", ", offered)));
    }

    private void sasl(String mechanism) throws IOException, SendFailure {
        SaslClient client = client(mechanism);
        try {
            String command = "AUTH " + mechanism;
            if (client.hasInitialResponse()) {
                byte[] initial = client.evaluateChallenge(new byte[0]);
                // RFC 4954: an empty initial response is written "=".
                command += " " + (initial == null || initial.length == 0 ? "=" : base64(initial));
            }
            SmtpReply reply = wire.command(command);
            for (int round = 0; reply.code() == 334; round++) {
                if (round == MAX_ROUNDS) {
                    throw new IOException("the relay's AUTH " + mechanism + " exchange does not end");
                }
                // Past the mechanism's last step (XOAUTH2's error details, DIGEST-MD5's done), an empty line ends it.
                byte[] response = client.isComplete() ? null : client.evaluateChallenge(challenge(reply));
                reply = wire.command(response == null ? "" : base64(response));
            }
            SmtpSession.expect(reply, "the login (AUTH " + mechanism + ")");
        } finally {
            client.dispose();
        }
    }

    private SaslClient client(String mechanism) throws SaslException {
        String[] mechanisms = {mechanism};
        Map<String, ?> properties = Map.of();
        SaslClient client = mechanism.equals(OAUTH2)
                ? new OAuth2SaslClientFactory().createSaslClient(mechanisms, null, "smtp", config.smtpHost(), properties, this::answer)
                : Sasl.createSaslClient(mechanisms, null, "smtp", config.smtpHost(), properties, this::answer);
        if (client == null) {
            throw new SaslException("this JVM has no SASL client for " + mechanism);
        }
        return client;
    }

    /** What a SASL client asks for: the user, the password (or token), and the realm the relay proposed. */
    private void answer(Callback[] callbacks) throws UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (callback instanceof NameCallback name) {
                name.setName(config.smtpUser());
            } else if (callback instanceof PasswordCallback password) {
                String secret = config.oauth2Token().isBlank() ? config.smtpPassword() : config.oauth2Token();
                password.setPassword(secret.toCharArray());
            } else if (callback instanceof RealmCallback realm) {
                realm.setText(realm.getDefaultText());
            } else if (callback instanceof RealmChoiceCallback realms) {
                realms.setSelectedIndex(0);
            } else {
                throw new UnsupportedCallbackException(callback);
            }
        }
    }

    private static byte[] challenge(SmtpReply reply) throws IOException {
        String text = reply.lines().get(0).substring(4).strip();
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IOException("the relay's AUTH challenge is not base64: " + text);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
