package io.tidings.delivery;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.graceful.GracefulShutdownCapable;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import io.tidings.mail.MailTransport.MailConnection;
import io.tidings.mail.MailTransport.Receipt;
import io.tidings.mail.SendFailure;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drains the outbox: each worker thread claims a batch under a lease, sends it over its own
 * kept-open connection and records the outcomes (each sent message's record committed before the
 * next message's data ends; see {@link SentRecords}). Over a pipelining relay a message's outcome is
 * heard while the next one goes, and the last one's before the batch's outcomes are recorded. Workers
 * sleep until rows are queued or the poll interval passes (rows that other instances queued, retries
 * coming due, expired leases, a resumed edition).
 *
 * <p>On SIGTERM the service's graceful shutdown stops the claiming at once; each worker records
 * the message in hand, hands back the rest of its batch, closes its connection and ends. What is
 * still running when the grace period ends is interrupted; its leases expire and another instance
 * (or this one, started again) sends those rows.
 */
@Singleton
class DeliveryWorkers implements ApplicationEventListener<StartupEvent>, GracefulShutdownCapable {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorkers.class);
    private static final Duration EXITING = Duration.ofSeconds(1);

    private final DeliveryConfig config;
    private final Claims claims;
    private final Outcomes outcomes;
    private final SentRecords sentRecords;
    private final Failures failures;
    private final MessageSender sender;
    private final Clock clock;
    private final String instance = UUID.randomUUID().toString().substring(0, 8);
    private final BlockingQueue<Boolean> wakeUps;
    private final AtomicInteger claimCount = new AtomicInteger();
    private final AtomicInteger working = new AtomicInteger();
    private final CompletableFuture<Void> allStopped = new CompletableFuture<>();
    private final Duration gracePeriod;
    private volatile boolean running;
    private ExecutorService threads;

    DeliveryWorkers(DeliveryConfig config, Claims claims, Outcomes outcomes, SentRecords sentRecords,
                    Failures failures, MessageSender sender, Clock clock,
                    @Value("${micronaut.lifecycle.graceful-shutdown.grace-period:30s}") Duration gracePeriod) {
        this.config = config;
        this.claims = claims;
        this.outcomes = outcomes;
        this.sentRecords = sentRecords;
        this.failures = failures;
        this.sender = sender;
        this.clock = clock;
        this.gracePeriod = gracePeriod;
        this.wakeUps = new ArrayBlockingQueue<>(Math.max(1, config.workers()));
    }

    @Override
    public synchronized void onApplicationEvent(StartupEvent event) {
        if (running || config.workers() <= 0) {
            return;
        }
        running = true;
        working.set(config.workers());
        AtomicInteger number = new AtomicInteger();
        threads = Executors.newFixedThreadPool(config.workers(),
                task -> new Thread(task, "delivery-" + number.incrementAndGet()));
        for (int i = 0; i < config.workers(); i++) {
            threads.submit(this::work);
        }
        LOG.info("Started {} delivery workers (instance {})", config.workers(), instance);
    }

    @TransactionalEventListener
    void onQueued(MessagesQueued event) {
        for (int i = 0; i < Math.min(event.count(), config.workers()); i++) {
            wakeUps.offer(Boolean.TRUE);
        }
    }

    private void work() {
        try (MailConnection connection = sender.open()) {
            while (running) {
                if (!connection.isOpen() && sender.backingOff() && !connectedFirst(connection)) {
                    continue;
                }
                int handled = drainOnce(connection);
                if (handled == 0) {
                    wakeUps.poll(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (working.decrementAndGet() == 0) {
                allStopped.complete(null);
            }
        }
    }

    /**
     * While the relay is backed off, a worker without a connection claims nothing until it has one:
     * rows it claimed would only go back, and the workers still connected can send them. False after
     * waiting as long as the relay's answer (or the poll interval) says.
     */
    private boolean connectedFirst(MailConnection connection) throws InterruptedException {
        try {
            connection.connect();
            return true;
        } catch (SendFailure notNow) {
            Duration wait = notNow.backOff() != null ? notNow.backOff() : config.pollInterval();
            wakeUps.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            return false;
        }
    }

    /** Claims, sends and records one batch; returns how many due rows it saw. */
    private int drainOnce(MailConnection connection) throws InterruptedException {
        String owner = instance + "-" + claimCount.incrementAndGet();
        try {
            Instant now = clock.instant();
            Claims.Claim claim = claims.claim(owner, now, now.plus(config.lease()), config.batchSize());
            Round round = new Round(owner, now);
            sender.prepare(claim.messages());
            for (OutboxMessage message : claim.messages()) {
                round.send(connection, message);
            }
            // The last message's reply is read, and its record committed, before rows go back or the worker idles.
            connection.finish();
            round.last.await();
            outcomes.record(round.results);
            if (!round.unfinished.isEmpty()) {
                claims.release(round.unfinished, owner);
            }
            return claim.due();
        } catch (RuntimeException e) {
            // A message still in flight is dropped unended, so unsent: its lease brings it back.
            connection.close();
            LOG.warn("Delivery round failed, trying again in {}: {}", config.pollInterval(), e.toString());
            wakeUps.poll(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
            return 0;
        }
    }

    /** One claim's sending: what came of each message, which may be heard only while the next one goes. */
    private final class Round {

        private final String owner;
        private final Outcomes.Batch results;
        private final List<Long> unfinished = new ArrayList<>();
        private SentRecords.Pending last = SentRecords.NONE;
        private SendFailure busy;
        private Instant busyUntil;

        Round(String owner, Instant now) {
            this.owner = owner;
            this.results = new Outcomes.Batch(owner, now);
        }

        void send(MailConnection connection, OutboxMessage message) throws InterruptedException {
            // Once stopping, the rest of the batch is handed back unsent.
            if (!running) {
                unfinished.add(message.id());
                return;
            }
            // Once the relay said it is busy, the rest waits out its back-off, uncharged.
            if (busy != null) {
                results.deferred(message, busyUntil, busy.getMessage());
                return;
            }
            Receipt receipt = receipt(message);
            try {
                // The previous message's record is committed before this one can be delivered.
                sender.send(connection, message, () -> last.await(), receipt);
            } catch (HeldBack paused) {
                unfinished.add(message.id());
            } catch (NotToBeSent reason) {
                results.suppressed(message, reason.getMessage());
            } catch (SendFailure failure) {
                receipt.failed(failure);
            }
        }

        private Receipt receipt(OutboxMessage message) {
            return new Receipt() {
                @Override
                public void accepted(String reply) {
                    last = sentRecords.record(message, owner, clock.instant(), reply);
                    failures.delivered(message);
                }

                @Override
                public void failed(SendFailure failure) {
                    if (failure.backOff() != null) {
                        busy = failure;
                        busyUntil = clock.instant().plus(failure.backOff());
                        results.deferred(message, busyUntil, failure.getMessage());
                    } else {
                        failures.failed(message, failure, results);
                    }
                }
            };
        }
    }

    /** Called by Micronaut's graceful shutdown: done once every worker has ended. */
    @Override
    public CompletionStage<?> shutdownGracefully() {
        if (stopClaiming()) {
            LOG.info("Stopping delivery: {} workers finish the message in hand and hand back the rest", working.get());
            return allStopped;
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public OptionalLong reportActiveTasks() {
        return OptionalLong.of(working.get());
    }

    /** The last word at context close: workers still busy after the grace period are interrupted. */
    @PreDestroy
    synchronized void stop() throws InterruptedException {
        if (threads == null) {
            return;
        }
        // After a graceful shutdown the grace period is spent: workers it saw end get a moment to exit,
        // and any still busy are interrupted at once rather than waited for a second time.
        Duration wait = stopClaiming() ? gracePeriod : allStopped.isDone() ? EXITING : Duration.ZERO;
        threads.shutdown();
        if (!threads.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("Delivery workers still busy after {}; interrupting them, their leases will expire", gracePeriod);
            threads.shutdownNow();
        }
    }

    /** Stops new claims and wakes idle workers so they see it; false if delivery was not running. */
    private synchronized boolean stopClaiming() {
        if (!running) {
            return false;
        }
        running = false;
        for (int i = 0; i < config.workers(); i++) {
            wakeUps.offer(Boolean.TRUE);
        }
        return true;
    }
}
