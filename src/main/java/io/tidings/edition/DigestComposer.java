package io.tidings.edition;

import io.tidings.delivery.HeldBack;
import io.tidings.delivery.MessageComposer;
import io.tidings.delivery.MessageKind;
import io.tidings.delivery.NotToBeSent;
import io.tidings.delivery.OutgoingEmail;
import io.tidings.subscription.Reader;
import io.tidings.subscription.Readers;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A reader's digest, composed just before sending: a reader who left or whose topics no longer meet
 * the edition, or a cancelled edition, gets nothing; a paused edition's claimed rows go back to wait.
 */
@Singleton
class DigestComposer implements MessageComposer {

    private static final int CACHED_SHELLS = 1024;
    /**
     * How long an edition's status is trusted without reading it again. The claim query already skips
     * paused and cancelled editions; this only bounds how long a claimed batch goes on after a pause.
     */
    private static final long STATUS_MILLIS = 500;
    private final EditionRepository editions;
    private final EditionContents contents;
    private final DigestRenderer renderer;
    private final Readers readers;
    private final Clock clock;
    private final Map<ShellKey, DigestRenderer.Shell> shells = new ConcurrentHashMap<>();
    private final Map<Long, ReadAt> statuses = new ConcurrentHashMap<>();

    DigestComposer(EditionRepository editions, EditionContents contents, DigestRenderer renderer, Readers readers,
                   Clock clock) {
        this.editions = editions;
        this.contents = contents;
        this.renderer = renderer;
        this.readers = readers;
        this.clock = clock;
    }

    private record ReadAt(Edition edition, long millis) {
    }

    private record ShellKey(long editionId, List<Long> articleIds, boolean named) {
    }

    private Edition edition(long id) {
        long now = clock.millis();
        ReadAt seen = statuses.get(id);
        if (seen == null || now - seen.millis() > STATUS_MILLIS) {
            if (statuses.size() > CACHED_SHELLS) {
                statuses.clear();
            }
            seen = new ReadAt(editions.findById(id).orElseThrow(() -> new NotToBeSent("the edition is gone")), now);
            statuses.put(id, seen);
        }
        return seen.edition();
    }

    @Override
    public MessageKind kind() {
        return MessageKind.DIGEST;
    }

    @Override
    public Composed compose(OutgoingEmail queued) {
        Edition edition = edition(queued.editionId());
        if (edition.status() == EditionStatus.CANCELLED) {
            throw new NotToBeSent("the edition was cancelled");
        }
        if (edition.status() == EditionStatus.PAUSED) {
            throw new HeldBack("the edition is paused");
        }
        Reader reader = readers.byId(queued.subscriberId()).orElseThrow(() -> new NotToBeSent("the reader was erased"));
        String withheld = reader.withheldAt(clock.instant());
        if (withheld != null) {
            throw new NotToBeSent(withheld);
        }
        EditionContent content = contents.of(edition);
        List<DigestArticle> articles = content.forTopics(reader.topics());
        if (articles.isEmpty()) {
            throw new NotToBeSent("none of the edition's articles is on the reader's topics");
        }
        if (shells.size() > CACHED_SHELLS) {
            shells.clear();
        }
        ShellKey key = new ShellKey(edition.id(), articles.stream().map(DigestArticle::id).toList(), reader.name() != null);
        DigestRenderer.Shell shell = shells.computeIfAbsent(key,
                k -> renderer.render(content, articles, k.named(), false));
        return renderer.merge(shell, reader.name(), reader.unsubscribeUrl(), reader.preferencesUrl());
    }
}
