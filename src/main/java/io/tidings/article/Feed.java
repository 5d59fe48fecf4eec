package io.tidings.article;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * A configured, checked feed. Its name is the stored articles' source and the key of its state.
 *
 * @param topics empty: each item's topics come from the keyword map
 */
record Feed(String name, URI url, List<String> topics, Duration pollInterval) {

    Feed {
        topics = List.copyOf(topics);
    }
}
