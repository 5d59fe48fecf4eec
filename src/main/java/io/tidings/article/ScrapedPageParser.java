package io.tidings.article;

import io.tidings.core.InvalidInputException;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Turns one page of plain text scraped from the article site into one clean article: the title line,
 * the byline, and the body paragraphs without the site's chrome, keeping one copy of a page that was
 * scraped twice.
 */
@Singleton
class ScrapedPageParser {

    private static final String FIELD = "body";
    private static final int TITLE_MAX = 200;
    // A page counts as repeated when its title and the content lines after it come again, in order.
    private static final int REPEAT_LINES = 4;

    // Site chrome: lines the scraper picks up from the page around the article (author card, image
    // caption, affiliate notice, newsletter box, share and navigation links). Each pattern must match
    // a whole line, so an article sentence that merely mentions one of these words is kept.
    private static final List<Pattern> CHROME = Stream.of(
            ".+ Profile Photo",
            "Image for article\\b.*",
            ".*\\baffiliate links?\\b.*",
            ".*\\b(?:earn|receive|get|make)s? (?:\\w+ ){0,3}commissions?\\b.*",
            ".*\\bqualifying purchases\\b.*",
            "Want evidence-based advice\\b.*",
            "Your privacy is important to us\\b.*",
            "Get the Newsletter",
            "Subscribe(?: now| to (?:our|the) newsletter)?[.!]?",
            "(?:Enter your )?email(?: address)?\\*?:?",
            "Share(?: this(?: article| post)?)?:?|Share (?:via|on)\\b.{0,60}",
            "Facebook|Twitter|X|Pinterest|LinkedIn|WhatsApp|Reddit|Print|Copy Link",
            "Related (?:Articles?|Posts):?",
            "Also Read\\b.*",
            "Leave a (?:Comment|Reply)",
            "Buy Me A Coffee",
            "Table of Contents",
            "Read more(?: about .{1,100}|[:»›>…].{0,100})?",
            "Home(?: ?[>»›/|] ?.*)?")
            .map(regex -> Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
            .toList();
    // Chrome that opens the site's footer: once the article has begun, nothing after it is article text.
    private static final Pattern FOOTER =
            Pattern.compile("Related (?:Articles?|Posts):?|Leave a (?:Comment|Reply)", Pattern.CASE_INSENSITIVE);
    private static final Pattern SPACES = Pattern.compile("(?U)\\s+");
    private static final Pattern INVISIBLE = Pattern.compile("[[\\p{Cc}\\u200B\\u2060\\uFEFF]&&[^\\t]]");

    /** Parses the page, or says in plain words why it is not one article's text. */
    ScrapedPage parse(String text) {
        if (text == null || text.isEmpty()) {
            throw invalid("is empty; expected the text of one article page");
        }
        if (looksBinary(text)) {
            throw invalid("looks like binary data, not the text of an article page");
        }
        List<String> all = lines(text);
        String title = title(all);
        List<String> lines = withoutRepeat(all);
        List<String> paragraphs = new ArrayList<>();
        Byline byline = readBody(lines.subList(1, lines.size()), paragraphs);
        if (paragraphs.isEmpty()) {
            throw invalid("has no article text after the title \"" + title + "\"");
        }
        return new ScrapedPage(title, byline.author(), byline.date(), Summaries.cut(paragraphs.get(0), Summaries.LENGTH),
                paragraphs);
    }

    /** NUL bytes, or more than one character in ten a control character or a decoding failure (U+FFFD). */
    private static boolean looksBinary(String text) {
        long odd = text.chars()
                .filter(c -> c == '\uFFFD' || (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t'))
                .count();
        return text.indexOf('\0') >= 0 || odd * 10 > text.length();
    }

    /** Lines with whitespace collapsed (no-break spaces and tabs included), starting at the first non-blank one. */
    private static List<String> lines(String text) {
        List<String> lines = text.lines()
                .map(line -> SPACES.matcher(INVISIBLE.matcher(line).replaceAll("")).replaceAll(" ").strip())
                .dropWhile(String::isEmpty)
                .toList();
        if (lines.isEmpty()) {
            throw invalid("is blank; expected the text of one article page");
        }
        return lines;
    }

    private static String title(List<String> lines) {
        String first = lines.get(0);
        if (first.length() > TITLE_MAX) {
            throw invalid("must start with the article's title, but its first line has " + first.length()
                    + " characters (at most " + TITLE_MAX + ")");
        }
        if (isChrome(first) || Byline.parse(first).isPresent()) {
            throw invalid("must start with the article's title, but its first line \"" + first
                    + "\" is part of the site's layout");
        }
        return first;
    }

    /** The lines up to where the title and the content after it start over, if they do. */
    private static List<String> withoutRepeat(List<String> lines) {
        List<Integer> content = IntStream.range(0, lines.size())
                .filter(i -> !lines.get(i).isEmpty() && !isChrome(lines.get(i)))
                .boxed()
                .toList();
        for (int k = 1; k < content.size(); k++) {
            if (repeatsFrom(lines, content, k)) {
                return lines.subList(0, content.get(k));
            }
        }
        return lines;
    }

    private static boolean repeatsFrom(List<String> lines, List<Integer> content, int k) {
        int compared = Math.min(REPEAT_LINES, content.size() - k);
        return IntStream.range(0, compared)
                .allMatch(i -> lines.get(content.get(i)).equals(lines.get(content.get(k + i))));
    }

    /**
     * Collects the paragraphs after the title and returns the byline found before the first of them.
     * Blank lines separate paragraphs; so does a chrome or byline line, which is dropped.
     */
    private static Byline readBody(List<String> body, List<String> paragraphs) {
        Byline byline = Byline.NONE;
        List<String> block = new ArrayList<>();
        for (String line : body) {
            boolean started = !paragraphs.isEmpty() || !block.isEmpty();
            if (started && FOOTER.matcher(line).matches()) {
                break;
            }
            Optional<Byline> found = started || line.isEmpty() ? Optional.empty() : Byline.parse(line);
            if (found.isPresent()) {
                byline = byline.or(found.get());
            }
            if (line.isEmpty() || isChrome(line) || found.isPresent()) {
                endParagraph(block, paragraphs);
            } else {
                block.add(line);
            }
        }
        endParagraph(block, paragraphs);
        return byline;
    }

    private static void endParagraph(List<String> block, List<String> paragraphs) {
        if (!block.isEmpty()) {
            paragraphs.add(String.join(" ", block));
            block.clear();
        }
    }

    private static boolean isChrome(String line) {
        return CHROME.stream().anyMatch(chrome -> chrome.matcher(line).matches());
    }

    private static InvalidInputException invalid(String message) {
        return InvalidInputException.of(FIELD, "the page " + message);
    }
}
