package io.tidings.subscription;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks; blank lines are skipped. */
final class CsvRows {

    private CsvRows() {
    }

    /** One record and the line it starts on, for reports. */
    record Row(int line, List<String> fields) {
    }

    /** A quoted field left open: everything after it would be misread, so nothing is. */
    static final class Unclosed extends RuntimeException {
        final int line;

        Unclosed(int line) {
            super("line " + line + ": a quoted field is not closed");
            this.line = line;
        }
    }

    static List<Row> parse(String text) {
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int rowLine = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    line += c == '\n' ? 1 : 0;
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                end(rows, fields, field, rowLine);
                line++;
                rowLine = line;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new Unclosed(rowLine);
        }
        end(rows, fields, field, rowLine);
        return rows;
    }

    private static void end(List<Row> rows, List<String> fields, StringBuilder field, int line) {
        fields.add(field.toString());
        field.setLength(0);
        boolean blank = fields.size() == 1 && fields.get(0).isBlank();
        if (!blank) {
            rows.add(new Row(line, List.copyOf(fields)));
        }
        fields.clear();
    }
}
