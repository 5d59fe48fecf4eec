package io.tidings.bounce;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.MailboxServer;
import io.tidings.support.Scrape;
import io.tidings.support.ServiceTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bounce mailbox read from a real IMAP and POP3 server (GreenMail). The DSNs in it are Postfix's
 * own (src/test/resources/mailbox/README.md says how they were made); the other mail is what a reader's
 * mail client writes. Bounces are recorded, then removed; other mail is left as it was, unread.
 */
@MicronautTest(transactional = false)
class BounceMailboxTest extends ServiceTest {

    private final MailboxServer mailbox = new MailboxServer();

    @Inject
    BounceMailbox poller;
    @Inject
    BounceMailboxConfig config;
    @Inject
    InboundMessages inbound;
    @Inject
    BounceLog bounces;

    @Override
    protected Map<String, String> extraProperties() {
        mailbox.start();
        // Two messages a page: the pages shift under the poller as it removes what it handled.
        return Map.of("tidings.bounce-mailbox.url", mailbox.url("imap"),
                "tidings.bounce-mailbox.poll", "1h",
                "tidings.bounce-mailbox.page-size", "2");
    }

    @AfterAll
    void stopMailbox() {
        mailbox.close();
    }

    @BeforeEach
    void readers() {
        given.clear();
        sql.update("DELETE FROM bounce");
        given.reader("gone@example.com", null, "WEEKLY", "CONFIRMED");
        given.reader("full@example.com", null, "WEEKLY", "CONFIRMED");
        given.reader("picky@example.com", null, "WEEKLY", "CONFIRMED");
        mailbox.clear();
    }

    @Test
    void over_imap_bounces_are_recorded_and_removed_and_other_mail_is_left_unread() throws Exception {
        byte[] reply = BounceRoundTrip.humanReply();
        mailbox.deliver(reply);
        mailbox.deliver(sample("gone"));
        mailbox.deliver(sample("full"));
        mailbox.deliver(reply);
        mailbox.deliver(sample("picky"));
        Scrape before = Scrape.of(http);

        poller.poll();

        assertThat(statusOf("gone@example.com")).isEqualTo("BOUNCED");
        assertThat(statusOf("full@example.com")).isEqualTo("CONFIRMED");
        assertThat(statusOf("picky@example.com")).isEqualTo("CONFIRMED");
        assertThat(sql.count("SELECT COUNT(*) FROM bounce WHERE source = 'mailbox'")).isEqualTo(3);
        assertThat(mailbox.inbox()).hasSize(2).allSatisfy(left -> {
            assertThat(left.subject()).isEqualTo("Re: your newsletter");
            assertThat(left.seen()).as("not even marked read").isFalse();
        });
        Scrape after = Scrape.of(http);
        assertThat(after.value("tidings_bounce_mailbox_messages_total", "result", "removed")
                - before.value("tidings_bounce_mailbox_messages_total", "result", "removed")).isEqualTo(3);
        assertThat(after.value("tidings_bounce_mailbox_messages_total", "result", "left")
                - before.value("tidings_bounce_mailbox_messages_total", "result", "left")).isEqualTo(2);
        assertThat(after.value("tidings_bounce_mailbox_last_poll_seconds", "outcome", "ok"))
                .isEqualTo(clock.instant().getEpochSecond(), org.assertj.core.data.Offset.offset(1.0));

        poller.poll();
        assertThat(mailbox.inbox()).as("left alone on every poll").hasSize(2);
        assertThat(sql.count("SELECT COUNT(*) FROM bounce")).as("and nothing read twice").isEqualTo(3);
    }

    @Test
    void exims_bounces_are_read_by_their_next_hops_reply_or_by_exims_own_words() throws Exception {
        given.reader("stray@elsewhere.test", null, "WEEKLY", "CONFIRMED");
        mailbox.deliver(sample("exim", "gone"));
        mailbox.deliver(sample("exim", "stray"));

        poller.poll();

        assertThat(statusOf("gone@example.com")).isEqualTo("BOUNCED");
        assertThat(sql.text("SELECT type || ' ' || status || ' ' || diagnostic FROM bounce WHERE recipient = 'gone@example.com'"))
                .as("Exim's bare 5.0.0 gives way to the next hop's 5.1.1")
                .isEqualTo("hard 5.1.1 smtp; 550 5.1.1 <gone@example.com>: Recipient address rejected: User unknown");
        assertThat(statusOf("stray@elsewhere.test")).as("Exim's router found no way to the domain").isEqualTo("BOUNCED");
        assertThat(sql.text("SELECT type || ' ' || status || ' ' || diagnostic FROM bounce WHERE recipient = 'stray@elsewhere.test'"))
                .isEqualTo("hard 5.0.0 Unrouteable address");
        assertThat(mailbox.inbox()).isEmpty();
    }

    @Test
    void each_recipient_of_one_exim_bounce_is_read_by_what_exim_says_of_it() throws Exception {
        InboundMessages.Reading reading = inbound.read(new java.io.ByteArrayInputStream(sample("exim", "gone-stray")), Source.MAILBOX);

        assertThat(reading.reports()).extracting(report -> report.clues().recipient() + " " + report.type().label()
                        + " " + report.status() + " " + report.diagnostic())
                .containsExactly("stray@elsewhere.test hard 5.0.0 Unrouteable address",
                        "gone@example.com hard 5.1.1 smtp; 550 5.1.1 <gone@example.com>: Recipient address rejected: User unknown");
    }

    @Test
    void over_pop3_bounces_are_recorded_and_deleted_and_other_mail_is_left() throws Exception {
        mailbox.deliver(sample("gone"));
        mailbox.deliver(BounceRoundTrip.humanReply());
        BounceMailbox pop3 = pollerOf(mailbox.url("pop3"), new BounceMailboxHealth(address(mailbox.url("pop3")),
                new SimpleMeterRegistry()));

        MailboxPoll poll = pop3.read();

        assertThat(poll.result()).isEqualTo(MailboxPoll.Result.OK);
        assertThat(poll.removed()).isEqualTo(1);
        assertThat(poll.left()).isEqualTo(1);
        assertThat(statusOf("gone@example.com")).isEqualTo("BOUNCED");
        // Left, though not unread: POP3 has no way to read a message but RETR, which servers that share
        // their flags with IMAP (GreenMail, Dovecot) take as reading it. IMAP's BODY.PEEK[] has no such cost.
        assertThat(mailbox.inbox()).extracting(MailboxServer.Held::subject).containsExactly("Re: your newsletter");
    }

    @Test
    void with_a_done_folder_bounces_are_moved_there_instead_of_deleted() throws Exception {
        mailbox.deliver(sample("gone"));
        mailbox.deliver(BounceRoundTrip.humanReply());
        BounceMailboxConfig moving = new BounceMailboxConfig(config.url(), config.poll(), "Processed", 100,
                config.timeout(), null);
        BounceMailbox poller = new BounceMailbox(new MailboxAddress(moving), moving, inbound, bounces,
                new BounceMailboxHealth(new MailboxAddress(moving), new SimpleMeterRegistry()), Clock.systemUTC());

        poller.read();

        assertThat(statusOf("gone@example.com")).isEqualTo("BOUNCED");
        assertThat(mailbox.inbox()).extracting(MailboxServer.Held::subject).containsExactly("Re: your newsletter");
        assertThat(mailbox.folder("Processed")).extracting(MailboxServer.Held::subject)
                .containsExactly("Undelivered Mail Returned to Sender");
    }

    @Test
    void a_bounce_the_database_cannot_record_stays_in_the_mailbox_until_it_can() throws Exception {
        mailbox.deliver(sample("gone"));
        sql.update("ALTER TABLE bounce RENAME TO bounce_elsewhere");
        try {
            poller.poll();

            assertThat(mailbox.inbox()).extracting(MailboxServer.Held::subject)
                    .containsExactly("Undelivered Mail Returned to Sender");
            assertThat(statusOf("gone@example.com")).isEqualTo("CONFIRMED");
            assertThat(http.get("/health").body()).contains("DEGRADED");
            assertThat(http.get("/admin/health", asAdmin()).body()).contains("a bounce could not be recorded");
            assertThat(Scrape.of(http).value("tidings_bounce_mailbox_last_poll_seconds", "outcome", "failed"))
                    .isPositive();
        } finally {
            sql.update("ALTER TABLE bounce_elsewhere RENAME TO bounce");
        }

        poller.poll();

        assertThat(mailbox.inbox()).isEmpty();
        assertThat(statusOf("gone@example.com")).isEqualTo("BOUNCED");
        assertThat(http.get("/health").body()).doesNotContain("DEGRADED");
    }

    @Test
    void a_mailbox_that_cannot_be_read_is_degraded_and_its_password_is_shown_nowhere() {
        String wrong = mailbox.url("imap").replace(MailboxServer.LOGIN + ":", MailboxServer.LOGIN + ":not-the-");
        BounceMailboxHealth health = new BounceMailboxHealth(address(wrong), new SimpleMeterRegistry());
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(BounceMailbox.class);
        logged.start();
        logger.addAppender(logged);
        try {
            pollerOf(wrong, health).poll();
        } finally {
            logger.detachAppender(logged);
        }

        HealthResult result = Mono.from(health.getResult()).block();
        assertThat(result.getStatus()).isEqualTo(BounceMailboxHealth.DEGRADED);
        assertThat(result.getDetails().toString()).contains("cannot read the mailbox", "bounces@127.0.0.1")
                .doesNotContain("not-the-", "s3cret", "odd");
        assertThat(logged.list).isNotEmpty().allSatisfy(event ->
                assertThat(event.getFormattedMessage()).doesNotContain("not-the-", "s3cret", "odd"));
    }

    private BounceMailbox pollerOf(String url, BounceMailboxHealth health) {
        BounceMailboxConfig other = new BounceMailboxConfig(url, config.poll(), null, 2, config.timeout(), null);
        return new BounceMailbox(new MailboxAddress(other), other, inbound, bounces, health, Clock.systemUTC());
    }

    private MailboxAddress address(String url) {
        return new MailboxAddress(new BounceMailboxConfig(url, config.poll(), null, 2, config.timeout(), null));
    }

    private String statusOf(String email) {
        return sql.text("SELECT status FROM subscriber WHERE email = ?", email);
    }

    /** A DSN that Postfix wrote when a next hop refused this reader (see src/test/resources/mailbox/README.md). */
    static byte[] sample(String reader) {
        return sample("postfix", reader);
    }

    /** A DSN that this software ({@code postfix}, {@code exim}) wrote about this reader. */
    static byte[] sample(String software, String reader) {
        try (InputStream in = BounceMailboxTest.class.getResourceAsStream("/mailbox/" + software + "-dsn-" + reader + ".eml")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
