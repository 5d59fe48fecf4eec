package io.tidings.support;

import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real SMTP server (SubEthaSMTP) that can be told to fail: it answers each RCPT as {@link #answer}
 * says, can hold a message's data until the test lets it go, and counts what it accepted per recipient.
 */
public final class FaultySmtp implements AutoCloseable {

    /** What the relay says to one recipient's n-th RCPT (n from 1); null accepts. */
    @FunctionalInterface
    public interface Answer {
        Reply to(String recipient, int attempt);
    }

    /** An SMTP reply; 421 also drops the connection, as a relay shutting down does. */
    public record Reply(int code, String text) {
    }

    private final int port;
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicInteger inData = new AtomicInteger();
    private final List<Kept> kept = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile java.util.function.Predicate<String> keeping = recipient -> false;
    private volatile Answer answer = (recipient, attempt) -> null;
    private volatile Set<String> held = Set.of();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private SMTPServer server;

    public FaultySmtp(int port) {
        this.port = port;
    }

    public FaultySmtp answering(Answer answer) {
        this.answer = answer;
        return this;
    }

    /** One message accepted whole, as {@link #keeping} asked: its envelope recipients and its bytes. */
    public record Kept(List<String> recipients, byte[] data) {
    }

    /** Keeps the bytes of every message accepted for a recipient this accepts (a bounce address, say). */
    public FaultySmtp keeping(java.util.function.Predicate<String> recipients) {
        this.keeping = recipients;
        return this;
    }

    /** The messages kept so far, in the order they arrived. */
    public List<Kept> kept() {
        return List.copyOf(kept);
    }

    /** Holds the data of messages to these recipients, as a slow relay would, until {@link #release}. */
    public FaultySmtp holding(Set<String> recipients) {
        gate.countDown();
        gate = new CountDownLatch(recipients.isEmpty() ? 0 : 1);
        held = Set.copyOf(recipients);
        return this;
    }

    /** Lets every held message through. */
    public void release() {
        gate.countDown();
    }

    public synchronized FaultySmtp start() {
        try {
            server = new SMTPServer.Builder().bindAddress(InetAddress.getByName("127.0.0.1")).port(port)
                    .maxConnections(100).messageHandlerFactory(Session::new).build();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        server.start();
        return this;
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    @Override
    public void close() {
        release();
        stop();
    }

    public int port() {
        return port;
    }

    /** Messages accepted for this recipient. */
    public int received(String recipient) {
        AtomicInteger count = received.get(recipient.toLowerCase());
        return count == null ? 0 : count.get();
    }

    /** RCPTs the relay saw for this recipient, accepted or not. */
    public int attempts(String recipient) {
        AtomicInteger count = attempts.get(recipient.toLowerCase());
        return count == null ? 0 : count.get();
    }

    /** Messages accepted, over all recipients. */
    public int total() {
        return total.get();
    }

    /** Recipients, each with how many messages they got. */
    public Map<String, Integer> receivedByRecipient() {
        Map<String, Integer> copy = new ConcurrentHashMap<>();
        received.forEach((recipient, count) -> copy.put(recipient, count.get()));
        return copy;
    }

    /** Messages whose data is being held right now. */
    public int held() {
        return inData.get();
    }

    public void reset() {
        attempts.clear();
        received.clear();
        total.set(0);
    }

    private final class Session implements MessageHandler {
        private final List<String> recipients = new ArrayList<>();

        Session(MessageContext context) {
        }

        @Override
        public void from(String from) {
        }

        @Override
        public void recipient(String recipient) throws RejectException {
            String address = recipient.toLowerCase();
            int attempt = attempts.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
            Reply reply = answer.to(address, attempt);
            if (reply == null) {
                recipients.add(address);
            } else if (reply.code() == 421) {
                throw new DropConnectionException(reply.code(), reply.text());
            } else {
                throw new RejectException(reply.code(), reply.text());
            }
        }

        @Override
        public String data(InputStream data) throws IOException {
            if (recipients.stream().anyMatch(keeping)) {
                kept.add(new Kept(List.copyOf(recipients), data.readAllBytes()));
            } else {
                data.transferTo(OutputStream.nullOutputStream());
            }
            if (recipients.stream().anyMatch(held::contains)) {
                inData.incrementAndGet();
                try {
                    // Bounded, so a failed test never leaves a relay thread behind for good.
                    gate.await(1, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    inData.decrementAndGet();
                }
            }
            for (String recipient : recipients) {
                received.computeIfAbsent(recipient, r -> new AtomicInteger()).incrementAndGet();
                total.incrementAndGet();
            }
            return null;
        }

        @Override
        public void done() {
        }
    }
}
