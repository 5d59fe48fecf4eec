package io.tidings.edition;

import io.tidings.core.SiteConfig;
import io.tidings.delivery.MessageComposer;
import io.tidings.delivery.MessageKind;
import io.tidings.delivery.NotToBeSent;
import io.tidings.delivery.OutgoingEmail;
import jakarta.inject.Singleton;

/**
 * An operator's test copy: the edition as a reader of every topic gets it, "[TEST]" in the subject, and
 * unsubscribe and preferences links to a page that says they belong to a test copy.
 */
@Singleton
class TestDigestComposer implements MessageComposer {

    private final EditionRepository editions;
    private final EditionContents contents;
    private final DigestRenderer renderer;
    private final SiteConfig site;

    TestDigestComposer(EditionRepository editions, EditionContents contents, DigestRenderer renderer, SiteConfig site) {
        this.editions = editions;
        this.contents = contents;
        this.renderer = renderer;
        this.site = site;
    }

    @Override
    public MessageKind kind() {
        return MessageKind.DIGEST_TEST;
    }

    @Override
    public Composed compose(OutgoingEmail queued) {
        Edition edition = editions.findById(queued.editionId()).orElseThrow(() -> new NotToBeSent("the edition is gone"));
        EditionContent content = contents.of(edition);
        return renderer.merge(renderer.render(content, content.articles(), false, true), null,
                site.link(TestCopyPage.PATH), site.link(TestCopyPage.PATH));
    }
}
