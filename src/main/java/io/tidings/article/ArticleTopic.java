package io.tidings.article;

import io.micronaut.core.annotation.Introspected;

@Introspected
record ArticleTopic(long articleId, String topic) {
}
