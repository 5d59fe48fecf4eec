package io.tidings.edition;

import jakarta.inject.Singleton;

import java.util.Optional;

/** Which edition a digest's Message-ID ({@code <prefix.subscriber@domain>}) names, for a bounce that quotes it. */
@Singleton
public class EditionPrefixes {

    private final EditionRepository editions;

    EditionPrefixes(EditionRepository editions) {
        this.editions = editions;
    }

    public Optional<Long> editionOf(String messagePrefix) {
        return editions.idByMessagePrefix(messagePrefix);
    }
}
