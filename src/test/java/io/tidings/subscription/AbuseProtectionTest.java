package io.tidings.subscription;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@MicronautTest(transactional = false)
class AbuseProtectionTest extends ServiceTest {

    private HttpResponse<String> subscribe(String email) {
        return http.postJson("/api/subscriptions", "{\"email\":\"" + email + "\",\"consent\":true}");
    }

    private long outboxRowsTo(String email) {
        return sql.count("SELECT count(*) FROM outbox WHERE recipient = ?", email);
    }

    @Test
    void confirmation_emails_to_one_address_are_capped_per_ten_minutes_and_per_day() {
        String email = "capped@example.com";
        assertThat(subscribe(email).statusCode()).isEqualTo(202);
        assertThat(subscribe(email).statusCode()).as("same answer past the cap").isEqualTo(202);
        assertThat(outboxRowsTo(email)).isEqualTo(1);

        clock.advance(Duration.ofMinutes(11));
        subscribe(email);
        clock.advance(Duration.ofMinutes(11));
        subscribe(email);
        assertThat(outboxRowsTo(email)).isEqualTo(3);

        clock.advance(Duration.ofMinutes(11));
        assertThat(subscribe(email).statusCode()).isEqualTo(202);
        assertThat(outboxRowsTo(email)).as("at most 3 a day").isEqualTo(3);

        clock.advance(Duration.ofHours(24));
        subscribe(email);
        assertThat(outboxRowsTo(email)).isEqualTo(4);
        awaitMessagesTo(email, 4);
    }

    @Test
    void a_filled_honeypot_gets_the_same_answer_and_nothing_is_stored_or_sent() {
        HttpResponse<String> response = http.postJson("/api/subscriptions",
                "{\"email\":\"bot@example.com\",\"consent\":true,\"website\":\"http://spam.example\"}");
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEqualTo("{\"status\":\"pending\"}");

        HttpResponse<String> form = http.postForm("/subscribe",
                Map.of("email", "formbot@example.com", "consent", "true", "website", "x"));
        assertThat(form.statusCode()).isEqualTo(303);

        assertThat(sql.count("SELECT count(*) FROM subscriber WHERE email_key IN ('bot@example.com', 'formbot@example.com')"))
                .isZero();
        assertThat(outboxRowsTo("bot@example.com") + outboxRowsTo("formbot@example.com")).isZero();
    }

    @Test
    void twenty_concurrent_subscribes_of_one_address_give_one_subscriber_and_one_email() throws Exception {
        String email = "race@example.com";
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                return subscribe(email).statusCode();
            }));
        }
        start.countDown();
        for (Future<Integer> answer : answers) {
            assertThat(answer.get()).isEqualTo(202);
        }
        pool.shutdown();

        assertThat(sql.count("SELECT count(*) FROM subscriber WHERE email_key = ?", email)).isEqualTo(1);
        assertThat(outboxRowsTo(email)).isEqualTo(1);
        awaitMessagesTo(email, 1);
        await().during(Duration.ofMillis(500)).until(() -> messagesTo(email).size() == 1);
    }
}
