package io.tidings.support;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads received messages the way a mail client would. */
public final class Mails {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"<>]+");

    private Mails() {
    }

    /** The body part of the given MIME type, such as {@code text/plain} or {@code text/html}. */
    public static String part(MimeMessage message, String type) {
        try {
            Multipart multipart = (Multipart) message.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType(type)) {
                    return (String) part.getContent();
                }
            }
            throw new AssertionError("no " + type + " part in " + message.getContentType());
        } catch (Exception e) {
            throw new AssertionError("cannot read message", e);
        }
    }

    /** The path and query of the first link in the plain-text body that contains {@code pathPrefix}. */
    public static String linkPath(MimeMessage message, String pathPrefix) {
        String url = link(message, pathPrefix);
        return url.substring(url.indexOf(pathPrefix));
    }

    /** The first whole link in the plain-text body that contains {@code pathPrefix}, as a reader would click it. */
    public static String link(MimeMessage message, String pathPrefix) {
        Matcher matcher = LINK.matcher(part(message, "text/plain"));
        while (matcher.find()) {
            if (matcher.group().contains(pathPrefix)) {
                return matcher.group();
            }
        }
        throw new AssertionError("no link to " + pathPrefix + " in the message");
    }

    public static String queryToken(String pathAndQuery) {
        return pathAndQuery.substring(pathAndQuery.indexOf("token=") + "token=".length());
    }
}
