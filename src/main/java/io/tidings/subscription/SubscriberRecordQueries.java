package io.tidings.subscription;

import io.tidings.core.Count;
import io.tidings.core.LikePatterns;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@Singleton
class SubscriberRecordQueries implements SubscriberRecords {

    private final SubscriberRepository subscribers;
    private final ConsentEventRepository consents;

    SubscriberRecordQueries(SubscriberRepository subscribers, ConsentEventRepository consents) {
        this.subscribers = subscribers;
        this.consents = consents;
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
        Map<SubscriberStatus, Long> counts = new EnumMap<>(SubscriberStatus.class);
        subscribers.countByStatus().forEach(c -> counts.put(SubscriberStatus.valueOf(c.label()), c.count()));
        return counts;
    }

    @Override
    public Map<String, Long> confirmedByTopic() {
        return inOrder(subscribers.confirmedByTopic());
    }

    @Override
    public long confirmedWithEveryTopic() {
        return subscribers.confirmedWithEveryTopic();
    }

    @Override
    public Map<LocalDate, Long> confirmedPerDay(LocalDate first) {
        return byDay(subscribers.confirmedPerDay(first.atStartOfDay(ZoneOffset.UTC).toInstant()));
    }

    @Override
    public Map<LocalDate, Long> unsubscribedPerDay(LocalDate first) {
        return byDay(subscribers.unsubscribedPerDay(first.atStartOfDay(ZoneOffset.UTC).toInstant()));
    }

    @Override
    public List<Summary> latestBounced(int limit) {
        return subscribers.latestBounced(limit).stream().map(SubscriberRow::summary).toList();
    }

    private static Map<String, Long> inOrder(List<Count> counts) {
        Map<String, Long> map = new LinkedHashMap<>();
        counts.forEach(c -> map.put(c.label(), c.count()));
        return map;
    }

    private static Map<LocalDate, Long> byDay(List<Count> counts) {
        Map<LocalDate, Long> map = new LinkedHashMap<>();
        counts.forEach(c -> map.put(LocalDate.ofEpochDay(Long.parseLong(c.label())), c.count()));
        return map;
    }
}
