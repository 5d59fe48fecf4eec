package io.tidings.bounce.webhook;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.tidings.bounce.Report;
import io.tidings.bounce.Source;
import io.tidings.mail.BounceType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What each provider's documented payloads come to, read as the webhooks read them. */
class ProviderPayloadsTest {

    private static final String READER = "reader@example.org";
    private static final String MESSAGE_ID = "<d.42.7@news.example.com>";
    private static final Map<String, String> NAMES = Map.of("recipient", READER, "message-id", MESSAGE_ID);
    private static final Instant RECEIVED = Instant.parse("2026-12-02T12:00:00Z");
    private final JsonMapper json = JsonMapper.createDefault();

    @Test
    void an_ses_permanent_general_bounce_with_user_unknown_is_hard_and_names_our_message() {
        List<Report> reports = SesEvents.reports(ses("ses-bounce-notification.json"), Instant.parse("2016-01-27T15:00:00Z"));

        assertThat(reports).singleElement().satisfies(report -> {
            assertThat(report.type()).isEqualTo(BounceType.HARD);
            assertThat(report.status()).isEqualTo("5.1.1");
            assertThat(report.diagnostic()).isEqualTo("smtp; 550 5.1.1 <" + READER + ">... User");
            assertThat(report.source()).isEqualTo(Source.SES);
            assertThat(report.at()).isEqualTo(Instant.parse("2016-01-27T14:59:38.237Z"));
            assertThat(report.clues().verpToken()).isNull();
            assertThat(report.clues().messageId()).isEqualTo(MESSAGE_ID);
            assertThat(report.clues().recipient()).isEqualTo(READER);
        });
    }

    @Test
    void the_event_publishing_form_reads_as_the_notification_form() {
        assertThat(SesEvents.reports(ses("ses-bounce-event.json"), RECEIVED)).singleElement().satisfies(report -> {
            assertThat(report.type()).isEqualTo(BounceType.HARD);
            assertThat(report.clues().messageId()).isEqualTo(MESSAGE_ID);
            assertThat(report.clues().recipient()).isEqualTo(READER);
        });
        assertThat(SesEvents.reports(ses("ses-complaint-event.json"), RECEIVED))
                .singleElement().extracting(Report::type).isEqualTo(BounceType.COMPLAINT);
    }

    @Test
    void an_ses_complaint_is_a_complaint_and_not_spam_feedback_is_nothing() {
        assertThat(SesEvents.reports(ses("ses-complaint-notification.json"), RECEIVED)).singleElement().satisfies(report -> {
            assertThat(report.type()).isEqualTo(BounceType.COMPLAINT);
            assertThat(report.diagnostic()).isEqualTo("complaint: abuse");
            assertThat(report.clues().recipient()).isEqualTo(READER);
        });
        String notSpam = Samples.of("ses-complaint-notification.json", NAMES).replace("\"abuse\"", "\"not-spam\"");
        assertThat(SesEvents.reports(read(notSpam, SesEvent.class), RECEIVED)).isEmpty();
    }

    @Test
    void an_ses_delivery_delay_changes_nothing() {
        assertThat(SesEvents.reports(ses("ses-delivery-delay-event.json"), RECEIVED)).isEmpty();
    }

    @Test
    void ses_bounce_types_and_subtypes_map_onto_ours() {
        assertThat(sesType("Permanent", "General", null, null)).isEqualTo(BounceType.HARD);
        assertThat(sesType("Permanent", "NoEmail", null, null)).isEqualTo(BounceType.HARD);
        assertThat(sesType("Permanent", "Suppressed", null, null)).isEqualTo(BounceType.HARD);
        assertThat(sesType("Permanent", "OnAccountSuppressionList", null, null)).isEqualTo(BounceType.HARD);
        // A permanent "General" bounce that is a policy block is the sender's, never the reader's.
        assertThat(sesType("Permanent", "General", "5.7.1", "smtp; 550 5.7.1 Message rejected due to DMARC policy"))
                .isEqualTo(BounceType.BLOCKED);
        assertThat(sesType("Permanent", "MessageTooLarge", null, null)).isEqualTo(BounceType.MESSAGE);
        assertThat(sesType("Transient", "MailboxFull", "5.2.2", "smtp; 552 5.2.2 Mailbox full")).isEqualTo(BounceType.SOFT);
        assertThat(sesType("Transient", "General", "5.1.1", "smtp; 550 5.1.1 user unknown")).isEqualTo(BounceType.SOFT);
        assertThat(sesType("Transient", "ContentRejected", null, null)).isEqualTo(BounceType.MESSAGE);
        assertThat(sesType("Undetermined", "Undetermined", null, null)).isEqualTo(BounceType.SOFT);
    }

    @Test
    void postmark_hard_bounces_and_spam_complaints_are_read_by_their_record_and_type_code() {
        Optional<Report> bounce = PostmarkEvents.report(read(Samples.of("postmark-bounce.json", NAMES), PostmarkEvent.class),
                Instant.parse("2019-11-05T16:34:00Z"));
        assertThat(bounce).get().satisfies(report -> {
            assertThat(report.type()).isEqualTo(BounceType.HARD);
            assertThat(report.diagnostic()).isEqualTo("Test bounce details");
            assertThat(report.source()).isEqualTo(Source.POSTMARK);
            assertThat(report.at()).isEqualTo(Instant.parse("2019-11-05T16:33:54.9070259Z"));
            // Postmark's MessageID is its own; the recipient finds the message.
            assertThat(report.clues().messageId()).isNull();
            assertThat(report.clues().recipient()).isEqualTo(READER);
        });
        // Postmark's documented SpamComplaint record carries TypeCode 512, SpamNotification's code.
        Optional<Report> complaint = PostmarkEvents.report(
                read(Samples.of("postmark-spam-complaint.json", NAMES), PostmarkEvent.class), RECEIVED);
        assertThat(complaint).get().extracting(Report::type).isEqualTo(BounceType.COMPLAINT);
    }

    @Test
    void postmark_type_codes_map_onto_ours() {
        assertThat(postmarkType(4096, "SoftBounce")).isEqualTo(BounceType.SOFT);
        assertThat(postmarkType(2, "Transient")).isEqualTo(BounceType.SOFT);
        assertThat(postmarkType(100000, "BadEmailAddress")).isEqualTo(BounceType.HARD);
        assertThat(postmarkType(100006, "Blocked")).isEqualTo(BounceType.BLOCKED);
        assertThat(postmarkType(100009, "DMARCPolicy")).isEqualTo(BounceType.BLOCKED);
        assertThat(postmarkType(8192, "VirusNotification")).isEqualTo(BounceType.MESSAGE);
        assertThat(postmarkType(64, "AutoResponder")).isEqualTo(BounceType.AUTO_REPLY);
        assertThat(postmarkType(16, "Unsubscribe")).isNull();
        assertThat(postmarkType(100002, "ManuallyDeactivated")).isNull();
    }

    @Test
    void sendgrid_bounces_drops_and_spam_reports_are_read_and_the_rest_changes_nothing() {
        List<SendGridEvent> events = read(Samples.of("sendgrid-events.json", NAMES), Argument.listOf(SendGridEvent.class));
        List<BounceType> types = events.stream().map(SendGridEvents::type).toList();

        // processed, deferred, delivered, dropped (Bounced Address), bounce, bounce (blocked), open, spamreport
        assertThat(types).containsExactly(null, null, null, BounceType.HARD, BounceType.HARD, BounceType.BLOCKED, null,
                BounceType.COMPLAINT);
        assertThat(SendGridEvents.report(events.get(4), Instant.ofEpochSecond(1513299569 + 60))).get().satisfies(report -> {
            assertThat(report.diagnostic()).isEqualTo("500 unknown recipient");
            assertThat(report.source()).isEqualTo(Source.SENDGRID);
            assertThat(report.at()).isEqualTo(Instant.ofEpochSecond(1513299569));
            assertThat(report.clues().messageId()).isEqualTo(MESSAGE_ID);
            assertThat(report.clues().recipient()).isEqualTo(READER);
        });
    }

    @Test
    void an_event_time_in_the_future_or_long_past_is_taken_as_the_time_it_came() {
        String future = Samples.of("sendgrid-events.json", NAMES).replace("1513299569", "99999999999999");
        List<SendGridEvent> events = read(future, Argument.listOf(SendGridEvent.class));

        assertThat(SendGridEvents.report(events.get(4), RECEIVED)).get().extracting(Report::at).isEqualTo(RECEIVED);
        // The documented SES sample is from 2016: a report that old is no event of today's mail.
        assertThat(SesEvents.reports(ses("ses-bounce-notification.json"), RECEIVED))
                .singleElement().extracting(Report::at).isEqualTo(RECEIVED);
    }

    @Test
    void sendgrid_drop_reasons_map_onto_ours() {
        assertThat(dropped("Spam Reporting Address")).isEqualTo(BounceType.COMPLAINT);
        assertThat(dropped("Invalid")).isEqualTo(BounceType.HARD);
        assertThat(dropped("Spam Content")).isEqualTo(BounceType.MESSAGE);
        assertThat(dropped("Unsubscribed Address")).isNull();
    }

    @Test
    void mailgun_permanent_failures_and_complaints_are_read_and_temporary_ones_change_nothing() {
        MailgunPayload.EventData failed = mailgun("mailgun-failed-permanent.json");
        assertThat(MailgunEvents.report(failed, RECEIVED)).get().satisfies(report -> {
            assertThat(report.type()).isEqualTo(BounceType.HARD);
            assertThat(report.status()).isEqualTo("5.1.1");
            assertThat(report.diagnostic()).startsWith("550 5.1.1 The email account");
            assertThat(report.source()).isEqualTo(Source.MAILGUN);
            assertThat(report.clues().messageId()).isEqualTo(MESSAGE_ID);
            assertThat(report.clues().recipient()).isEqualTo(READER);
        });
        assertThat(MailgunEvents.type(mailgun("mailgun-suppress-bounce.json"))).isEqualTo(BounceType.HARD);
        assertThat(MailgunEvents.type(mailgun("mailgun-complained.json"))).isEqualTo(BounceType.COMPLAINT);
        assertThat(MailgunEvents.report(mailgun("mailgun-failed-temporary.json"), RECEIVED)).isEmpty();
    }

    @Test
    void a_mailgun_message_id_without_brackets_is_matched_as_the_outbox_keeps_it() {
        String bare = Samples.of("mailgun-failed-permanent.json", Map.of("recipient", READER, "message-id", "d.42.7@news.example.com"));
        MailgunPayload.EventData event = read(bare, MailgunPayload.class).eventData();

        assertThat(MailgunEvents.report(event, RECEIVED)).get()
                .satisfies(report -> assertThat(report.clues().messageId()).isEqualTo(MESSAGE_ID));
    }

    private SesEvent ses(String file) {
        return read(Samples.of(file, NAMES), SesEvent.class);
    }

    private MailgunPayload.EventData mailgun(String file) {
        return read(Samples.of(file, NAMES), MailgunPayload.class).eventData();
    }

    private static BounceType sesType(String type, String subType, String status, String diagnostic) {
        return SesEvents.type(new SesEvent.Bounce(type, subType, List.of(), null),
                new SesEvent.Recipient(READER, status, diagnostic), "news@example.com");
    }

    private static BounceType postmarkType(int code, String type) {
        return PostmarkEvents.type(new PostmarkEvent("Bounce", code, type, READER, null, null, null, null));
    }

    private static BounceType dropped(String reason) {
        return SendGridEvents.type(new SendGridEvent("dropped", READER, MESSAGE_ID, 0L, null, "5.0.0", reason));
    }

    private <T> T read(String text, Class<T> type) {
        return read(text, Argument.of(type));
    }

    private <T> T read(String text, Argument<T> type) {
        try {
            return json.readValue(text.getBytes(StandardCharsets.UTF_8), type);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
