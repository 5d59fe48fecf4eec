package io.tidings.edition;

import io.micronaut.core.annotation.Introspected;

@Introspected
record ArticleTopic(long articleId, String topic) {
}
