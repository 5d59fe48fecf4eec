package io.tidings.edition;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.tidings.subscription.Frequency;
import io.tidings.subscription.ManageTokens;
import io.tidings.support.DatabaseCondition;
import io.tidings.support.EditionFixtures;
import io.tidings.support.FaultySmtp;
import io.tidings.support.ServiceTest;
import io.tidings.support.Sql;
import io.tidings.support.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two instances of the service on one PostgreSQL split an edition between them with SKIP LOCKED claims. */
@Tag("db")
@ExtendWith(DatabaseCondition.class)
// PostgreSQL only: the H2 execution leaves the "postgres" tag out (see pom.xml).
@Tag("postgres")
class TwoInstancesTest {

    private static final int READERS = 20_000;

    @Test
    void two_instances_send_a_20000_reader_edition_to_each_reader_exactly_once() {
        try (FaultySmtp relay = new FaultySmtp(ServiceTest.freePort()).start()) {
            Map<String, Object> properties = new HashMap<>(TestDatabase.properties());
            properties.put("tidings.mail.smtp-host", "127.0.0.1");
            properties.put("tidings.mail.smtp-port", relay.port());
            properties.put("tidings.delivery.workers", 4);
            properties.put("tidings.delivery.poll-interval", "200ms");
            properties.put("tidings.editions.schedule-enabled", false);
            properties.put("tidings.articles.load-samples", false);
            try (ApplicationContext first = ApplicationContext.run(properties);
                 ApplicationContext second = ApplicationContext.run(properties)) {
                EditionFixtures given = new EditionFixtures(new Sql(first.getBean(DataSource.class)), first.getBean(ManageTokens.class));
                given.article("Sleep in the first weeks", java.time.Instant.now().minus(Duration.ofHours(1)));
                given.readers("reader", READERS);

                first.getBean(EditionMaker.class).make(Frequency.WEEKLY);

                await().atMost(Duration.ofMinutes(2)).until(() -> relay.total() >= READERS);
                await().during(Duration.ofSeconds(1)).until(() -> relay.total() == READERS);
                assertThat(relay.receivedByRecipient()).hasSize(READERS)
                        .allSatisfy((recipient, count) -> assertThat(count).as(recipient).isEqualTo(1));
                assertThat(sent(first)).as("sent by the first instance").isPositive();
                assertThat(sent(second)).as("sent by the second instance").isPositive();
                assertThat(sent(first) + sent(second)).isEqualTo(READERS);
            }
        }
    }

    private static double sent(ApplicationContext instance) {
        return instance.getBean(MeterRegistry.class).counter("tidings.messages.sent", "kind", "digest").count();
    }
}
