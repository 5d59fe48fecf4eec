package io.tidings.mail;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Our name in EHLO: {@code SMTP_HELO_NAME} where set; else the host's, where it has a domain, looked
 * up once when first needed; else our address as a literal.
 */
final class ClientName {

    private ClientName() {
    }

    static String of(String configured, InetAddress local) {
        if (!configured.isBlank()) {
            return configured;
        }
        if (LocalHost.NAME != null) {
            return LocalHost.NAME;
        }
        String address = local.getHostAddress();
        return address.contains(":") ? "[IPv6:" + address + "]" : "[" + address + "]";
    }

    /** Loaded, and the DNS asked, only where no name is configured. */
    private static final class LocalHost {

        static final String NAME = lookup();

        private static String lookup() {
            try {
                String name = InetAddress.getLocalHost().getCanonicalHostName();
                return name.indexOf('.') > 0 && !Character.isDigit(name.charAt(name.length() - 1)) ? name : null;
            } catch (UnknownHostException e) {
                return null;
            }
        }
    }
}
