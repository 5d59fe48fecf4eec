package io.tidings.mail;

import jakarta.mail.MessagingException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * Writes each message as an RFC 5322 {@code .eml} file that any mail client opens: the embedded
 * default, so a newcomer sees every email without a relay. A file appears whole or not at all.
 */
final class EmlFileTransport implements MailTransport {

    private final Path directory;
    private final MimeMessages messages;

    EmlFileTransport(Path directory, MimeMessages messages) {
        this.directory = directory;
        this.messages = messages;
    }

    @Override
    public MailConnection open() {
        return new MailConnection() {
            @Override
            public void send(Email email, Runnable handover, Receipt receipt) throws SendFailure {
                Path written;
                try {
                    written = write(withReturnPath(email, messages.render(email)), email.messageId(), handover);
                } catch (MessagingException e) {
                    throw new SendFailure(true, -1, "cannot build message: " + e.getMessage(), e);
                } catch (IOException e) {
                    throw new SendFailure(false, -1, "cannot write " + directory + ": " + e.getMessage(), e);
                }
                receipt.accepted("written " + written);
            }

            @Override
            public void close() {
                // Nothing is held open between files.
            }
        };
    }

    @Override
    public String check() throws SendFailure {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new SendFailure(false, -1, "cannot create " + directory + ": " + e.getMessage(), e);
        }
        if (!Files.isWritable(directory)) {
            throw new SendFailure(false, -1, directory + " is not writable", null);
        }
        return directory.toString();
    }

    /** The envelope sender, where a mailbox's delivery agent would record it (RFC 5321 section 4.4). */
    private static byte[] withReturnPath(Email email, byte[] message) throws SendFailure {
        if (email.returnPath() == null) {
            return message;
        }
        if (!email.returnPath().matches("[!-~&&[^<>]]+")) {
            throw new SendFailure(true, -1, "return path unfit for a header: " + email.returnPath().strip(), null);
        }
        byte[] header = ("Return-Path: <" + email.returnPath() + ">\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] whole = Arrays.copyOf(header, header.length + message.length);
        System.arraycopy(message, 0, whole, header.length, message.length);
        return whole;
    }

    private Path write(byte[] message, String messageId, Runnable handover) throws IOException {
        Files.createDirectories(directory);
        String name = messageId.replaceAll("[^A-Za-z0-9.-]", "") + ".eml";
        Path partial = Files.createTempFile(directory, ".writing-", ".tmp");
        try (OutputStream out = Files.newOutputStream(partial)) {
            out.write(message);
            handover.run();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Path target = directory.resolve(name);
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target.getFileName();
    }
}
