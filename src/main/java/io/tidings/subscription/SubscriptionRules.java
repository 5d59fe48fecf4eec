package io.tidings.subscription;

import io.tidings.core.FieldError;
import io.tidings.core.InvalidInputException;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;

/** Checks a request field by field and reports every problem at once. */
@Singleton
class SubscriptionRules {

    static final int NAME_MAX_LENGTH = 100;
    private static final int TOPICS_MAX = 20;
    private final List<String> topics;

    SubscriptionRules(SubscriptionConfig config) {
        this.topics = config.topics().stream().map(String::strip).filter(t -> !t.isEmpty()).toList();
    }

    List<String> topics() {
        return topics;
    }

    NewSubscription check(SubscriptionRequest request) {
        List<FieldError> errors = new ArrayList<>();
        EmailAddress email = collect(errors, () -> EmailAddress.parse(request.email()));
        String name = collect(errors, () -> name(request.name()));
        SortedSet<String> chosen = collect(errors, () -> topics(request.topics()));
        Frequency frequency = collect(errors, () -> Frequency.parse(request.frequency()));
        if (!Boolean.TRUE.equals(request.consent())) {
            errors.add(new FieldError("consent", "must be given: tick the box to agree to the privacy policy"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new NewSubscription(email, name, chosen, frequency);
    }

    static String name(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (raw.codePoints().anyMatch(EmailAddress::isControl)) {
            throw InvalidInputException.of("name", "must not contain line breaks or control characters");
        }
        String name = raw.strip();
        if (name.codePointCount(0, name.length()) > NAME_MAX_LENGTH) {
            throw InvalidInputException.of("name", "must be at most " + NAME_MAX_LENGTH + " characters");
        }
        return name;
    }

    SortedSet<String> topics(List<String> requested) {
        SortedSet<String> chosen = new TreeSet<>();
        if (requested == null) {
            return chosen;
        }
        if (requested.size() > TOPICS_MAX) {
            throw InvalidInputException.of("topics", "at most " + TOPICS_MAX + " topics");
        }
        for (String topic : requested) {
            String key = topic == null ? "" : topic.strip().toLowerCase(Locale.ROOT);
            if (!topics.contains(key)) {
                throw InvalidInputException.of("topics", "must be chosen from " + String.join(", ", topics));
            }
            chosen.add(key);
        }
        return chosen;
    }

    private static <T> T collect(List<FieldError> errors, Supplier<T> check) {
        try {
            return check.get();
        } catch (InvalidInputException e) {
            errors.addAll(e.errors());
            return null;
        }
    }
}
