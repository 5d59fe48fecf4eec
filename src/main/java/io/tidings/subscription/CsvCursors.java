package io.tidings.subscription;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * A query's rows as CSV, read from a cursor on a connection of its own and sent in chunks as the
 * client takes them: the memory a download needs does not grow with its rows. Every field is written
 * RFC 4180-quoted where needed and guarded against spreadsheet formulas ({@link ImportColumns#guarded}).
 */
@Singleton
class CsvCursors {

    /** Rows fetched per round trip; PostgreSQL streams them only outside autocommit. */
    private static final int FETCH = 1000;
    /** About this many characters go in one chunk of the response. */
    private static final int CHUNK = 64 * 1024;
    private final DataSource pool;

    CsvCursors(DataSource dataSource) {
        // The pool itself: a download holds its connection across chunks, outside any transaction of a request thread.
        this.pool = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    /** The fields of the row a result set is on. */
    interface Fields {
        List<String> of(ResultSet row) throws SQLException;
    }

    /** The header line, then a line for each row of {@code sql} (bound to {@code parameters}). */
    Publisher<byte[]> csv(List<String> header, String sql, List<Object> parameters, Fields fields) {
        return Flux.<byte[], Cursor>generate(() -> new Cursor(sql, parameters, header), (cursor, sink) -> {
            try {
                byte[] chunk = cursor.next(fields);
                if (chunk.length == 0) {
                    sink.complete();
                } else {
                    sink.next(chunk);
                }
            } catch (SQLException e) {
                sink.error(e);
            }
            return cursor;
        }, Cursor::close).subscribeOn(Schedulers.boundedElastic());
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
    static String quoted(String value) {
        if (value == null) {
            return "";
        }
        boolean plain = value.chars().noneMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n');
        return plain ? value : "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static void line(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quoted(ImportColumns.guarded(fields.get(i))));
        }
        out.append("\r\n");
    }

    private final class Cursor {

        private final Connection connection;
        private final PreparedStatement statement;
        private final ResultSet rows;
        private List<String> header;

        Cursor(String sql, List<Object> parameters, List<String> header) throws SQLException {
            this.header = header;
            this.connection = pool.getConnection();
            try {
                connection.setAutoCommit(false);
                connection.setReadOnly(true);
                statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
                statement.setFetchSize(FETCH);
                for (int i = 0; i < parameters.size(); i++) {
                    statement.setObject(i + 1, parameters.get(i));
                }
                rows = statement.executeQuery();
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        }

        /** The next chunk of lines; empty at the end. */
        byte[] next(Fields fields) throws SQLException {
            StringBuilder out = new StringBuilder(CHUNK + 1024);
            if (header != null) {
                line(out, header);
                header = null;
            }
            while (out.length() < CHUNK && rows.next()) {
                line(out, fields.of(rows));
            }
            return out.toString().getBytes(StandardCharsets.UTF_8);
        }

        void close() {
            try (connection) {
                connection.rollback();
                connection.setReadOnly(false);
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                // The pool checks a connection it gets back; nothing more to do for this download.
            }
        }
    }
}
