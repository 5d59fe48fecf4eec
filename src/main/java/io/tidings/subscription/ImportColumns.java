package io.tidings.subscription;

import io.tidings.core.InvalidInputException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which column of an import holds what, read from the header line by name (any case): Tidings' own
 * columns ({@link SubscriberImports#COLUMNS}) or those of a Mailchimp, Substack, listmonk or Buttondown
 * export (docs/imports.md has the map). Where a file names no consent source, the tool it came from is
 * the evidence.
 */
final class ImportColumns {

    /** The names a value may go by, the first one present winning. */
    private static final List<String> EMAIL = List.of("email", "email address", "email_address");
    private static final List<String> NAME = List.of("name", "full name", "full_name");
    private static final List<String> FIRST_NAME = List.of("first name", "first_name");
    private static final List<String> LAST_NAME = List.of("last name", "last_name");
    /** When consent was given: our column, Mailchimp's confirmation then opt-in, then when the reader was added. */
    private static final List<String> CONSENTED_AT = List.of("consented_at", "confirm_time", "optin_time",
            "subscription_date", "creation_date", "created_at");
    /** A state the other tool kept: listmonk's status, Buttondown's subscriber_type. */
    private static final List<String> STATUS = List.of("status", "subscriber_type");
    /** Mailchimp's unsubscribed and cleaned exports say when, in these. */
    private static final List<String> LEFT_AT = List.of("unsub_time", "clean_time");
    /** States in which the other tool no longer mailed the reader, or never had their confirmation. */
    private static final Set<String> NOT_MAILED = Set.of("blocklisted", "unsubscribed", "unactivated", "removed",
            "spammy", "complained", "undeliverable", "cleaned", "bounced");
    private static final String PREFIX = "'";
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private final Map<String, Integer> index = new HashMap<>();
    private final int width;
    private final boolean ours;
    private final String tool;

    private ImportColumns(List<String> header) {
        for (int i = 0; i < header.size(); i++) {
            index.putIfAbsent(header.get(i).strip().toLowerCase(Locale.ROOT), i);
        }
        this.width = header.size();
        this.ours = header.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList().equals(SubscriberImports.COLUMNS);
        this.tool = tool(index.keySet());
    }

    /** The columns a header line names; refused whole when it has no address or consent time column. */
    static ImportColumns of(List<String> header) {
        List<String> names = new ArrayList<>(header);
        if (!names.isEmpty()) {
            names.set(0, CsvRows.withoutByteOrderMark(names.get(0)));
        }
        ImportColumns columns = new ImportColumns(names);
        if (columns.first(EMAIL) < 0 || columns.first(CONSENTED_AT) < 0) {
            throw InvalidInputException.of("body", "must start with a header line naming the columns, such as "
                    + String.join(",", SubscriberImports.COLUMNS) + " (or a Mailchimp, Substack, listmonk or Buttondown export's)");
        }
        return columns;
    }

    /** Whether the file is in Tidings' own columns, so the export's spreadsheet guard is undone. */
    boolean ours() {
        return ours;
    }

    /** One row's values by meaning; a row of another width than the header is refused. */
    Values values(List<String> fields) {
        if (fields.size() != width) {
            throw InvalidInputException.of("row", "has " + fields.size() + " fields, expected " + width);
        }
        String name = value(fields, NAME);
        if (name.isBlank()) {
            name = (value(fields, FIRST_NAME).strip() + " " + value(fields, LAST_NAME).strip()).strip();
        }
        String status = value(fields, STATUS).strip().toLowerCase(Locale.ROOT);
        String left = value(fields, LEFT_AT);
        String source = value(fields, List.of("consent_source"));
        return new Values(value(fields, EMAIL), name, value(fields, List.of("topics")), value(fields, List.of("frequency")),
                index.containsKey("consent_source") ? source : tool + " export", value(fields, CONSENTED_AT),
                NOT_MAILED.contains(status) ? status : left.isBlank() ? null : "unsubscribed");
    }

    /** A row's values; {@code leftState} names why the other tool no longer mailed the reader, null when it did. */
    record Values(String email, String name, String topics, String frequency, String consentSource, String consentedAt,
                  String leftState) {
    }

    /**
     * A field as the export writes it when it could start a spreadsheet formula (OWASP's CSV injection
     * advice): a quote before it. A field that starts with the quote itself gets one more, so that
     * {@link #unguarded} gives back exactly what was written.
     */
    static String guarded(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        boolean risky = FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 || value.startsWith(PREFIX);
        return risky ? PREFIX + value : value;
    }

    static String unguarded(String value) {
        return value.startsWith(PREFIX) && value.length() > 1
                && (FORMULA_STARTS.indexOf(value.charAt(1)) >= 0 || value.charAt(1) == PREFIX.charAt(0))
                ? value.substring(1) : value;
    }

    private String value(List<String> fields, List<String> names) {
        int at = first(names);
        if (at < 0) {
            return "";
        }
        return ours ? unguarded(fields.get(at)) : fields.get(at);
    }

    private int first(List<String> names) {
        return names.stream().filter(index::containsKey).findFirst().map(index::get).orElse(-1);
    }

    private static String tool(Set<String> names) {
        if (names.contains("member_rating") || names.contains("leid") || names.contains("optin_time")) {
            return "Mailchimp";
        }
        if (names.contains("uuid") && names.contains("attributes")) {
            return "listmonk";
        }
        if (names.contains("subscriber_type") || names.contains("creation_date")) {
            return "Buttondown";
        }
        if (names.contains("active_subscription") || names.contains("email_disabled")) {
            return "Substack";
        }
        return "CSV";
    }
}
