package io.tidings.subscription;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.tidings.core.InvalidInputException;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Large imports as jobs (docs/imports.md): the upload goes to disk as it arrives, its header is checked
 * at once, and the rows are read and committed in batches by {@link ImportRunner}, on this instance or,
 * should it stop, another.
 */
@Singleton
public class ImportJobs {

    private static final List<String> REJECTED_COLUMNS = List.of("line", "email", "reason");
    private final ImportJobRepository jobs;
    private final ImportFiles files;
    private final ImportRunner runner;
    private final CsvCursors cursors;
    private final Clock clock;

    ImportJobs(ImportJobRepository jobs, ImportFiles files, ImportRunner runner, CsvCursors cursors, Clock clock) {
        this.jobs = jobs;
        this.files = files;
        this.runner = runner;
        this.cursors = cursors;
        this.clock = clock;
    }

    /** A job as operators see it. */
    @Serdeable
    public record Progress(long id, String status, long processed, long imported, long skipped, long rejected,
                           @Nullable String failure, String createdAt, @Nullable String finishedAt) {
    }

    /** The largest upload taken, in bytes. */
    public long maxSize() {
        return files.maxSize();
    }

    /**
     * Stores an upload (CSV, or a zip of one) read in chunks, checks its header line and starts its job;
     * the job's id. A file past the limit or with no header we know is refused, and nothing is kept.
     * {@code created} is told the id before the job runs, so that what it records comes before the job's end.
     */
    public long start(Iterable<byte[]> body, @Nullable String charsetName, LongConsumer created) {
        String charset = charset(charsetName);
        String name = files.store(body);
        try (Reader text = files.open(name, charset); CsvRows.Reading rows = new CsvRows.Reading(text)) {
            ImportColumns.of(rows.hasNext() ? rows.next().fields() : List.of());
        } catch (CsvRows.Unreadable | ImportFiles.Unreadable e) {
            files.delete(name);
            throw InvalidInputException.of("body", "the header line could not be read: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw unreadable(name, charset, e.getCause());
        } catch (IOException e) {
            throw unreadable(name, charset, e);
        } catch (RuntimeException e) {
            files.delete(name);
            throw e;
        }
        ImportJob job = jobs.save(new ImportJob(null, ImportStatus.RUNNING, name, charset, files.size(name), 0, 0, 0, 0,
                null, null, null, clock.instant(), null));
        created.accept(job.id());
        runner.submit(job.id());
        return job.id();
    }

    /** A header line that is not text in its charset is the client's doing; failing to read our own copy is ours. */
    private RuntimeException unreadable(String name, String charset, IOException e) {
        files.delete(name);
        return e instanceof CharacterCodingException
                ? InvalidInputException.of("body", "the header line is not " + charset + " text")
                : new UncheckedIOException("reading the stored upload " + name, e);
    }

    public Optional<Progress> progress(long id) {
        return jobs.findById(id).map(ImportJobs::progress);
    }

    /** The latest jobs, newest first. */
    public List<Progress> latest(int limit) {
        return jobs.latest(limit).stream().map(ImportJobs::progress).toList();
    }

    /** The job's rejected rows as CSV (line, email, reason), in the order of the file. */
    public Publisher<byte[]> rejectedLines(long id) {
        return cursors.csv(REJECTED_COLUMNS,
                "SELECT line, email, reason FROM subscriber_import_rejection WHERE import_id = ? ORDER BY line",
                List.of(id), row -> Arrays.asList(Long.toString(row.getLong(1)), row.getString(2), row.getString(3)));
    }

    private static Progress progress(ImportJob job) {
        return new Progress(job.id(), job.status().label(), job.processed(), job.imported(), job.skipped(), job.rejected(),
                job.failure(), job.createdAt().toString(), job.finishedAt() == null ? null : job.finishedAt().toString());
    }

    private static String charset(@Nullable String name) {
        if (name == null || name.isBlank()) {
            return StandardCharsets.UTF_8.name();
        }
        try {
            return Charset.forName(name.strip()).name();
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw InvalidInputException.of("charset", "is not a character set this service knows: " + name.strip());
        }
    }

}
