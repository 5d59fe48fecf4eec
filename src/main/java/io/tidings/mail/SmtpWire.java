package io.tidings.mail;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The bytes of one connection to the relay: command lines out, replies in, a message's data
 * dot-stuffed, with connect, read and write timeouts. TLS can be laid over it mid-way (STARTTLS).
 * Writes are buffered until a reply is awaited, which is what lets {@link SmtpSession} pipeline.
 */
final class SmtpWire implements Closeable {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final int BUFFER = 64 * 1024;

    private final Socket plain;
    private final WriteDeadlines deadlines;
    private final MailConfig config;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private SmtpWire(Socket plain, WriteDeadlines deadlines, MailConfig config) {
        this.plain = plain;
        this.deadlines = deadlines;
        this.config = config;
    }

    /** A connection to the configured relay, plain until {@link #secure}. */
    static SmtpWire connect(MailConfig config, WriteDeadlines deadlines) throws IOException {
        SmtpWire wire = new SmtpWire(new Socket(), deadlines, config);
        try {
            wire.plain.setTcpNoDelay(true);
            wire.plain.connect(new InetSocketAddress(config.smtpHost(), config.port()), (int) config.connectTimeout().toMillis());
            wire.plain.setSoTimeout(millis(config.readTimeout()));
            wire.attach(wire.plain);
            return wire;
        } catch (IOException | RuntimeException e) {
            wire.close();
            throw e;
        }
    }

    /** Reads and writes through TLS over the socket from now on. */
    void secure(RelayTls tls) throws IOException {
        attach(tls.wrap(plain));
    }

    private void attach(Socket layer) throws IOException {
        socket = layer;
        in = new BufferedInputStream(layer.getInputStream(), 1024);
        out = new BufferedOutputStream(deadlines.guard(plain, layer.getOutputStream(), config.writeTimeout()), BUFFER);
    }

    InetAddress localAddress() {
        return plain.getLocalAddress();
    }

    boolean open() {
        return out != null && !plain.isClosed();
    }

    /** Buffers one command line; UTF-8, for the addresses of an SMTPUTF8 envelope (RFC 6531). */
    void line(String command) throws IOException {
        out.write(command.getBytes(StandardCharsets.UTF_8));
        out.write(CRLF);
    }

    /** Sends one command and waits for its reply. */
    SmtpReply command(String command) throws IOException {
        line(command);
        return flushAndRead();
    }

    /** Sends what is buffered and waits for the next reply. */
    SmtpReply flushAndRead() throws IOException {
        flush();
        return reply();
    }

    /**
     * Sends what is buffered and waits for the reply to a message's final dot, which may take the relay
     * {@code dataTimeout} (its content checks and queueing: RFC 5321 section 4.5.3.2.6). Giving up sooner
     * would leave a message the relay goes on to accept queued again, and sent twice.
     */
    SmtpReply flushAndReadDelivered() throws IOException {
        flush();
        socket.setSoTimeout(millis(config.dataTimeout()));
        SmtpReply reply = reply();
        socket.setSoTimeout(millis(config.readTimeout()));
        return reply;
    }

    private static int millis(Duration timeout) {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    void flush() throws IOException {
        out.flush();
    }

    /** The next reply; a 421 (the relay is closing this connection) is a lost connection. */
    SmtpReply reply() throws IOException {
        SmtpReply reply = SmtpReply.read(in);
        if (reply.code() == 421) {
            throw new RelayClosing(reply.text());
        }
        return reply;
    }

    /**
     * Buffers a message as DATA content (RFC 5321 section 4.5.2): a line that starts with a dot gets
     * another, and the content ends with a line break, ready for the lone dot that ends it.
     */
    void data(byte[] message) throws IOException {
        int from = 0;
        for (int i = 0; i < message.length; i++) {
            if (message[i] == '.' && (i == 0 || message[i - 1] == '\n')) {
                out.write(message, from, i - from);
                out.write('.');
                from = i;
            }
        }
        out.write(message, from, message.length - from);
        if (message.length < 2 || message[message.length - 2] != '\r' || message[message.length - 1] != '\n') {
            out.write(CRLF);
        }
    }

    @Override
    public void close() {
        closeQuietly(socket);
        closeQuietly(plain);
    }

    private static void closeQuietly(Socket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing left to release.
        }
    }
}
