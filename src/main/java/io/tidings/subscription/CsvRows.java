package io.tidings.subscription;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * RFC 4180 CSV, read with Commons CSV: quoted fields may hold commas, doubled quotes and line breaks;
 * blank lines are skipped.
 */
final class CsvRows {

    private static final char BYTE_ORDER_MARK = '\uFEFF';
    /**
     * Blank lines come through as records, so each record's first line can be counted (and the blank
     * ones are then skipped); text after a closing quote is kept, as the file's author most likely meant.
     */
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(false)
            .setTrailingData(true)
            .get();

    private CsvRows() {
    }

    /** One record and the line it starts on, for reports. */
    record Row(int line, List<String> fields) {
    }

    /** A file that cannot be read: everything after the fault would be misread, so nothing is. */
    static class Unreadable extends RuntimeException {

        Unreadable(int line, String problem) {
            super("line " + line + ": " + problem);
        }
    }

    /** A quoted field left open. */
    static final class Unclosed extends Unreadable {

        Unclosed(int line) {
            super(line, "a quoted field is not closed");
        }
    }

    /** The text without the byte-order mark that Excel's "CSV UTF-8" starts with. */
    static String withoutByteOrderMark(String text) {
        return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    }

    static List<Row> parse(String text) {
        List<Row> rows = new ArrayList<>();
        try (Reading reading = new Reading(new StringReader(text))) {
            reading.forEachRemaining(rows::add);
        }
        return rows;
    }

    /** The rows of a file as they are read, with constant memory: what a large import goes through. */
    static final class Reading implements Iterator<Row>, Closeable {

        private final CSVParser parser;
        private final Iterator<CSVRecord> records;
        private Row next;

        Reading(Reader text) {
            try {
                this.parser = CSVParser.parse(text, FORMAT);
            } catch (IOException e) {
                throw new UncheckedIOException("reading CSV", e);
            }
            this.records = parser.iterator();
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                int line = (int) parser.getCurrentLineNumber() + 1;
                List<String> fields;
                try {
                    if (!records.hasNext()) {
                        return false;
                    }
                    fields = records.next().toList();
                } catch (UncheckedIOException e) {
                    // A fault of the stream itself (bytes that are not text) is the caller's to report.
                    if (e.getCause() instanceof CharacterCodingException) {
                        throw e;
                    }
                    // With trailing data allowed and no escape character, the one fault left is a quote never closed.
                    throw new Unclosed(line);
                }
                if (fields.size() > 1 || !fields.get(0).isBlank()) {
                    next = new Row(line, List.copyOf(fields));
                }
            }
            return true;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Row row = next;
            next = null;
            return row;
        }

        /** The line the reading has come to, for a report of what stopped it. */
        long line() {
            return parser.getCurrentLineNumber() + 1;
        }

        @Override
        public void close() {
            try {
                parser.close();
            } catch (IOException e) {
                throw new UncheckedIOException("closing CSV", e);
            }
        }
    }
}
