package io.tidings.subscription;

import io.tidings.core.InvalidInputException;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A mailbox address as Tidings accepts it: a dot-atom local part (no quoted strings, comments or
 * display names) at a DNS domain, which is lower-cased and stored in its ASCII (punycode) form.
 *
 * @param value the normalised address
 */
public record EmailAddress(String value) {

    static final String FIELD = "email";
    private static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL_LENGTH = 64;
    private static final Pattern LOCAL_PART =
            Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    /** Parses what a reader typed, or says in plain words what is wrong with it. */
    public static EmailAddress parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw invalid("is required");
        }
        if (raw.codePoints().anyMatch(EmailAddress::isControl)) {
            throw invalid("must not contain line breaks or control characters");
        }
        String trimmed = raw.strip();
        if (trimmed.length() > MAX_LENGTH) {
            throw invalid("must be at most " + MAX_LENGTH + " characters");
        }
        int at = trimmed.lastIndexOf('@');
        if (at <= 0 || at == trimmed.length() - 1) {
            throw invalid("must look like name@example.com");
        }
        String local = trimmed.substring(0, at);
        if (local.length() > MAX_LOCAL_LENGTH) {
            throw invalid("the part before @ must be at most " + MAX_LOCAL_LENGTH + " characters");
        }
        if (!LOCAL_PART.matcher(local).matches()) {
            throw invalid("the part before @ may hold only letters, digits, dots and ! # $ % & ' * + / = ? ^ _ ` { | } ~ -");
        }
        String address = local + '@' + asciiDomain(trimmed.substring(at + 1));
        if (address.length() > MAX_LENGTH) {
            throw invalid("must be at most " + MAX_LENGTH + " characters");
        }
        return new EmailAddress(address);
    }

    /** The form two addresses are compared in: mailbox providers ignore case. */
    public String key() {
        return value.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }

    private static String asciiDomain(String domain) {
        String ascii;
        try {
            ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw invalid("the domain after @ is not a valid domain name");
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2 || ascii.length() > 253) {
            throw invalid("the domain after @ must be a full domain name such as example.com");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw invalid("the domain after @ is not a valid domain name");
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            throw invalid("the domain after @ must be a name, not an IP address");
        }
        return ascii;
    }

    static boolean isControl(int codePoint) {
        return Character.getType(codePoint) == Character.CONTROL
                || codePoint == '\u2028' || codePoint == '\u2029';
    }

    private static InvalidInputException invalid(String message) {
        return InvalidInputException.of(FIELD, message);
    }
}
