package io.tidings.mail;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.apache.commons.text.WordUtils;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templateresolver.AbstractConfigurableTemplateResolver;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templateresolver.FileTemplateResolver;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders the operator's templates: {@code *.html} as escaped-by-default HTML, {@code *.txt} as text.
 * A template on disk under {@code TEMPLATES_DIR} wins; the copy packaged in the jar is the fallback.
 * Parsed templates are cached for a minute, so an edit on disk shows without a restart.
 */
@Singleton
public class TemplateRenderer {

    private static final long CACHE_TTL_MS = 60_000;
    /** RFC 3676's advice for plain text: lines a reader's client shows whole. */
    private static final int TEXT_WIDTH = 72;
    private final TemplateEngine engine = new TemplateEngine();

    TemplateRenderer(@Value("${tidings.templates-dir}") Path directory) {
        FileTemplateResolver disk = configure(new FileTemplateResolver(), 1);
        disk.setPrefix(directory.toAbsolutePath() + "/");
        ClassLoaderTemplateResolver packaged = configure(new ClassLoaderTemplateResolver(), 2);
        packaged.setPrefix("templates/");
        engine.addTemplateResolver(disk);
        engine.addTemplateResolver(packaged);
    }

    private static <R extends AbstractConfigurableTemplateResolver> R configure(R resolver, int order) {
        resolver.setOrder(order);
        resolver.setCheckExistence(true);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setHtmlTemplateModePatterns(Set.of("*.html"));
        resolver.setTextTemplateModePatterns(Set.of("*.txt"));
        resolver.setCSSTemplateModePatterns(Set.of("*.css"));
        resolver.setCacheable(true);
        resolver.setCacheTTLMs(CACHE_TTL_MS);
        return resolver;
    }

    /** Renders a one-line template such as a subject: whitespace, line breaks included, collapses to single spaces. */
    public String renderLine(String name, Map<String, Object> variables) {
        return render(name, variables).strip().replaceAll("\\s+", " ");
    }

    /** Renders the plain-text part of an email (such as {@code email/confirm.txt}), {@link #wrap wrapped} for reading. */
    public String renderText(String name, Map<String, Object> variables) {
        return wrap(render(name, variables));
    }

    /**
     * Wraps each line longer than 72 characters between words. A word longer than a line, such as a
     * link, stands alone on its line and is never broken, so that it still works when clicked. Lines
     * already short enough, the signature separator's trailing space included, stay as they are.
     */
    public static String wrap(String text) {
        StringBuilder out = new StringBuilder(text.length() + 64);
        for (String line : text.split("\n", -1)) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(line.length() <= TEXT_WIDTH ? line : WordUtils.wrap(line, TEXT_WIDTH, "\n", false));
        }
        return out.toString();
    }

    /** Renders {@code name} (such as {@code email/confirm.html}) with the given variables. */
    public String render(String name, Map<String, Object> variables) {
        return engine.process(name, new Context(Locale.ENGLISH, variables));
    }
}
