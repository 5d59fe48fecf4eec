package io.tidings.mail;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * DKIM signing: the signing domain ({@code d=}), the selector ({@code s=}, published at
 * {@code <selector>._domainkey.<domain>}) and the path of the PEM file holding the private key (RSA or
 * Ed25519); two comma-separated selectors and paths sign every message twice. All three unset means
 * no signing; some of them set is a mistake the start refuses.
 */
@ConfigurationProperties("tidings.mail.dkim")
public record DkimConfig(@Nullable String domain, @Nullable String selector, @Nullable String privateKey) {

    public DkimConfig {
        domain = blankToNull(domain);
        selector = blankToNull(selector);
        privateKey = blankToNull(privateKey);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
