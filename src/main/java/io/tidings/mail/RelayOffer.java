package io.tidings.mail;

import java.util.List;

/**
 * What the relay offered in its answer to EHLO (RFC 5321 section 4.1.1.1), and so what a message's MAIL
 * command may say: its size where the relay takes SIZE (RFC 1870), 8-bit content where it offers
 * 8BITMIME (RFC 6152), an address outside ASCII where it offers SMTPUTF8 (RFC 6531). A relay that
 * answered only HELO offers nothing.
 *
 * @param extensions the EHLO reply's lines after the greeting, as the relay wrote them
 * @param sizeLimit  the largest message the relay takes: 0 where SIZE names no limit, -1 where it is not offered
 */
record RelayOffer(List<String> extensions, long sizeLimit) {

    static final RelayOffer NOTHING = new RelayOffer(List.of(), -1);

    static RelayOffer of(List<String> extensions) {
        String size = parameters(extensions, "SIZE");
        // "SIZE" alone, or "SIZE 0", declares no limit.
        return new RelayOffer(List.copyOf(extensions),
                size == null ? -1 : size.matches("\\d{1,18}") ? Long.parseLong(size) : 0);
    }

    boolean offers(String extension) {
        return parameters(extension) != null;
    }

    /** What an extension the relay offers says after its keyword ({@code SIZE 10240000}), or null if not offered. */
    String parameters(String extension) {
        return parameters(extensions, extension);
    }

    private static String parameters(List<String> extensions, String extension) {
        for (String offered : extensions) {
            if (offered.equals(extension)) {
                return "";
            }
            // RFC 4954's AUTH, and the "AUTH=" some older relays still write.
            if (offered.startsWith(extension) && (offered.charAt(extension.length()) == ' '
                    || extension.equals("AUTH") && offered.charAt(extension.length()) == '=')) {
                return offered.substring(extension.length() + 1).strip();
            }
        }
        return null;
    }

    /**
     * The MAIL command with what the relay should know before the data: its size where the relay takes
     * SIZE, 8-bit content and an SMTPUTF8 envelope where it offers them. A message the relay has said it
     * will not take is refused here, before a byte of it is sent; all of it is checked before anything
     * is written, so a refusal leaves no half-sent commands behind.
     */
    String mailFrom(String sender, String recipient, byte[] message) throws SendFailure {
        boolean utf8 = !ascii(sender) || !ascii(recipient);
        if (utf8 && !offers("SMTPUTF8")) {
            throw new SendFailure(true, -1, "an address outside ASCII needs SMTPUTF8, which the relay does not offer: "
                    + envelope(ascii(sender) ? recipient : sender, true), null);
        }
        StringBuilder from = new StringBuilder(96).append("MAIL FROM:<").append(envelope(sender, utf8)).append('>');
        envelope(recipient, utf8);
        if (sizeLimit >= 0) {
            if (sizeLimit > 0 && message.length > sizeLimit) {
                throw SendFailure.refused(true, -1, "the message is " + message.length + " bytes, more than the " + sizeLimit
                        + " the relay takes (its SIZE); nothing was sent", new Diagnosis(BounceType.MESSAGE, "5.3.4", true));
            }
            from.append(" SIZE=").append(message.length);
        }
        if (eightBit(message)) {
            if (!offers("8BITMIME")) {
                throw SendFailure.refused(true, -1, "the message has 8-bit content, and the relay does not offer 8BITMIME",
                        new Diagnosis(BounceType.MESSAGE, "5.6.3", true));
            }
            from.append(" BODY=8BITMIME");
        }
        if (utf8) {
            from.append(" SMTPUTF8");
        }
        return from.toString();
    }

    /**
     * Addresses come from validated rows, but an envelope is a command line: nothing may end it early.
     * Outside ASCII only in an SMTPUTF8 envelope.
     */
    private static String envelope(String address, boolean utf8) throws SendFailure {
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c <= ' ' || c == 0x7f || c == '<' || c == '>' || !utf8 && c > 0x7f || Character.isISOControl(c)) {
                throw new SendFailure(true, -1, "address unfit for an SMTP envelope: " + address.strip(), null);
            }
        }
        return address;
    }

    private static boolean ascii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean eightBit(byte[] message) {
        for (byte b : message) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }
}
