package io.tidings.bounce;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.Dovecot;
import io.tidings.support.DovecotCondition;
import io.tidings.support.Postfix;
import io.tidings.support.PostfixCondition;
import io.tidings.support.ServiceTest;
import jakarta.inject.Inject;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.URLName;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A complaint the way a mailbox provider makes one, with real mail software on loopback: the service
 * sends a digest through a real Postfix, which delivers it over LMTP into the reader's mailbox on a
 * real Dovecot; the reader, over IMAP, moves it to Junk; Dovecot's Pigeonhole (IMAPSieve on Junk, the
 * {@code vnd.dovecot.report} action) writes an RFC 5965 abuse report and submits it to Postfix, which
 * delivers it to the bounce mailbox on the same Dovecot; the service reads that mailbox over IMAP. The
 * reader ends unsubscribed by complaint; nothing else changes, and the other mail in the bounce mailbox
 * stays there, unread.
 */
@MicronautTest(transactional = false)
@ExtendWith({PostfixCondition.class, DovecotCondition.class})
class DovecotComplaintEndToEndTest extends ServiceTest {

    private static final String BOUNCES = "bounces@tidings.test";
    private static final String READER = "reader@example.com";

    private final Dovecot dovecot = new Dovecot();
    private Postfix postfix;

    @Inject
    BounceMailbox poller;

    @Override
    protected Map<String, String> extraProperties() {
        int relayPort = freePort();
        // Both domains are this Dovecot's, as a provider's MX hands its mail to its mailbox servers.
        postfix = Postfix.on(relayPort)
                .set("transport_maps", "inline:{ example.com=lmtp:inet:[127.0.0.1]:" + dovecot.lmtpPort()
                        + ", tidings.test=lmtp:inet:[127.0.0.1]:" + dovecot.lmtpPort() + " }")
                .start();
        dovecot.reportingJunkTo(BOUNCES, relayPort).start();
        return Map.of("tidings.mail.smtp-port", Integer.toString(relayPort),
                "tidings.bounces.address", BOUNCES,
                "tidings.bounce-mailbox.url", dovecot.imapUrl(BOUNCES),
                "tidings.bounce-mailbox.poll", "1h");
    }

    @AfterAll
    void stopMailServers() {
        dovecot.close();
        if (postfix != null) {
            postfix.close();
        }
    }

    @Test
    void a_reader_who_moves_the_digest_to_junk_is_unsubscribed_by_the_providers_report_and_nothing_else_changes()
            throws Exception {
        given.clear();
        clock.advance(Duration.ofDays(8));
        given.article("Sleep in the first weeks", clock.instant().minus(Duration.ofHours(1)));
        long reader = given.reader(READER, null, "WEEKLY", "CONFIRMED");
        long calm = given.reader("calm@example.com", null, "WEEKLY", "CONFIRMED");
        append(BOUNCES, BounceMailboxEndToEndTest.humanReply());

        HttpResponse<String> edition = http.postJson("/admin/editions", "{\"frequency\":\"weekly\"}", asAdmin());
        assertThat(edition.statusCode()).as(edition.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(subjects(READER, "INBOX")).hasSize(1));

        moveToJunk(READER);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(subjects(BOUNCES, "INBOX")).hasSize(2));
        byte[] report = raw(BOUNCES).get(1);
        MimeMessage arf = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(report));
        assertThat(arf.getContentType()).contains("multipart/report").contains("report-type=feedback-report");
        assertThat(new String(report, StandardCharsets.US_ASCII))
                .as("written by Pigeonhole, about the digest as the reader's mailbox held it")
                .contains("Feedback-Type: abuse", "Pigeonhole/", "Dovecot-Reporting-User: <" + READER + ">",
                        "Return-Path: <bounces+");
        assertThat(sql.count("SELECT COUNT(*) FROM bounce")).isZero();

        poller.poll();

        assertThat(status(reader)).isEqualTo("UNSUBSCRIBED");
        assertThat(sql.text("SELECT kind || ' ' || source || ' ' || evidence FROM consent_event WHERE subscriber_id = ?", reader))
                .isEqualTo("unsubscribed COMPLAINT complaint (mailbox)");
        assertThat(sql.text("SELECT type || ' ' || source FROM bounce WHERE subscriber_id = ?", reader)).isEqualTo("complaint mailbox");
        assertThat(sql.count("SELECT COUNT(*) FROM bounce WHERE subscriber_id = ? AND edition_id IS NOT NULL", reader))
                .as("matched to the digest by its VERP return path").isEqualTo(1);
        assertThat(sql.count("SELECT COUNT(*) FROM suppressed_address")).isEqualTo(1);
        assertThat(status(calm)).isEqualTo("CONFIRMED");
        assertThat(sql.count("SELECT COUNT(*) FROM bounce")).isEqualTo(1);
        assertThat(subjects(BOUNCES, "INBOX")).containsExactly("Re: your newsletter");
        assertThat(seen(BOUNCES)).as("the reply is left exactly as it was: not even marked read").isFalse();
        assertThat(subjects(READER, "Junk")).as("the reader's own mailbox is the reader's").hasSize(1);
    }

    private String status(long subscriber) {
        return sql.text("SELECT status FROM subscriber WHERE id = ?", subscriber);
    }

    private Store login(String user) throws MessagingException {
        Properties settings = new Properties();
        settings.put("mail.imap.peek", "true");
        Store store = Session.getInstance(settings).getStore(new URLName(dovecot.imapUrl(user)));
        store.connect();
        return store;
    }

    private void append(String user, byte[] message) throws Exception {
        try (Store store = login(user)) {
            Folder inbox = store.getFolder("INBOX");
            inbox.appendMessages(new Message[] {new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(message))});
        }
    }

    /** What the reader does in a mail client: select the digest and press "Junk" (IMAP MOVE). */
    private void moveToJunk(String user) throws MessagingException {
        try (Store store = login(user)) {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            inbox.moveMessages(inbox.getMessages(), store.getFolder("Junk"));
            inbox.close(false);
        }
    }

    private List<String> subjects(String user, String folderName) throws MessagingException {
        try (Store store = login(user)) {
            Folder folder = store.getFolder(folderName);
            folder.open(Folder.READ_ONLY);
            List<String> subjects = new ArrayList<>();
            for (Message message : folder.getMessages()) {
                subjects.add(message.getSubject());
            }
            folder.close(false);
            return subjects;
        }
    }

    private boolean seen(String user) throws MessagingException {
        try (Store store = login(user)) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            boolean seen = inbox.getMessage(1).isSet(Flags.Flag.SEEN);
            inbox.close(false);
            return seen;
        }
    }

    private List<byte[]> raw(String user) throws Exception {
        try (Store store = login(user)) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<byte[]> all = new ArrayList<>();
            for (Message message : inbox.getMessages()) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                message.writeTo(bytes);
                all.add(bytes.toByteArray());
            }
            inbox.close(false);
            return all;
        }
    }
}
