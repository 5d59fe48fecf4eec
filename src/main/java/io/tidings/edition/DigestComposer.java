package io.tidings.edition;

import io.tidings.article.DigestArticle;
import io.tidings.delivery.HeldBack;
import io.tidings.delivery.MessageComposer;
import io.tidings.delivery.MessageKind;
import io.tidings.delivery.NotToBeSent;
import io.tidings.delivery.OutgoingEmail;
import io.tidings.subscription.SubscriberProfile;
import io.tidings.subscription.SubscriberProfiles;
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
    private final SubscriberProfiles profiles;
    private final Clock clock;
    private final Map<ShellKey, DigestRenderer.Shell> shells = new ConcurrentHashMap<>();
    private final Map<Long, ReadAt> statuses = new ConcurrentHashMap<>();
    private final ThreadLocal<ClaimSubscribers> claimSubscribers = new ThreadLocal<>();

    DigestComposer(EditionRepository editions, EditionContents contents, DigestRenderer renderer,
                   SubscriberProfiles profiles, Clock clock) {
        this.editions = editions;
        this.contents = contents;
        this.renderer = renderer;
        this.profiles = profiles;
        this.clock = clock;
    }

    private record ReadAt(Edition edition, long millis) {
    }

    /** The readers of one worker's claim, as read at {@code millis}; an erased one is absent from {@code found}. */
    private record ClaimSubscribers(Set<Long> ids, Map<Long, SubscriberProfile> found, long millis) {
    }

    /** Readers of one topic set get the same digest: its articles are chosen once, with its shell. */
    private record ShellKey(long editionId, Set<String> topics, boolean named) {
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

    /** Reads the edition's status afresh at its next message: this instance just changed it. */
    void forget(long editionId) {
        statuses.remove(editionId);
    }

    @Override
    public MessageKind kind() {
        return MessageKind.DIGEST;
    }

    @Override
    public void prepare(List<OutgoingEmail> claimed) {
        Set<Long> ids = claimed.stream().map(OutgoingEmail::subscriberId).collect(Collectors.toUnmodifiableSet());
        claimSubscribers.set(new ClaimSubscribers(ids, profiles.byIds(ids), clock.millis()));
    }

    private SubscriberProfile subscriber(long subscriberId) {
        long now = clock.millis();
        ClaimSubscribers claim = claimSubscribers.get();
        if (claim == null || !claim.ids().contains(subscriberId)) {
            claim = new ClaimSubscribers(Set.of(subscriberId), profiles.byIds(Set.of(subscriberId)), now);
        } else if (now - claim.millis() > FRESH_MILLIS) {
            claim = new ClaimSubscribers(claim.ids(), profiles.byIds(claim.ids()), now);
            claimSubscribers.set(claim);
        }
        SubscriberProfile subscriber = claim.found().get(subscriberId);
        if (subscriber == null) {
            throw new NotToBeSent("the reader was erased");
        }
        return subscriber;
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
        SubscriberProfile subscriber = subscriber(queued.subscriberId());
        String withheld = subscriber.withheldAt(clock.instant());
        if (withheld != null) {
            throw new NotToBeSent(withheld);
        }
        EditionContent content = contents.of(edition);
        if (shells.size() > CACHED_SHELLS) {
            shells.clear();
        }
        ShellKey key = new ShellKey(edition.id(), Set.copyOf(subscriber.topics()), subscriber.name() != null);
        DigestRenderer.Shell shell = shells.computeIfAbsent(key, k -> {
            List<DigestArticle> articles = content.forTopics(subscriber.topics());
            return articles.isEmpty() ? null : renderer.render(content, articles, k.named(), false);
        });
        if (shell == null) {
            throw new NotToBeSent("none of the edition's articles is on the reader's topics");
        }
        return renderer.merge(shell, subscriber.name(), subscriber.unsubscribeUrl(), subscriber.preferencesUrl());
    }
}
