package io.tidings.mail;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The relay write timeout, which TCP sockets lack: a write to a relay that stopped reading would
 * otherwise block once the socket buffers are full, for as long as the connection lives. Each write
 * arms a deadline (an insert into a set) and disarms it when it returns (a removal); one thread
 * sweeps the set every {@link #SWEEP} and closes the socket of a write past its deadline, which ends
 * that write with an exception, at most a sweep late. A timer per write, or per connection, would
 * wake a thread on every write; in the delivery benchmark such timers took 9% of the service's CPU.
 * One thread is enough because what it closes is the plain TCP socket under any TLS, which does not block.
 */
final class WriteDeadlines {

    static final Duration SWEEP = Duration.ofMillis(100);
    private static final WriteDeadlines SHARED = new WriteDeadlines();
    private final Set<Deadline> armed = ConcurrentHashMap.newKeySet();

    private WriteDeadlines() {
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "smtp-write-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP.toMillis(), SWEEP.toMillis(), TimeUnit.MILLISECONDS);
    }

    static WriteDeadlines shared() {
        return SHARED;
    }

    /** {@code out}, whose every write and flush fails after {@code timeout} by closing {@code socket}. */
    OutputStream guard(Socket socket, OutputStream out, Duration timeout) {
        return new Guarded(socket, out, timeout.toNanos());
    }

    private Deadline arm(Socket socket, long timeoutNanos) {
        Deadline deadline = new Deadline(socket, System.nanoTime() + timeoutNanos);
        armed.add(deadline);
        return deadline;
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Deadline deadline : armed) {
            if (now - deadline.at >= 0 && armed.remove(deadline)) {
                try {
                    deadline.socket.close();
                } catch (IOException ignored) {
                    // Closed is what was wanted.
                }
            }
        }
    }

    private final class Guarded extends FilterOutputStream {

        private final Socket socket;
        private final long timeoutNanos;

        Guarded(Socket socket, OutputStream out, long timeoutNanos) {
            super(out);
            this.socket = socket;
            this.timeoutNanos = timeoutNanos;
        }

        @Override
        public void write(int b) throws IOException {
            timed(() -> out.write(b));
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            timed(() -> out.write(bytes, offset, length));
        }

        @Override
        public void flush() throws IOException {
            timed(out::flush);
        }

        private void timed(Write write) throws IOException {
            Deadline deadline = arm(socket, timeoutNanos);
            try {
                write.run();
            } finally {
                deadline.disarm();
            }
        }
    }

    @FunctionalInterface
    private interface Write {
        void run() throws IOException;
    }

    private final class Deadline {

        private final Socket socket;
        private final long at;

        Deadline(Socket socket, long at) {
            this.socket = socket;
            this.at = at;
        }

        void disarm() {
            armed.remove(this);
        }
    }
}
