package io.tidings.article;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** A stored article with its topics, as the store gives it and the admin API shows it (one flat object). */
@Serdeable.Serializable
record ArticleView(@JsonUnwrapped Article article, List<String> topics) {
}
