package io.tidings.article;

import java.util.Set;
import java.util.regex.Pattern;

/** Shortens article text into a summary that ends cleanly. */
final class Summaries {

    /** How long an article's summary may be. */
    static final int LENGTH = 300;
    private static final Pattern WHITESPACE = Pattern.compile("(?U)\\s+");
    private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[\\s,;:–—-]+$");
    // A period after these is not a sentence end ("ask Dr. Roe").
    private static final Set<String> ABBREVIATIONS = Set.of("Dr", "Mr", "Mrs", "Ms", "Prof", "St", "vs", "e.g", "i.e");
    private static final String CLOSERS = "\"'”’)";
    private static final String ELLIPSIS = "…";

    private Summaries() {
    }

    /**
     * Collapses whitespace and, if the text is longer than {@code max}, cuts it at the last sentence end
     * within {@code max} characters; when none comes after the first 40% of {@code max} (the summary
     * would be too short), cuts at the last word boundary and adds "…". The result never exceeds {@code max}.
     */
    static String cut(String text, int max) {
        if (max < 2) {
            throw new IllegalArgumentException("max must be at least 2, was " + max);
        }
        String collapsed = WHITESPACE.matcher(text).replaceAll(" ").strip();
        if (collapsed.length() <= max) {
            return collapsed;
        }
        int sentenceEnd = lastSentenceEnd(collapsed, max);
        if (sentenceEnd >= max * 2 / 5) {
            return collapsed.substring(0, sentenceEnd);
        }
        int space = collapsed.lastIndexOf(' ', max - 1);
        String head = collapsed.substring(0, space > 0 ? space : max - 1);
        return TRAILING_PUNCTUATION.matcher(head).replaceFirst("") + ELLIPSIS;
    }

    /** The length of the longest prefix of at most {@code max} characters that ends a sentence, or -1. */
    private static int lastSentenceEnd(String text, int max) {
        for (int i = max - 1; i > 0; i--) {
            char c = text.charAt(i);
            if (c != '.' && c != '!' && c != '?') {
                continue;
            }
            int end = i + 1;
            while (end < text.length() && CLOSERS.indexOf(text.charAt(end)) >= 0) {
                end++;
            }
            boolean endsWord = end == text.length() || text.charAt(end) == ' ';
            if (end <= max && endsWord && !(c == '.' && followsAbbreviation(text, i))) {
                return end;
            }
        }
        return -1;
    }

    private static boolean followsAbbreviation(String text, int period) {
        int start = text.lastIndexOf(' ', period) + 1;
        String word = text.substring(start, period).replaceFirst("^\\W+", "");
        return ABBREVIATIONS.contains(word);
    }
}
