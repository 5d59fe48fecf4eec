package io.tidings.subscription;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.scheduling.annotation.Scheduled;
import io.tidings.core.Database;
import io.tidings.core.InvalidInputException;
import io.tidings.core.TooLargeException;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs import jobs, one instance per job at a time: an instance takes a job with a lease, renews it
 * with every batch it commits, and lets go of it when it stops. Jobs nobody holds (new, or left by
 * an instance that died) are taken up every {@code check-interval}, from the first row not committed.
 */
@Singleton
class ImportRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ImportRunner.class);
    private static final Duration LOG_EVERY = Duration.ofSeconds(10);
    private final ImportJobRepository jobs;
    private final ImportFiles files;
    private final ImportCommits commits;
    private final ImportConfig config;
    private final Clock clock;
    private final ExecutorService executor;
    private final Database database;
    private final ApplicationEventPublisher<ImportFinished> finished;
    private final String instance = "import-" + UUID.randomUUID();
    private final Set<Long> queued = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    ImportRunner(ImportJobRepository jobs, ImportFiles files, ImportCommits commits, ImportConfig config, Clock clock,
                 @Named("imports") ExecutorService executor, Database database,
                 ApplicationEventPublisher<ImportFinished> finished) {
        this.jobs = jobs;
        this.files = files;
        this.commits = commits;
        this.config = config;
        this.clock = clock;
        this.executor = executor;
        this.database = database;
        this.finished = finished;
    }

    /** Runs the job on this instance unless it is queued here already or another instance holds it. */
    void submit(long id) {
        if (!stopping && queued.add(id)) {
            executor.execute(() -> {
                try {
                    run(id);
                } finally {
                    queued.remove(id);
                }
            });
        }
    }

    @Scheduled(fixedDelay = "${tidings.imports.check-interval}", initialDelay = "${tidings.imports.check-interval}")
    void takeUp() {
        jobs.unheld(clock.instant()).forEach(this::submit);
    }

    /** A job in progress lets go at its next batch, for a restart or another instance to go on with. */
    @PreDestroy
    void stop() {
        stopping = true;
    }

    private void run(long id) {
        Instant now = clock.instant();
        if (jobs.claim(id, instance, now.plus(config.lease()), now) == 0) {
            return;
        }
        ImportJob job = jobs.findById(id).orElseThrow();
        LOG.info("Import {}: {} from row {}", id, job.processed() == 0 ? "starting" : "going on", job.processed() + 1);
        try (Reader text = files.open(job.fileName(), job.charset()); CsvRows.Reading rows = new CsvRows.Reading(text)) {
            try {
                if (readAll(job, rows)) {
                    end(job, ImportStatus.DONE, null);
                }
            } catch (CsvRows.Unreadable | InvalidInputException | TooLargeException e) {
                end(job, ImportStatus.FAILED, e.getMessage());
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof CharacterCodingException)) {
                    throw e;
                }
                end(job, ImportStatus.FAILED, "line " + rows.line() + ": bytes that are not " + job.charset()
                        + " text; rows before it are imported");
            }
        } catch (ImportFiles.Unreadable | InvalidInputException e) {
            end(job, ImportStatus.FAILED, e.getMessage());
        } catch (ImportProgress.LeaseLost e) {
            LOG.warn("Import {}: {}; this instance stops working on it", id, e.getMessage());
        } catch (IOException | RuntimeException e) {
            // Ended rather than retried, so that an error that comes back does not loop. Should the database
            // be out of reach, ending fails too, and the lease running out brings the job back.
            LOG.error("Import {} stopped by an error", id, e);
            end(job, ImportStatus.FAILED, "stopped by an error on our side (the log has it); importing the same file "
                    + "again goes on where this stopped, as readers already added are skipped");
        }
    }

    /**
     * Reads and commits the rows after those already committed; false when this instance stopped first.
     * The next batch is read and checked on a thread of its own while the database commits this one,
     * so the two halves overlap; two batches at most are held at a time.
     */
    private boolean readAll(ImportJob job, CsvRows.Reading rows) {
        ImportColumns columns = ImportColumns.of(rows.hasNext() ? rows.next().fields() : List.of());
        for (long skip = job.processed(); skip > 0 && rows.hasNext(); skip--) {
            rows.next();
        }
        long processed = job.processed();
        long imported = job.imported();
        long rejected = job.rejected();
        long loggedAt = System.nanoTime();
        long analyzeAt = config.batchSize();
        ExecutorService reader = Executors.newSingleThreadExecutor(task -> new Thread(task, "import-" + job.id() + "-reader"));
        try {
            Future<ImportCommits.Checked> next = reader.submit(() -> commits.check(columns, read(rows)));
            while (true) {
                ImportCommits.Checked batch = result(next);
                if (batch.rows() == 0) {
                    return true;
                }
                next = reader.submit(() -> commits.check(columns, read(rows)));
                ImportBatches.Outcome outcome = commits.commit(job.id(), instance, batch);
                processed += batch.rows();
                imported += outcome.imported();
                rejected += outcome.rejected().size();
                if (imported - job.imported() >= analyzeAt) {
                    // A table that grew from little would keep plans made for little: each look-up of a batch's
                    // addresses a scan of the whole table. Its statistics follow it as it doubles.
                    database.refreshStatistics("subscriber");
                    analyzeAt *= 2;
                }
                if (System.nanoTime() - loggedAt > LOG_EVERY.toNanos()) {
                    LOG.info("Import {}: {} rows read, {} imported, {} rejected", job.id(), processed, imported, rejected);
                    loggedAt = System.nanoTime();
                }
                if (stopping) {
                    jobs.release(job.id(), instance);
                    LOG.info("Import {}: stopping after row {}; it goes on when an instance runs again", job.id(), processed);
                    return false;
                }
            }
        } finally {
            // The file is closed after this: the reader thread must be done with it.
            reader.shutdown();
            awaitQuietly(reader);
        }
    }

    private List<CsvRows.Row> read(CsvRows.Reading rows) {
        List<CsvRows.Row> batch = new ArrayList<>(config.batchSize());
        while (batch.size() < config.batchSize() && rows.hasNext()) {
            batch.add(rows.next());
        }
        return batch;
    }

    /** The batch the reader thread made, or what it threw. */
    private static ImportCommits.Checked result(Future<ImportCommits.Checked> batch) {
        try {
            return batch.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the file", e);
        }
    }

    private static void awaitQuietly(ExecutorService reader) {
        try {
            if (!reader.awaitTermination(1, TimeUnit.MINUTES)) {
                LOG.warn("An import's reader thread did not end within a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void end(ImportJob job, ImportStatus status, String failure) {
        if (jobs.finish(job.id(), instance, status, failure, clock.instant()) == 1) {
            files.delete(job.fileName());
            ImportJob ended = jobs.findById(job.id()).orElseThrow();
            LOG.info("Import {} {}: {} rows read, {} imported, {} skipped, {} rejected{}", job.id(), status.label(),
                    ended.processed(), ended.imported(), ended.skipped(), ended.rejected(),
                    failure == null ? "" : " (" + failure + ")");
            finished.publishEvent(new ImportFinished(job.id(), status, ended.imported(), ended.rejected()));
        }
    }
}
