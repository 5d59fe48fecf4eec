package io.tidings.edition;

import io.tidings.article.DigestArticle;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A reader's digest, composed just before sending: a reader who left or whose topics no longer meet
 * the edition, or a cancelled edition, gets nothing; a paused edition's claimed rows go back to wait.
 *
 * <p>The readers of a claim are read in one query when the claim starts, and again whenever that
 * read is older than the edition status's half second: "just before sending" means within 500 ms,
 * for a reader's state as for the edition's, at one query per claim rather than one per message.
 * Each worker thread keeps the readers of its own claim.
 */
@Singleton
class DigestComposer implements MessageComposer {

    private static final int CACHED_SHELLS = 1024;
    /**
     * How long an edition's status, or a reader's state, is trusted without reading it again. The
     * claims already skip paused editions, and unsubscribing withholds the rows
     * not yet claimed; this bounds how long a claimed batch goes on after a pause or an unsubscribe.
     */
    private static final long FRESH_MILLIS = 500;
    private final EditionRepository editions;
    private final EditionContents contents;
    private final DigestRenderer renderer;
    private final Readers readers;
    private final Clock clock;
    private final Map<ShellKey, DigestRenderer.Shell> shells = new ConcurrentHashMap<>();
    private final Map<Long, ReadAt> statuses = new ConcurrentHashMap<>();
    private final ThreadLocal<ClaimReaders> claimReaders = new ThreadLocal<>();

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

    /** The readers of one worker's claim, as read at {@code millis}; an erased one is absent from {@code found}. */
    private record ClaimReaders(Set<Long> ids, Map<Long, Reader> found, long millis) {
    }

    private record ShellKey(long editionId, List<Long> articleIds, boolean named) {
    }

    private Edition edition(long id) {
        long now = clock.millis();
        ReadAt seen = statuses.get(id);
        if (seen == null || now - seen.millis() > FRESH_MILLIS) {
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
    public void prepare(List<OutgoingEmail> claimed) {
        Set<Long> ids = claimed.stream().map(OutgoingEmail::subscriberId).collect(Collectors.toUnmodifiableSet());
        claimReaders.set(new ClaimReaders(ids, readers.byIds(ids), clock.millis()));
    }

    private Reader reader(long subscriberId) {
        long now = clock.millis();
        ClaimReaders claim = claimReaders.get();
        if (claim == null || !claim.ids().contains(subscriberId)) {
            claim = new ClaimReaders(Set.of(subscriberId), readers.byIds(Set.of(subscriberId)), now);
        } else if (now - claim.millis() > FRESH_MILLIS) {
            claim = new ClaimReaders(claim.ids(), readers.byIds(claim.ids()), now);
            claimReaders.set(claim);
        }
        Reader reader = claim.found().get(subscriberId);
        if (reader == null) {
            throw new NotToBeSent("the reader was erased");
        }
        return reader;
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
        Reader reader = reader(queued.subscriberId());
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
