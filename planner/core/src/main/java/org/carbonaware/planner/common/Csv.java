package org.carbonaware.planner.common;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The planner's CSV files (results, sweeps, per-epoch plans, option tables, studies), written and read through
 * Commons CSV: RFC 4180 quoting, {@code \n} line ends, a header row. Reading is strict: a row whose field count
 * differs from the header's, or a broken quote, is an error naming the file and line, never a skipped row.
 */
public final class Csv {

    private static final CSVFormat WRITE = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();
    private static final CSVFormat READ = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get();

    private Csv() {
    }

    /** A header and rows; values are written with {@link String#valueOf(Object)}, null as an empty field. */
    public static String format(List<String> header, List<? extends List<?>> rows) {
        return format(List.of(), header, rows);
    }

    /** The same, after {@code # }-prefixed comment lines (for files that carry their settings). */
    public static String format(List<String> comments, List<String> header, List<? extends List<?>> rows) {
        StringBuilder out = new StringBuilder();
        CSVFormat format = comments.isEmpty() ? WRITE : WRITE.builder().setCommentMarker('#').get();
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            for (String comment : comments) {
                printer.printComment(comment);
            }
            printer.printRecord(header);
            for (List<?> row : rows) {
                if (row.size() != header.size()) {
                    throw new IllegalArgumentException("a row of %d fields under a header of %d: %s".formatted(row.size(), header.size(), row));
                }
                List<String> fields = new ArrayList<>(row.size());
                for (Object value : row) {
                    fields.add(value == null ? "" : String.valueOf(value));
                }
                printer.printRecord(fields);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not fail
        }
        return out.toString();
    }

    /** One data row: its 1-based line in the file and its fields by column name. */
    public record Row(long line, Map<String, String> fieldMap) {

        public String get(String column) {
            String value = fieldMap.get(column);
            if (value == null) {
                throw new IllegalArgumentException("no column " + column);
            }
            return value;
        }
    }

    /** A read file: its header and its rows. */
    public record Table(Path file, List<String> header, List<Row> rowList) {

        /** An input error for a field of a row: {@code file:line: column "name": problem}. */
        public InputException error(Row row, String column, String problem) {
            return new InputException("%s:%d: column \"%s\": %s".formatted(file, row.line(), column, problem));
        }
    }

    /**
     * Reads a CSV file with a header row. Every column in {@code requiredColumns} must be in the header; every row
     * must have as many fields as the header.
     */
    public static Table read(Path file, List<String> requiredColumns) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file.");
        } catch (IOException | UncheckedIOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage());
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> header = null;
        List<Row> rows = new ArrayList<>();
        List<Integer> lineStarts = new ArrayList<>(List.of(0));
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lineStarts.add(i + 1);
            }
        }
        try (CSVParser parser = CSVParser.parse(new StringReader(text), READ)) {
            for (CSVRecord record : parser) {
                long position = record.getCharacterPosition();
                while (position < text.length() && (text.charAt((int) position) == '\n' || text.charAt((int) position) == '\r')) {
                    position++; // the position of a record after skipped empty lines is that of the first empty line
                }
                long line = lineOf(lineStarts, position);
                List<String> fields = record.toList();
                if (header == null) {
                    header = fields;
                    for (String column : requiredColumns) {
                        if (!header.contains(column)) {
                            throw new InputException("%s:%d: no column \"%s\" in the header %s. Maybe this is not the file you meant?"
                                    .formatted(file, line, column, header));
                        }
                    }
                    continue;
                }
                if (fields.size() != header.size()) {
                    throw new InputException("%s:%d: %d field(s), but the header has %d. Maybe the file was cut off or edited by hand?"
                            .formatted(file, line, fields.size(), header.size()));
                }
                Map<String, String> byColumn = new LinkedHashMap<>();
                for (int i = 0; i < fields.size(); i++) {
                    byColumn.putIfAbsent(header.get(i), fields.get(i));
                }
                rows.add(new Row(line, byColumn));
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            // Commons CSV names the line in its message, e.g. "(startline 3) EOF reached before encapsulated token finished".
            java.util.regex.Matcher line = java.util.regex.Pattern.compile("line (\\d+)").matcher(String.valueOf(e.getMessage()));
            String where = line.find() ? file + ":" + line.group(1) : file.toString();
            String reason = String.valueOf(e.getMessage()).replaceAll("^.*\\) ", "");
            throw new InputException("%s: not valid CSV (%s). Maybe a quote is not closed?".formatted(where, reason));
        }
        if (header == null) {
            throw new InputException(file + ":1: the file is empty; expected a header row.");
        }
        return new Table(file, List.copyOf(header), List.copyOf(rows));
    }

    /** The 1-based line of a character position, given the positions where lines start. */
    private static long lineOf(List<Integer> lineStarts, long position) {
        int index = java.util.Collections.binarySearch(lineStarts, (int) position);
        return (index >= 0 ? index : -index - 2) + 1;
    }

    /** The header row of a CSV file (empty when the file is empty). */
    public static List<String> header(Path file) {
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = reader.readLine();
            if (first == null) {
                return List.of();
            }
            if (first.startsWith("\uFEFF")) {
                first = first.substring(1);
            }
            try (CSVParser parser = CSVParser.parse(new StringReader(first), READ)) {
                List<CSVRecord> records = parser.getRecords();
                return records.isEmpty() ? List.of() : records.get(0).toList().stream().map(String::trim).toList();
            }
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file.");
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new InputException(file + ": cannot read the header: " + e.getMessage());
        }
    }
}
