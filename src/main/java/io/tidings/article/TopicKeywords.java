package io.tidings.article;

import io.tidings.subscription.SubscriptionConfig;
import jakarta.inject.Singleton;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Gives an article the topics whose keywords it mentions, from the operator's keyword map. */
@Singleton
class TopicKeywords {

    private final Map<String, Pattern> patterns = new LinkedHashMap<>();

    TopicKeywords(ArticleConfig config, SubscriptionConfig subscriptions) {
        for (String entry : config.topicKeywords().split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            String topic = equals < 0 ? "" : entry.substring(0, equals).strip();
            if (!subscriptions.topics().contains(topic)) {
                throw new IllegalStateException("TOPIC_KEYWORDS names '" + topic + "', which is not one of TOPICS "
                        + subscriptions.topics() + "; write topic=keyword,keyword;topic=...");
            }
            String alternatives = Arrays.stream(entry.substring(equals + 1).split(","))
                    .map(String::strip)
                    .filter(keyword -> !keyword.isEmpty())
                    .map(Pattern::quote)
                    .collect(Collectors.joining("|"));
            if (!alternatives.isEmpty()) {
                patterns.put(topic, Pattern.compile("(?iU)\\b(?:" + alternatives + ")"));
            }
        }
    }

    SortedSet<String> topicsOf(String text) {
        SortedSet<String> topics = new TreeSet<>();
        patterns.forEach((topic, pattern) -> {
            if (pattern.matcher(text).find()) {
                topics.add(topic);
            }
        });
        return topics;
    }
}
