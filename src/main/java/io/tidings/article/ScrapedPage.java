package io.tidings.article;

import io.micronaut.core.annotation.Nullable;

import java.time.LocalDate;
import java.util.List;

/**
 * One article as read from a scraped page.
 *
 * @param title      the page's first line
 * @param author     as the byline writes it, honorific included ("Dr. Jane Roe"); null without a byline
 * @param date       the byline's updated or published date; null when the page shows none
 * @param summary    the first paragraph, cut to a summary's length
 * @param paragraphs the body paragraphs in order, without the site's chrome
 */
record ScrapedPage(String title, @Nullable String author, @Nullable LocalDate date, String summary,
                   List<String> paragraphs) {

    ScrapedPage {
        paragraphs = List.copyOf(paragraphs);
    }
}
