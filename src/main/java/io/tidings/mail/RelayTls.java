package io.tidings.mail;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * TLS to the relay, for implicit TLS and for STARTTLS: the JVM's CAs and a check that the
 * certificate names the relay, unless {@code SMTP_TLS_TRUST} names the relay's host (or is
 * {@code *}), in which case the operator vouches for whatever certificate it shows.
 */
final class RelayTls {

    private final String host;
    private final int port;
    private final boolean vouchedFor;
    private final SSLSocketFactory factory;

    RelayTls(MailConfig config) {
        this.host = config.smtpHost();
        this.port = config.port();
        List<String> trusted = List.of(config.smtpTlsTrust().strip().split("[\\s,]+"));
        this.vouchedFor = trusted.contains("*") || trusted.contains(host);
        this.factory = vouchedFor ? acceptingAny() : (SSLSocketFactory) SSLSocketFactory.getDefault();
    }

    /** TLS over the connected socket, handshake done; closing it closes the socket beneath. */
    Socket wrap(Socket plain) throws IOException {
        SSLSocket tls = (SSLSocket) factory.createSocket(plain, host, port, true);
        if (!vouchedFor) {
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(parameters);
        }
        tls.startHandshake();
        return tls;
    }

    private static SSLSocketFactory acceptingAny() {
        TrustManager any = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                // Only ever a client here.
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // The operator named this relay in SMTP_TLS_TRUST.
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {any}, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no TLS", e);
        }
    }
}
