package io.tidings.bounce.webhook;

import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/** Checks an SNS message's signature: version 1 is SHA1withRSA, version 2 SHA256withRSA. */
@Singleton
class SnsVerifier {

    private final SnsCertificates certificates;

    SnsVerifier(SnsCertificates certificates) {
        this.certificates = certificates;
    }

    void verify(SnsMessage message) {
        String algorithm = switch (String.valueOf(message.signatureVersion())) {
            case "1" -> "SHA1withRSA";
            case "2" -> "SHA256withRSA";
            default -> throw WebhookRefusal.unbelieved("The SNS message has no SignatureVersion 1 or 2.");
        };
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(SnsMessage.required(message.signature(), "Signature"));
        } catch (IllegalArgumentException e) {
            throw WebhookRefusal.unbelieved("The SNS signature is not base64.");
        }
        String signed = message.signedText();
        PublicKey key = certificates.keyAt(SnsMessage.required(message.signingCertUrl(), "SigningCertURL"));
        boolean verified;
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(key);
            verifier.update(signed.getBytes(StandardCharsets.UTF_8));
            verified = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            verified = false;
        }
        if (!verified) {
            throw WebhookRefusal.unbelieved("The SNS signature does not verify.");
        }
    }
}
