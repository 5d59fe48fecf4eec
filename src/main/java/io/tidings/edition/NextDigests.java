package io.tidings.edition;

import io.micronaut.transaction.annotation.Transactional;
import io.tidings.article.DigestArticle;
import io.tidings.subscription.Frequency;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** What an edition of a frequency made now would carry: its preview, and the console's article page, ask here. */
@Singleton
public class NextDigests {

    private final EditionMaker maker;
    private final EditionContents contents;
    private final Clock clock;

    NextDigests(EditionMaker maker, EditionContents contents, Clock clock) {
        this.maker = maker;
        this.contents = contents;
        this.clock = clock;
    }

    EditionContent content(Frequency frequency) {
        Instant now = clock.instant();
        return contents.next(frequency, maker.nextWindowStart(frequency, now), now);
    }

    /** The articles the next edition of this frequency would carry (to readers of any topic), in its order. */
    @Transactional(readOnly = true)
    public List<DigestArticle> articles(Frequency frequency) {
        return content(frequency).articles();
    }
}
