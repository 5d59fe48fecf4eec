package io.tidings.article;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Gives a new embedded install a few articles written by the team (in {@code samples/}), so a
 * newcomer's first digest has content. Importing is idempotent, so restarts add nothing.
 */
@Singleton
class SampleArticles {

    private static final Logger LOG = LoggerFactory.getLogger(SampleArticles.class);
    private static final List<String> PAGES = List.of("first-trimester-tiredness.txt", "reading-ovulation-tests.txt",
            "newborn-sleep-rhythms.txt", "the-fourth-trimester.txt");

    private final PageImporter importer;
    private final boolean enabled;

    SampleArticles(PageImporter importer, ArticleConfig config, @Value("${datasources.default.url:}") String databaseUrl) {
        this.importer = importer;
        // A production database holds the site's real articles; samples are for the embedded default only.
        this.enabled = config.loadSamples() && databaseUrl.isBlank();
    }

    @EventListener
    void load(StartupEvent started) {
        if (!enabled) {
            return;
        }
        long created = PAGES.stream()
                .map(name -> importer.importPage(read(name), null, null, "sample").upserted().outcome())
                .filter(outcome -> outcome == ArticleStore.Outcome.CREATED)
                .count();
        if (created > 0) {
            LOG.info("Loaded {} sample articles (SAMPLE_ARTICLES=false turns this off)", created);
        }
    }

    private static String read(String name) {
        try (InputStream in = SampleArticles.class.getResourceAsStream("/samples/" + name)) {
            if (in == null) {
                throw new IllegalStateException("sample " + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
