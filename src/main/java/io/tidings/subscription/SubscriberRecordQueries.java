package io.tidings.subscription;

import io.tidings.core.Count;
import io.tidings.core.LikePatterns;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@Singleton
class SubscriberRecordQueries implements SubscriberRecords {

    private final SubscriberRepository subscribers;
    private final ConsentEventRepository consents;
    private final SubscriberCounts counts;

    SubscriberRecordQueries(SubscriberRepository subscribers, ConsentEventRepository consents, SubscriberCounts counts) {
        this.subscribers = subscribers;
        this.consents = consents;
        this.counts = counts;
    }

    @Override
    public Page list(Filter filter, int size, long offset) {
        String pattern = LikePatterns.containing(filter.text());
        return new Page(subscribers.listed(filter.status(), filter.frequency(), filter.topic(), pattern, Long.MAX_VALUE, size, offset)
                .stream().map(SubscriberRow::summary).toList(),
                subscribers.countListed(filter.status(), filter.frequency(), filter.topic(), pattern));
    }

    @Override
    public List<Summary> before(Filter filter, long beforeId, int size) {
        return subscribers.listed(filter.status(), filter.frequency(), filter.topic(), LikePatterns.containing(filter.text()),
                beforeId, size, 0).stream().map(SubscriberRow::summary).toList();
    }

    @Override
    public Optional<Summary> find(long id) {
        return subscribers.row(id).map(SubscriberRow::summary);
    }

    @Override
    public List<Consent> consentsOf(long id) {
        return consents.history(id).stream()
                .map(c -> new Consent(c.kind(), c.source(), c.policyVersion(), c.recordedAt()))
                .toList();
    }

    @Override
    public Map<SubscriberStatus, Long> countsByStatus() {
        Map<SubscriberStatus, Long> byStatus = new EnumMap<>(SubscriberStatus.class);
        counts.of("STATUS").forEach((status, n) -> byStatus.put(SubscriberStatus.valueOf(status), n));
        return byStatus;
    }

    @Override
    public Map<String, Long> confirmedByTopic() {
        return counts.of("TOPIC");
    }

    @Override
    public long confirmedWithEveryTopic() {
        return countsByStatus().getOrDefault(SubscriberStatus.CONFIRMED, 0L) - counts.of("TOPICAL").getOrDefault("", 0L);
    }

    @Override
    public Map<LocalDate, Long> confirmedPerDay(LocalDate first) {
        return counts.daily("CONFIRMED_ON", first);
    }

    @Override
    public Map<LocalDate, Long> unsubscribedPerDay(LocalDate first) {
        return counts.daily("UNSUBSCRIBED_ON", first);
    }

    @Override
    public List<Summary> latestBounced(int limit) {
        return subscribers.latestBounced(limit).stream().map(SubscriberRow::summary).toList();
    }
}
