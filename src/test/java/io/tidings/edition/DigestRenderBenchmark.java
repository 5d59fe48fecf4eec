package io.tidings.edition;

import io.micronaut.context.ApplicationContext;
import io.tidings.article.DigestArticle;
import io.tidings.delivery.MessageComposer.Composed;
import io.tidings.mail.Email;
import io.tidings.mail.MimeMessages;
import io.tidings.subscription.Frequency;

import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * How many personalised digests one thread renders and writes out as MIME messages per second
 * (target: 20,000). Run with {@code bench/digest-render.sh}.
 */
public final class DigestRenderBenchmark {

    private static final int TARGET_PER_SECOND = 20_000;
    private static final String[] TOPICS = {"fertility", "pregnancy", "postpartum", "baby"};

    private DigestRenderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "datasources.default.url", "jdbc:h2:mem:bench;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
                "tidings.delivery.workers", 0,
                "tidings.editions.schedule-enabled", false,
                "tidings.articles.load-samples", false))) {
            DigestRenderer renderer = context.getBean(DigestRenderer.class);
            MimeMessages mime = context.getBean(MimeMessages.class);
            EditionContent content = content();
            List<List<String>> topicSets = List.of(List.of(), List.of("baby"), List.of("pregnancy", "postpartum"),
                    List.of("fertility"));
            Map<List<String>, DigestRenderer.Shell> shells = new java.util.HashMap<>();

            run(renderer, mime, content, topicSets, shells, messages / 10); // warm-up
            long started = System.nanoTime();
            long bytes = run(renderer, mime, content, topicSets, shells, messages);
            double seconds = (System.nanoTime() - started) / 1e9;
            double rate = messages / seconds;
            System.out.printf("digests rendered and written as MIME: %,d in %.2f s on one thread%n", messages, seconds);
            System.out.printf("rate: %,.0f per second (target %,d; ratio %.2f); average message %,d bytes%n",
                    rate, TARGET_PER_SECOND, rate / TARGET_PER_SECOND, bytes / messages);
        }
    }

    /** Renders each topic set's shell once, then merges and builds every reader's message; returns the bytes written. */
    private static long run(DigestRenderer renderer, MimeMessages mime, EditionContent content,
                            List<List<String>> topicSets, Map<List<String>, DigestRenderer.Shell> shells,
                            int messages) throws Exception {
        CountingStream out = new CountingStream();
        for (int i = 0; i < messages; i++) {
            List<String> topics = topicSets.get(i % topicSets.size());
            DigestRenderer.Shell shell = shells.computeIfAbsent(topics,
                    t -> renderer.render(content, content.forTopics(t), true, false));
            String token = Long.toString(0x5DEECE66DL * (i + 1), 36);
            Composed composed = renderer.merge(shell, "Reader " + i,
                    "https://news.example/unsubscribe?token=" + token, "https://news.example/preferences?token=" + token);
            byte[] message = mime.render(new Email("reader" + i + "@example.com", "Reader " + i, composed.subject(),
                    composed.text(), composed.html(), "<bench." + i + "@news.example>", composed.headers()));
            out.write(message);
        }
        return out.count;
    }

    private static EditionContent content() {
        List<DigestArticle> articles = IntStream.range(0, 8)
                .mapToObj(i -> new DigestArticle(i, "https://site.example/articles/" + i,
                        "Article number " + i + ": what the evidence says", ("A summary sentence of about the usual length. ").repeat(5),
                        "Dr. Jane Roe", Instant.parse("2026-11-20T08:00:00Z").minus(Duration.ofHours(i)), false))
                .toList();
        Map<Long, List<String>> topics = new java.util.HashMap<>();
        articles.forEach(a -> topics.put(a.id(), List.of(TOPICS[(int) a.id() % TOPICS.length])));
        return new EditionContent(1L, Frequency.WEEKLY, Instant.parse("2026-11-23T07:00:00Z"), articles, topics);
    }

    private static final class CountingStream extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
