package io.tidings.support;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The harness itself: a real Dovecot serves a Maildir over IMAP, and Pigeonhole reports what a reader moves to Junk. */
@ExtendWith(DovecotCondition.class)
class DovecotTest {

    @Test
    void serves_what_is_put_in_a_maildir_and_reports_a_message_moved_to_junk_as_abuse() throws Exception {
        try (FaultySmtp feedbackLoop = new FaultySmtp(ServiceTest.freePort()).keeping(to -> true).start();
             Dovecot dovecot = new Dovecot().reportingJunkTo("fbl@tidings.test", feedbackLoop.port()).start()) {
            Files.writeString(dovecot.maildir("reader@example.org").resolve("new").resolve("1.dovecot-test"), """
                    From: news@tidings.test\r
                    To: reader@example.org\r
                    Subject: This week\r
                    Message-ID: <week-1@tidings.test>\r
                    \r
                    The news.\r
                    """, StandardCharsets.US_ASCII);

            try (Store store = Session.getInstance(new Properties()).getStore(new URLName(dovecot.imapUrl("reader@example.org")))) {
                store.connect();
                IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE);
                Message[] held = inbox.getMessages();
                assertThat(held).singleElement().satisfies(message -> assertThat(message.getSubject()).isEqualTo("This week"));
                inbox.moveMessages(held, store.getFolder("Junk"));
                inbox.close(false);
            }

            await().atMost(Duration.ofSeconds(20)).until(() -> feedbackLoop.kept().size() == 1);
            FaultySmtp.Kept report = feedbackLoop.kept().get(0);
            assertThat(report.recipients()).containsExactly("fbl@tidings.test");
            MimeMessage arf = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(report.data()));
            assertThat(arf.getContentType()).contains("multipart/report").contains("report-type=feedback-report");
            assertThat(arf.getFrom()).containsExactly(new InternetAddress("postmaster@mail.tidings.test"));
            String text = new String(report.data(), StandardCharsets.US_ASCII);
            assertThat(text).contains("Feedback-Type: abuse", "User-Agent: Dovecot/", "Pigeonhole/",
                    "Dovecot-Reporting-User: <reader@example.org>", "Message-ID: <week-1@tidings.test>");
        }
    }
}
