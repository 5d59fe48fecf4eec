package io.tidings.edition;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tidings.support.HtmlChecker;
import io.tidings.support.Http;
import io.tidings.support.Mails;
import io.tidings.support.ServiceTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of email the service sends, as a reader's mail server receives it: the double opt-in, the
 * address change, a reader's digest and an operator's test copy. Their HTML must pass the W3C Nu checker,
 * their text must read well, and every link in either part must answer 200 from the running service.
 */
@MicronautTest(transactional = false)
class EveryEmailTest extends ServiceTest {

    private static final Pattern TEXT_LINK = Pattern.compile("https?://[^\\s\"<>]+");
    private final int port = freePort();
    private final String baseUrl = "http://127.0.0.1:" + port;
    private final Map<String, MimeMessage> emails = new LinkedHashMap<>();

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("micronaut.server.port", Integer.toString(port), "tidings.site.public-base-url", baseUrl,
                "tidings.articles.load-samples", "false");
    }

    @BeforeAll
    void sendOneOfEachKind() {
        emails.putAll(OneOfEachEmail.send(new Http(server.getURI()), asAdmin(), ADMIN_EMAIL, clock, this::awaitMessagesTo));
    }

    @Test
    void every_html_part_passes_the_w3c_nu_checker_without_an_error() {
        emails.forEach((kind, email) -> assertThat(HtmlChecker.errors(html(email))).as(kind).isEmpty());
    }

    @Test
    void every_link_in_every_email_answers_200() throws Exception {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        Map<String, Integer> answers = new HashMap<>();
        for (Map.Entry<String, MimeMessage> email : emails.entrySet()) {
            Set<String> links = links(email.getValue());
            assertThat(links).as(email.getKey()).contains(baseUrl + "/privacy");
            for (String link : links) {
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(link)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                answers.put(email.getKey() + ": " + link, answer.statusCode());
            }
        }
        assertThat(answers).isNotEmpty().allSatisfy((link, status) -> assertThat(status).as(link).isEqualTo(200));
        assertThat(answers.keySet()).anyMatch(link -> link.startsWith("digest: " + baseUrl + "/articles/"))
                .anyMatch(link -> link.startsWith("digest: " + baseUrl + "/unsubscribe?token="))
                .anyMatch(link -> link.startsWith("test copy: " + baseUrl + "/test-copy"))
                .anyMatch(link -> link.startsWith("address change: " + baseUrl + "/confirm?token="));
    }

    @Test
    void every_plain_text_part_is_wrapped_at_72_characters_with_whole_links_and_a_signature_separator() {
        emails.forEach((kind, email) -> {
            String text = text(email);
            assertThat(text.lines().filter(line -> !TEXT_LINK.matcher(line).matches()))
                    .as(kind).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(72));
            assertThat(text).as(kind).contains("\n\n-- \n").doesNotContain("\n\n\n");
        });
        assertThat(text(emails.get("digest"))).contains("\n\nTummy Time: How Much Does Your Baby Need?\n");
    }

    @Test
    void an_article_without_a_date_is_marked_as_added_and_never_leads_the_digest() throws MessagingException {
        MimeMessage digest = emails.get("digest");

        assertThat(digest.getSubject()).endsWith(": Is Coffee Safe While Breastfeeding?");
        String text = text(digest);
        assertThat(text.indexOf("Is Coffee Safe")).isLessThan(text.indexOf("Tummy Time"));
        assertThat(text).containsPattern("Tummy Time: How Much Does Your Baby Need\\?\nAdded \\w{3} \\d+, \\d{4}\n")
                .contains("Dr. Jane Roe · Mar 2, 2024\n");
    }

    @Test
    void the_preheader_of_a_digest_is_its_lead_summary_and_every_html_part_has_one() {
        for (Map.Entry<String, MimeMessage> email : emails.entrySet()) {
            String preheader = Jsoup.parse(html(email.getValue())).body().child(0).text();
            assertThat(preheader).as(email.getKey()).isNotBlank();
        }
        assertThat(Jsoup.parse(html(emails.get("digest"))).body().child(0).text()).startsWith("In short, a cup or two of coffee");
    }

    @Test
    void an_imported_page_without_an_address_is_shown_on_tidings_with_its_text() {
        String link = links(emails.get("digest")).stream().filter(l -> l.contains("/articles/tummy-time")).findFirst().orElseThrow();

        String page = http.get(link.substring(baseUrl.length())).body();

        assertThat(page).contains("<h1>Tummy Time: How Much Does Your Baby Need?</h1>")
                .contains("Start with a minute or two a few times a day from the first week home.");
        assertThat(http.get("/articles/no-such-article").statusCode()).isEqualTo(404);
    }

    @Test
    void the_built_in_privacy_page_says_what_the_service_keeps() {
        HttpResponse<String> page = http.get("/privacy");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Privacy policy</h1>", "Your address", "Your consents", "What we sent you",
                "Bounces and complaints", "erase");
    }

    private static Set<String> links(MimeMessage email) {
        Set<String> links = new LinkedHashSet<>();
        Jsoup.parse(html(email)).select("a[href]").forEach(a -> links.add(a.attr("href")));
        Matcher matcher = TEXT_LINK.matcher(text(email));
        while (matcher.find()) {
            links.add(matcher.group());
        }
        return links;
    }

    private static String html(MimeMessage email) {
        return Mails.part(email, "text/html");
    }

    private static String text(MimeMessage email) {
        return Mails.part(email, "text/plain").replace("\r\n", "\n");
    }
}
