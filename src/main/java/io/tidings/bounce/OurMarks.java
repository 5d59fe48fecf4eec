package io.tidings.bounce;

import io.micronaut.core.annotation.Nullable;
import io.tidings.delivery.Outbox;
import io.tidings.mail.MailConfig;
import io.tidings.mail.ReturnPath;
import jakarta.inject.Singleton;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What of ours a message that came back still shows, however the software that returned it wrote
 * it: a VERP token, one of our Message-IDs, the addresses it names that are not ours.
 */
@Singleton
class OurMarks {

    static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+");
    static final Pattern DAEMON = Pattern.compile("^(?:mailer-daemon|postmaster|mail delivery (?:subsystem|system))\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^\\s*Message-ID:\\s*(<[^<>\\s]{3,250}>)");
    private static final int CANDIDATES_MAX = 5;

    private final ReturnPath returnPath;
    private final String from;
    private final String messageIdDomain;

    OurMarks(ReturnPath returnPath, MailConfig mail, Outbox outbox) {
        this.returnPath = returnPath;
        this.from = mail.from();
        this.messageIdDomain = "@" + outbox.messageIdDomain().toLowerCase(Locale.ROOT) + ">";
    }

    /** The first VERP token of ours in these addresses or texts. */
    @Nullable
    String token(@Nullable String... values) {
        return returnPath.tokenIn(values).orElse(null);
    }

    /** Addresses a bounce's own words name, other than ours and the mail system's, in order. */
    List<String> addressesIn(String words) {
        Set<String> found = new LinkedHashSet<>();
        Matcher address = ADDRESS.matcher(words);
        while (address.find() && found.size() < CANDIDATES_MAX) {
            String value = address.group().toLowerCase(Locale.ROOT);
            if (!value.equalsIgnoreCase(from) && returnPath.tokenIn(value).isEmpty() && !DAEMON.matcher(value).find()
                    && !value.endsWith(messageIdDomain.substring(0, messageIdDomain.length() - 1))) {
                found.add(value);
            }
        }
        return List.copyOf(found);
    }

    /** The first of these Message-IDs that is ours. */
    @Nullable
    String firstMessageId(@Nullable String[] values) {
        if (values != null) {
            for (String value : values) {
                String id = messageIdIn("Message-ID: " + value.strip());
                if (id != null) {
                    return id;
                }
            }
        }
        return null;
    }

    /** The first Message-ID header line in a text that names our domain. */
    @Nullable
    String messageIdIn(String text) {
        Matcher id = MESSAGE_ID.matcher(text);
        while (id.find()) {
            if (id.group(1).toLowerCase(Locale.ROOT).endsWith(messageIdDomain)) {
                return id.group(1);
            }
        }
        return null;
    }
}
