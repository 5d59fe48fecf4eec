package io.tidings.subscription;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
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
    public Page list(@Nullable SubscriberStatus status, @Nullable String text, int size, long offset) {
        String pattern = text == null || text.isBlank() ? ""
                : "%" + text.strip().toLowerCase(Locale.ROOT).replaceAll("([\\\\%_])", "\\\\$1") + "%";
        return new Page(subscribers.listed(status, pattern, size, offset).stream().map(SubscriberRow::summary).toList(),
                subscribers.countListed(status, pattern));
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
