package io.tidings.subscription;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tidings.core.SiteConfig;
import io.tidings.web.Pages;

import java.net.URI;
import java.util.Map;

/**
 * The privacy policy every email and page links to: the service's own page, saying what it keeps
 * about a reader, while {@code PRIVACY_POLICY_URL} is unset; a redirect to the operator's policy once set.
 */
@Tag(name = "Reader pages")
@Controller(SiteConfig.PRIVACY_PATH)
class PrivacyPage {

    private final SiteConfig site;
    private final Pages pages;

    PrivacyPage(SiteConfig site, Pages pages) {
        this.site = site;
        this.pages = pages;
    }

    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<String> page() {
        if (!site.builtInPrivacyPolicy()) {
            return HttpResponse.seeOther(URI.create(site.privacyPolicyUrl()));
        }
        return pages.render("privacy", Map.of());
    }
}
