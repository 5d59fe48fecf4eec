package io.tidings.mail;

import io.tidings.mail.BounceClassifier.Stage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Replies as real servers write them (Postfix, Exim, Gmail, Outlook, SES), read by what they are about. */
class BounceClassifierTest {

    private static final String SENDER = "news@tidings.example";

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            RECIPIENT | 550 | 5.1.1 <ann@example.org>: Recipient address rejected: User unknown in virtual mailbox table | hard    | 5.1.1
            RECIPIENT | 550 | 5.1.0 <news@tidings.example>: Sender address rejected: User unknown in local recipient table | blocked | 5.1.0
            RECIPIENT | 553 | 5.7.1 <news@tidings.example>: Sender address rejected: not owned by user ann | blocked | 5.7.1
            # Exim 4.96 (Debian 12) verbatim, lines joined as SmtpReply.text() joins them, its test addresses made ours:
            # its router finds no way to the domain; its callout to the next hop finds no such user; the same for the sender.
            RECIPIENT | 550 | Unrouteable address                                                    | hard    |
            RECIPIENT | 550 | 550-Callout verification failed: 550 550 5.1.1 <ann@example.org>: Recipient address rejected: User unknown | hard | 5.1.1
            RECIPIENT | 550 | 550-Verification failed for <news@tidings.example> 550-Called:   127.0.0.1 550-Sent:     RCPT TO:<news@tidings.example> 550-Response: 550 5.1.1 <news@tidings.example>: Recipient address rejected: User unknown 550 Sender verify failed | blocked | 5.1.1
            RECIPIENT | 550 | 550-Verification failed for <news@tidings.example> 550-Unrouteable address 550 Sender verify failed | blocked |
            RECIPIENT | 550 | 5.2.1 The email account that you tried to reach is disabled.           | hard    | 5.2.1
            RECIPIENT | 552 | 5.2.2 The email account that you tried to reach is over quota.         | soft    | 5.2.2
            RECIPIENT | 550 | 5.7.26 Unauthenticated email from tidings.example is not accepted due to domain's DMARC policy | blocked | 5.7.26
            RECIPIENT | 450 | 4.2.0 <ann@example.org>: Recipient address rejected: Greylisted, see https://postgrey.schweikert.ch/ | soft | 4.2.0
            RECIPIENT | 450 | 4.1.1 <ann@example.org>: Recipient address rejected: unverified address | soft | 4.1.1
            RECIPIENT | 550 | Requested action not taken: mailbox unavailable                        | hard    |
            RECIPIENT | 554 | Transaction failed                                                     | blocked |
            RECIPIENT | 550 | 5.0.0 Error: command failed                                            | soft    | 5.0.0
            SENDER    | 550 | 5.1.0 Sender rejected                                                  | blocked | 5.1.0
            SENDER    | 451 | 4.3.0 Temporary lookup failure                                         | soft    | 4.3.0
            DATA      | 552 | 5.3.4 Message size exceeds fixed limit                                 | message | 5.3.4
            DATA      | 552 | Message too large                                                      | message |
            DATA      | 554 | Email address is not verified. The following identities failed the check in region EU-WEST-1: news@tidings.example | blocked |
            DATA      | 550 | 5.7.1 Message rejected as spam by Content Filtering.                   | blocked | 5.7.1
            DATA      | 554 | 5.6.0 Message content rejected                                         | message | 5.6.0
            CONNECTION | 421 | 4.7.0 Try again later, closing connection.                            | blocked | 4.7.0
            CONNECTION | 421 | Too many concurrent SMTP connections; please try again later          | blocked |
            """)
    void reads_a_reply_by_what_it_is_about(Stage stage, int code, String text, String type, String status) {
        Diagnosis diagnosis = BounceClassifier.reply(stage, code, text, SENDER);
        assertThat(diagnosis.type().label()).isEqualTo(type);
        assertThat(diagnosis.status()).isEqualTo(status);
        assertThat(diagnosis.permanent()).isEqualTo(code >= 500);
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', textBlock = """
            5.1.1 | smtp; 550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown | true  | hard    | 5.1.1
            5.0.0 | smtp; 550 5.1.1 The email account that you tried to reach does not exist | true | hard | 5.1.1
            5.0.0 | X-Postfix; Host or domain name not found. Name service error for name=nowhere.invalid type=A: Host not found | true | hard | 5.0.0
            5.2.2 | smtp; 552 5.2.2 Mailbox full                                              | true  | soft    | 5.2.2
            4.4.1 | X-Postfix; connect to mx.example.org[192.0.2.1]:25: Connection refused  | false | soft    | 4.4.1
            5.7.1 | smtp; 550 5.7.1 Service unavailable, Client host blocked using Spamhaus   | true  | blocked | 5.7.1
            5.3.4 | smtp; 552 5.3.4 Message size exceeds fixed maximum message size          | true  | message | 5.3.4
            # Exim 4.96 writes Status 5.0.0 for every failure; the next hop's reply, where there was one, says more.
            5.0.0 | smtp; 552 5.2.2 <full@example.com>: Mailbox full                         | true  | soft    | 5.2.2
            5.0.0 | smtp; 550 5.7.1 Message rejected: sender domain fails DMARC policy         | true  | blocked | 5.7.1
            # Exim's own routing failure has no Diagnostic-Code: what its report's text says under the address.
            5.0.0 | Unrouteable address                                                       | true  | hard    | 5.0.0
            """)
    void reads_a_delivery_status_notification(String status, String diagnostic, boolean failed, String type, String effective) {
        Diagnosis diagnosis = BounceClassifier.report(status, diagnostic, failed, SENDER);
        assertThat(diagnosis.type().label()).isEqualTo(type);
        assertThat(diagnosis.status()).isEqualTo(effective);
        assertThat(diagnosis.permanent()).isEqualTo(failed);
    }
}
