package io.tidings.subscription;

import io.micronaut.context.annotation.Value;
import io.tidings.core.InvalidInputException;
import io.tidings.core.TooLargeException;
import jakarta.inject.Singleton;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Uploads of large imports, kept on disk in {@code IMPORT_DIR} until their job ends: a CSV file, or a
 * zip holding one (told apart by the zip's first bytes), read back as text in the job's charset with
 * every byte that is not text refused.
 */
@Singleton
class ImportFiles {

    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final int BUFFER = 1 << 16;
    private final Path dir;
    private final long maxSize;

    ImportFiles(ImportConfig config, @Value("${tidings.data-dir}") Path dataDir) {
        this.dir = config.dir().isBlank() ? dataDir.resolve("imports") : Path.of(config.dir());
        this.maxSize = config.maxSize();
    }

    /** A file that cannot be read on: missing, not text in its charset, not a zip of one file. */
    static final class Unreadable extends RuntimeException {

        Unreadable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    long maxSize() {
        return maxSize;
    }

    /** Writes the chunks to a new file as they come, refusing (and deleting) one past the limit; its name. */
    String store(Iterable<byte[]> chunks) {
        String name = UUID.randomUUID() + ".upload";
        Path part = dir.resolve(name + ".part");
        try {
            Files.createDirectories(dir);
            long size = 0;
            try (OutputStream out = Files.newOutputStream(part)) {
                for (byte[] chunk : chunks) {
                    size += chunk.length;
                    if (size > maxSize) {
                        throw new TooLargeException("The file is larger than " + maxSize + " bytes (IMPORT_MAX_SIZE).");
                    }
                    out.write(chunk);
                }
            }
            Files.move(part, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            return name;
        } catch (IOException e) {
            throw new UncheckedIOException("storing an upload in " + dir, e);
        } finally {
            deleteQuietly(part);
        }
    }

    long size(String name) {
        try {
            return Files.size(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's text: the CSV itself, or the one file in the zip. */
    Reader open(String name, String charset) {
        Path file = dir.resolve(name);
        try {
            InputStream bytes = isZip(file) ? unpacked(file) : Files.newInputStream(file);
            return new BufferedReader(new InputStreamReader(bytes, Charset.forName(charset).newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), BUFFER);
        } catch (NoSuchFileException e) {
            throw new Unreadable("the uploaded file is no longer in " + dir + " (IMPORT_DIR must be shared by every instance)", e);
        } catch (IOException e) {
            throw new Unreadable("the file could not be read: " + e.getMessage(), e);
        }
    }

    void delete(String name) {
        deleteQuietly(dir.resolve(name));
    }

    private InputStream unpacked(Path file) throws IOException {
        ZipFile zip = new ZipFile(file.toFile());
        List<? extends ZipEntry> files = Collections.list(zip.entries()).stream()
                .filter(entry -> !entry.isDirectory() && !entry.getName().startsWith("__MACOSX/"))
                .toList();
        if (files.size() != 1) {
            zip.close();
            throw InvalidInputException.of("body", "a zip must hold exactly one CSV file; this one holds " + files.size());
        }
        return new Bounded(zip.getInputStream(files.get(0)), zip, maxSize);
    }

    private static boolean isZip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(ZIP.length);
            return Arrays.equals(start, ZIP);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Left behind; the next job's files are unaffected.
        }
    }

    /** A zip entry's bytes, refused past the limit (a zip bomb), closing the zip with the stream. */
    private static final class Bounded extends FilterInputStream {

        private final ZipFile zip;
        private final long max;
        private long read;

        Bounded(InputStream in, ZipFile zip, long max) {
            super(in);
            this.zip = zip;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > max) {
                throw new TooLargeException("The zipped file unpacks to more than " + max + " bytes (IMPORT_MAX_SIZE).");
            }
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                zip.close();
            }
        }
    }
}
