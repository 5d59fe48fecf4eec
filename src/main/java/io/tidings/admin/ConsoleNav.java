package io.tidings.admin;

import java.util.List;
import java.util.Set;

/** The console's sections as its navigation lists them: those the caller may see, the current one marked. */
final class ConsoleNav {

    /** One section: its page, and the right that lets an operator see it. */
    record Section(String label, String href, String right) {
    }

    /** A section as the navigation shows it to this caller on this page. */
    record Link(String label, String href, boolean current) {
    }

    static final List<Section> SECTIONS = List.of(
            new Section("Overview", "/admin/", Rights.STATS_READ),
            new Section("Editions", "/admin/dashboard/editions", Rights.EDITIONS_READ),
            new Section("Readers", "/admin/dashboard/readers", Rights.SUBSCRIBERS_READ),
            new Section("Articles", "/admin/dashboard/articles", Rights.ARTICLES_READ),
            new Section("Feeds", "/admin/dashboard/feeds", Rights.ARTICLES_READ),
            new Section("Imports", "/admin/dashboard/imports", Rights.SUBSCRIBERS_WRITE),
            new Section("Bounces", "/admin/dashboard/bounces", Rights.SUBSCRIBERS_READ),
            new Section("Audit log", "/admin/dashboard/audit", Rights.AUDIT_READ),
            new Section("Operators and keys", "/admin/dashboard/operators", Rights.OPERATORS_MANAGE));

    private ConsoleNav() {
    }

    /** The sections {@code rights} may see; the one {@code path} is in is current. */
    static List<Link> links(String path, Set<String> rights) {
        return SECTIONS.stream()
                .filter(section -> rights.contains(section.right()))
                .map(section -> new Link(section.label(), section.href(), within(path, section.href())))
                .toList();
    }

    private static boolean within(String path, String href) {
        if (href.endsWith("/")) {
            return path.equals(href) || path.equals(href.substring(0, href.length() - 1));
        }
        return path.equals(href) || path.startsWith(href + "/");
    }
}
