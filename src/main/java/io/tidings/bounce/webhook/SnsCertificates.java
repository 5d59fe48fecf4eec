package io.tidings.bounce.webhook;

import jakarta.inject.Singleton;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * SNS's signing certificates, fetched from where a message says (an allowed SNS URL only), checked as
 * AWS's own SDK checks them (issued to an SNS name, within its validity) and kept: SNS signs with a
 * few certificates for months, so nearly every message is verified without a fetch.
 */
@Singleton
class SnsCertificates {

    private static final int KEPT = 32;
    /**
     * The names AWS issues SNS's signing certificates to: {@code sns.amazonaws.com}, and regional ones
     * such as {@code sns-cn-north-1.amazonaws.com.cn} or {@code sns-signing.ap-east-1.amazonaws.com}.
     */
    private static final Pattern SNS_NAMES = Pattern.compile("sns(-signing)?[.-]([a-z0-9-]+\\.)*amazonaws\\.com(\\.cn)?");
    private final SnsEndpoints endpoints;
    private final Clock clock;
    private final Map<URI, X509Certificate> kept = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<URI, X509Certificate> eldest) {
            return size() > KEPT;
        }
    });

    SnsCertificates(SnsEndpoints endpoints, Clock clock) {
        this.endpoints = endpoints;
        this.clock = clock;
    }

    /** The key that signed a message whose SigningCertURL is {@code url}; refused where it cannot be believed. */
    PublicKey keyAt(String url) {
        URI uri = endpoints.allowed(url, "The SigningCertURL");
        if (!uri.getPath().endsWith(".pem")) {
            throw WebhookRefusal.unbelieved("The SigningCertURL names no PEM certificate.");
        }
        X509Certificate certificate = kept.get(uri);
        if (certificate == null) {
            certificate = parse(endpoints.get(uri));
            if (!issuedToSns(certificate)) {
                throw WebhookRefusal.unbelieved("The signing certificate is not issued to SNS.");
            }
            kept.put(uri, certificate);
        }
        try {
            certificate.checkValidity(Date.from(clock.instant()));
        } catch (CertificateException e) {
            throw WebhookRefusal.unbelieved("The signing certificate is expired or not yet valid.");
        }
        return certificate.getPublicKey();
    }

    private static X509Certificate parse(byte[] pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
        } catch (CertificateException | ClassCastException e) {
            throw WebhookRefusal.unbelieved("The SigningCertURL holds no X.509 certificate.");
        }
    }

    private boolean issuedToSns(X509Certificate certificate) {
        return namesOf(certificate).stream().anyMatch(name -> SNS_NAMES.matcher(name.toLowerCase(Locale.ROOT)).matches());
    }

    /** The certificate's DNS names and the common name of its subject. */
    private static List<String> namesOf(X509Certificate certificate) {
        List<String> found = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> alternative : alternatives) {
                    if (Integer.valueOf(2).equals(alternative.get(0))) {
                        found.add(alternative.get(1).toString());
                    }
                }
            }
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    found.add(rdn.getValue().toString());
                }
            }
        } catch (CertificateParsingException | InvalidNameException e) {
            throw WebhookRefusal.unbelieved("The signing certificate's names cannot be read.");
        }
        return found;
    }
}
