package io.tidings.mail;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code mail} health indicator. A relay that is down makes sending {@code DEGRADED}, an
 * operational status: the service stays live and ready (readers still subscribe, rows wait in the
 * outbox and drain later), and the health document says why mail is not leaving. The relay is
 * checked in the background, so a black-holed relay never makes a health probe wait for a timeout.
 */
@Singleton
@Readiness
class RelayHealth implements HealthIndicator {

    static final HealthStatus DEGRADED = new HealthStatus("DEGRADED", "mail cannot be sent now; it waits in the outbox",
            true, 500);
    private static final Logger LOG = LoggerFactory.getLogger(RelayHealth.class);

    private final MailTransport transport;
    private final MailConfig config;
    private final Clock clock;
    private volatile HealthResult last = HealthResult.builder("mail", HealthStatus.UNKNOWN)
            .details(Map.of("reason", "not checked yet")).build();

    RelayHealth(MailTransport transport, MailConfig config, Clock clock) {
        this.transport = transport;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${tidings.mail.check-interval}")
    void check() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("checkedAt", clock.instant().toString());
        HealthStatus status;
        if (config.relayConfigured() && config.logsIn()) {
            details.put("login", config.loginProtection());
        }
        try {
            details.put("target", transport.check());
            status = HealthStatus.UP;
        } catch (SendFailure failure) {
            details.put("error", failure.getMessage());
            status = DEGRADED;
        }
        if (!status.equals(last.getStatus())) {
            LOG.info("Mail sending is {}{}", status.getName(),
                    details.containsKey("error") ? ": " + details.get("error") : "");
        }
        last = HealthResult.builder("mail", status).details(details).build();
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(last);
    }
}
