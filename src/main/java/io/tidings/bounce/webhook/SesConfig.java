package io.tidings.bounce.webhook;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Amazon SES notifications through SNS.
 *
 * @param topicArns        the SNS topics believed, comma-separated ({@code SES_TOPIC_ARNS}); none: the endpoint is off
 * @param certificateHosts where signing certificates and subscription links may be: a pattern of the URL's
 *                         host (and port, where it names one). Only tests change it, to a local server.
 * @param certificateTrust a PEM file of the certificates trusted for fetching them, instead of the JVM's
 *                         CAs. Only tests set it, for that local server's self-signed certificate.
 * @param fetchTimeout     how long fetching a certificate or confirming a subscription may take
 */
@ConfigurationProperties("tidings.webhooks.ses")
record SesConfig(String topicArns, String certificateHosts, String certificateTrust, Duration fetchTimeout) {

    Set<String> allowedTopics() {
        return Arrays.stream(topicArns.split(","))
                .map(String::strip)
                .filter(arn -> !arn.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    Pattern hostPattern() {
        return Pattern.compile(certificateHosts);
    }
}
