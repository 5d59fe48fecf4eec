package io.tidings.article;

import io.tidings.support.BrowserTest;
import org.junit.jupiter.api.AfterAll;

import java.util.Map;

/** A console browser test with a site of its own serving feeds on loopback, which the service may poll. */
public abstract class FeedSiteBrowserTest extends BrowserTest {

    protected final FeedServer site = new FeedServer();

    @Override
    protected Map<String, String> extraProperties() {
        return FeedServer.readerOfTestSites(super.extraProperties());
    }

    @AfterAll
    void stopSite() {
        site.close();
    }
}
