package io.tidings.article;

import java.net.URI;
import java.util.Locale;

/** What an article's or a feed's address must be: absolute, http or https, with a host. */
final class WebUrls {

    private WebUrls() {
    }

    /** The URL's scheme in lower case, "" when it has none. */
    static String scheme(URI url) {
        return url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    }

    static boolean isWeb(URI url) {
        String scheme = scheme(url);
        return (scheme.equals("http") || scheme.equals("https")) && url.getHost() != null;
    }
}
