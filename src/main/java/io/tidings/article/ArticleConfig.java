package io.tidings.article;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * How articles are read in.
 *
 * @param siteUrl       the content site's base URL, under which an imported page without a URL gets a slug
 *                      (unset: the public base URL)
 * @param topicKeywords {@code topic=keyword,keyword;topic=...}: an article is given each topic one of whose
 *                      keywords starts a word of its title or text
 * @param loadSamples   whether an embedded (H2) install loads the bundled sample articles at start
 */
@ConfigurationProperties("tidings.articles")
record ArticleConfig(@Nullable String siteUrl, String topicKeywords, boolean loadSamples) {
}
