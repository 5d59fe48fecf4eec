package io.tidings.article;

import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SAXBuilder;
import com.rometools.rome.io.WireFeedInput;
import com.rometools.rome.io.XmlReader;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.io.ByteArrayInputStream;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads RSS 0.9x, 1.0, 2.0 and Atom 1.0 with Rome into article candidates, one an item. A feed is someone
 * else's text: the XML parser stops at a depth no article needs, and at the reading's deadline.
 */
@Singleton
class FeedParser {

    // Deeper XML made Rome's serializer overflow the stack, and the tree's building grows with depth squared.
    private static final int MAX_DEPTH = 100;
    private static final String MAX_ELEMENT_DEPTH = "http://www.oracle.com/xml/jaxp/properties/maxElementDepth";

    // Rome refuses every DOCTYPE (entity expansion attacks). RSS 0.91 as Netscape specified it carries
    // this one, with no internal subset and so no entities of its own: it is dropped, and the feed reads
    // as RSS 0.91 without it. Rome still turns the HTML entities that DTD named into characters.
    private static final Pattern NETSCAPE_DOCTYPE = Pattern.compile(
            "<!DOCTYPE\\s+rss\\s+PUBLIC\\s+\"-//Netscape Communications//DTD RSS 0\\.91//EN\"\\s+\"[^\"<>\\[\\]]*\"\\s*>");

    private final Duration timeout;

    FeedParser(FeedConfig config) {
        this.timeout = config.parseTimeout();
    }

    /**
     * @param feed          the feed, against whose address relative item links are resolved
     * @param archiveBefore on a feed's first poll, items published before this, or undated, stay out of
     *                      digests; null on later polls, where every item not seen before is news
     * @param limit         when the poll must end, whatever the reading's own timeout allows
     */
    List<ArticleCandidate> parse(FeedFetcher.Fetched fetched, Feed feed, @Nullable Instant archiveBefore, Deadline limit) {
        SyndFeed parsed = read(fetched, Deadline.after(timeout, "not read within " + timeout.toSeconds() + " s").or(limit));
        return parsed.getEntries().stream().map(entry -> {
            Instant published = instant(entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate());
            boolean inDigests = archiveBefore == null || (published != null && !published.isBefore(archiveBefore));
            return new ArticleCandidate(link(entry, feed.url()), guid(entry), entry.getTitle(),
                    entry.getDescription() == null ? null : entry.getDescription().getValue(),
                    entry.getContents().stream().map(SyndContent::getValue).collect(Collectors.joining("\n")),
                    entry.getAuthor(), published, instant(entry.getUpdatedDate()), feed.topics(), feed.name(), inDigests);
        }).toList();
    }

    private static SyndFeed read(FeedFetcher.Fetched fetched, Deadline deadline) {
        // XmlReader finds the encoding from the Content-Type, the byte order mark and the XML prolog.
        try (Reader reader = new XmlReader(new ByteArrayInputStream(fetched.body()), fetched.contentType(), true)) {
            String xml = NETSCAPE_DOCTYPE.matcher(readAll(reader)).replaceFirst("");
            return new SyndFeedImpl(new DepthLimitedInput().build(new DeadlineReader(xml, deadline)), true);
        } catch (IOException | FeedException | IllegalArgumentException e) {
            if (e.getCause() instanceof PollFailure failure) {
                throw failure;
            }
            throw new PollFailure("not an RSS or Atom feed: " + e.getMessage(), e);
        }
    }

    /**
     * Rome's parser set up as Rome does it (no DOCTYPE, no external entities), with the JDK parser's depth limit.
     * Another SAX parser on the class path would refuse the property: every feed then fails, none goes unfenced.
     */
    private static final class DepthLimitedInput extends WireFeedInput {

        @Override
        protected SAXBuilder createSAXBuilder() {
            SAXBuilder builder = super.createSAXBuilder();
            builder.setProperty(MAX_ELEMENT_DEPTH, Integer.toString(MAX_DEPTH));
            return builder;
        }
    }

    /** Gives the XML parser its text until the deadline, so that a read that takes too long stops where it is. */
    private static final class DeadlineReader extends FilterReader {

        private final Deadline deadline;

        DeadlineReader(String text, Deadline deadline) {
            super(new StringReader(text));
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            deadline.check();
            return super.read();
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            deadline.check();
            return super.read(buffer, offset, length);
        }
    }

    private static String readAll(Reader reader) throws IOException {
        StringWriter text = new StringWriter();
        reader.transferTo(text);
        return text.toString();
    }

    /**
     * The item's link, a relative one made absolute against the feed's address. An RSS item without a
     * link gives its guid when that is a permalink: taken as it is, since a guid is no relative link.
     */
    @Nullable
    private static String link(SyndEntry entry, URI feedUrl) {
        String link = entry.getLink();
        boolean fromGuid = entry.getWireEntry() instanceof Item item && item.getLink() == null;
        if (link == null || link.isBlank() || fromGuid) {
            return link;
        }
        try {
            return feedUrl.resolve(link.strip()).toString();
        } catch (IllegalArgumentException e) {
            return link;
        }
    }

    /**
     * The item's own id: an RSS guid (Rome would put the link in its place when there is none, and an
     * item without a guid is known by its link instead) or an Atom id.
     */
    @Nullable
    private static String guid(SyndEntry entry) {
        if (entry.getWireEntry() instanceof Item item) {
            return item.getGuid() == null ? null : item.getGuid().getValue();
        }
        return entry.getUri();
    }

    @Nullable
    private static Instant instant(@Nullable Date date) {
        return date == null ? null : date.toInstant();
    }
}
