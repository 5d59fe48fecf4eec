package io.tidings.article;

import io.micronaut.core.annotation.Nullable;
import io.tidings.core.FieldError;
import io.tidings.core.InvalidInputException;
import io.tidings.subscription.SubscriptionConfig;
import jakarta.inject.Singleton;
import org.jsoup.Jsoup;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Checks and normalises an article from any way in, naming every field it rejects. */
@Singleton
class ArticleRules {

    private static final int URL_MAX = 2000;
    private static final int GUID_MAX = 500;
    private static final int TITLE_MAX = 300;
    private static final int AUTHOR_MAX = 200;
    // Clocks disagree a little; a date further ahead than this is a mistake, not news.
    private static final Duration FUTURE_SLACK = Duration.ofDays(1);
    // Line breaks and other controls collapse to spaces: a title may end up in a Subject header.
    private static final Pattern SPACES = Pattern.compile("[\\s\\p{Cc}\\u200B\\u2060\\uFEFF]+", Pattern.UNICODE_CHARACTER_CLASS);

    private final List<String> knownTopics;
    private final TopicKeywords keywords;
    private final Clock clock;

    ArticleRules(SubscriptionConfig subscriptions, TopicKeywords keywords, Clock clock) {
        this.knownTopics = subscriptions.topics();
        this.keywords = keywords;
        this.clock = clock;
    }

    ArticleDraft check(ArticleCandidate candidate) {
        List<FieldError> errors = new ArrayList<>();
        Instant now = clock.instant();
        String url = url(candidate.url(), errors);
        String guid = oneLine(candidate.guid());
        if (guid != null && guid.length() > GUID_MAX) {
            errors.add(new FieldError("guid", "is longer than " + GUID_MAX + " characters"));
        }
        String title = oneLine(candidate.title());
        if (title == null) {
            errors.add(new FieldError("title", "is required"));
        } else if (title.length() > TITLE_MAX) {
            errors.add(new FieldError("title", "is longer than " + TITLE_MAX + " characters"));
        }
        String author = oneLine(candidate.author());
        if (author != null && author.length() > AUTHOR_MAX) {
            errors.add(new FieldError("author", "is longer than " + AUTHOR_MAX + " characters"));
        }
        notAhead("publishedAt", candidate.publishedAt(), now, errors);
        notAhead("updatedAt", candidate.updatedAt(), now, errors);
        String body = plainText(candidate.body());
        String summary = summary(plainText(candidate.summary()), body);
        SortedSet<String> topics = topics(candidate.topics(), title + " " + summary + " " + body, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new ArticleDraft(url, guid, title, summary, author, candidate.publishedAt(), candidate.updatedAt(), topics,
                candidate.source(), candidate.inDigests());
    }

    /** An absolute http(s) URL, with its scheme and host lower-cased and any fragment dropped. */
    @Nullable
    private static String url(@Nullable String raw, List<FieldError> errors) {
        String value = raw == null ? "" : raw.strip();
        if (value.isEmpty()) {
            errors.add(new FieldError("url", "is required"));
            return null;
        }
        if (value.length() > URL_MAX) {
            errors.add(new FieldError("url", "is longer than " + URL_MAX + " characters"));
            return null;
        }
        try {
            URI uri = new URI(value);
            if (!WebUrls.isWeb(uri)) {
                errors.add(new FieldError("url", "must be an absolute http or https URL"));
                return null;
            }
            return new URI(WebUrls.scheme(uri), uri.getRawAuthority().toLowerCase(Locale.ROOT), null, null, null).toString()
                    + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        } catch (URISyntaxException e) {
            errors.add(new FieldError("url", "is not a valid URL"));
            return null;
        }
    }

    private static void notAhead(String field, @Nullable Instant time, Instant now, List<FieldError> errors) {
        if (time != null && time.isAfter(now.plus(FUTURE_SLACK))) {
            errors.add(new FieldError(field, "is in the future"));
        }
    }

    /** A title and summary as an operator edits them. */
    record Text(String title, String summary) {
    }

    /** Checks an operator's title and summary: one line each, the title as long as an import's may be, the summary as its cut. */
    static Text text(@Nullable String rawTitle, @Nullable String rawSummary) {
        List<FieldError> errors = new ArrayList<>();
        String title = oneLine(rawTitle);
        if (title == null) {
            errors.add(new FieldError("title", "is required"));
        } else if (title.length() > TITLE_MAX) {
            errors.add(new FieldError("title", "is longer than " + TITLE_MAX + " characters"));
        }
        String summary = plainText(rawSummary);
        if (summary.isEmpty()) {
            errors.add(new FieldError("summary", "is required"));
        } else if (summary.length() > Summaries.LENGTH) {
            errors.add(new FieldError("summary", "is longer than " + Summaries.LENGTH + " characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new Text(title, summary);
    }

    private static String summary(String summary, String body) {
        return Summaries.cut(summary.isEmpty() ? body : summary, Summaries.LENGTH);
    }

    private SortedSet<String> topics(@Nullable List<String> given, String text, List<FieldError> errors) {
        if (given == null || given.isEmpty()) {
            return keywords.topicsOf(text);
        }
        SortedSet<String> topics = new TreeSet<>();
        for (String topic : given) {
            String value = topic == null ? "" : topic.strip().toLowerCase(Locale.ROOT);
            if (knownTopics.contains(value)) {
                topics.add(value);
            } else {
                errors.add(new FieldError("topics", "unknown topic '" + oneLine(topic) + "'; the topics are " + knownTopics));
            }
        }
        return topics;
    }

    /** Text with any HTML markup turned into its words, whitespace collapsed; "" for nothing. */
    static String plainText(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return "";
        }
        String text = value.indexOf('<') >= 0 ? Jsoup.parse(value).text() : value;
        return SPACES.matcher(text).replaceAll(" ").strip();
    }

    @Nullable
    private static String oneLine(@Nullable String value) {
        if (value == null) {
            return null;
        }
        String line = SPACES.matcher(value).replaceAll(" ").strip();
        return line.isEmpty() ? null : line;
    }
}
