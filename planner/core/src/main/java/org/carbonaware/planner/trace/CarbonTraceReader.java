package org.carbonaware.planner.trace;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.carbonaware.planner.common.InputException;
import org.carbonaware.planner.common.TextFiles;

/**
 * Reads carbon-intensity CSV files: a header row, the timestamp in the first column (ISO-8601 with offset or
 * {@code Z}, or {@code yyyy-MM-dd HH:mm:ss} read as UTC) and values in gCO2eq/kWh in the chosen column.
 */
public final class CarbonTraceReader {

    private static final Pattern OFFSET_SUFFIX = Pattern.compile(".*(Z|[+-]\\d{2}(:?\\d{2})?)$");
    private static final Pattern COMPACT_OFFSET = Pattern.compile("([+-]\\d{2})(\\d{2})$");
    private static final Pattern HOUR_OFFSET = Pattern.compile("([+-]\\d{2})$");

    private CarbonTraceReader() {
    }

    /** Reads {@code column} (or the second column when null) of a trace file. */
    public static CarbonTrace read(Path file, String column) {
        String name = file.toString();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).get();
        try (Reader reader = new java.io.StringReader(TextFiles.read(file, "trace"));
             CSVParser parser = CSVParser.parse(skipBom(reader), format)) {
            List<String> header = parser.getHeaderNames();
            if (header.size() < 2) {
                throw new InputException("%s:1: the header has %d column(s) %s; a trace needs a timestamp column and a value column."
                        .formatted(name, header.size(), header));
            }
            int valueColumn = 1;
            if (column != null) {
                valueColumn = header.indexOf(column);
                if (valueColumn < 0) {
                    throw new InputException("%s:1: no column named \"%s\"; the columns are %s. Maybe check the spelling (gCO₂eq vs gCO2eq)?"
                            .formatted(name, column, header));
                }
                if (valueColumn == 0) {
                    throw new InputException("%s:1: column \"%s\" is the timestamp column, not a value column.".formatted(name, column));
                }
            }
            List<long[]> times = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (CSVRecord record : parser) {
                long line = record.getRecordNumber() + 1;
                if (record.size() <= valueColumn) {
                    throw new InputException("%s:%d: the row has %d field(s) but column \"%s\" is field %d."
                            .formatted(name, line, record.size(), header.get(valueColumn), valueColumn + 1));
                }
                Instant time = parseTimestamp(record.get(0), name, line);
                double value = parseValue(record.get(valueColumn), name, line, header.get(valueColumn));
                times.add(new long[] {time.getEpochSecond(), line});
                values.add(value);
            }
            return build(name, times, values);
        } catch (NoSuchFileException e) {
            throw new InputException(name + ": no such trace file. Maybe the path is not relative to the instance file?");
        } catch (IOException | java.io.UncheckedIOException e) {
            Throwable cause = e instanceof java.io.UncheckedIOException unchecked ? unchecked.getCause() : e;
            throw new InputException(name + csvProblem(cause.getMessage()));
        } catch (IllegalArgumentException | IllegalStateException e) {
            if (e instanceof InputException) {
                throw e;
            }
            throw new InputException(name + csvProblem(e.getMessage()));
        }
    }

    private static final Pattern UNCLOSED_QUOTE = Pattern.compile("\\(startline (\\d+)\\) EOF reached before encapsulated token finished.*");
    private static final Pattern AT_LINE = Pattern.compile(".*(?:at line|line:?) ?(\\d+).*", Pattern.DOTALL);

    /** Commons CSV's messages as a plain ":line: sentence" after the file name. */
    private static String csvProblem(String message) {
        String text = message == null ? "" : message;
        var unclosed = UNCLOSED_QUOTE.matcher(text);
        if (unclosed.matches()) {
            return ":%s: a quoted field opens here and is not closed before the end of the file. Maybe remove the stray '\"'?"
                    .formatted(unclosed.group(1));
        }
        if (text.startsWith("A header name is missing") || text.startsWith("The header contains a duplicate name")) {
            return ":1: " + TextFiles.plain(text) + " Maybe give every column a distinct name?";
        }
        var atLine = AT_LINE.matcher(text);
        String line = atLine.matches() ? ":" + atLine.group(1) : "";
        return line + ": not a readable CSV trace (" + TextFiles.plain(text.replaceAll("^[A-Za-z.]*Exception: ", ""))
                + "). Maybe check the quotes and delimiters near that line?";
    }

    private static CarbonTrace build(String name, List<long[]> times, List<Double> values) {
        Integer[] order = new Integer[times.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Long.compare(times.get(a)[0], times.get(b)[0]));
        long[] seconds = new long[order.length];
        double[] grams = new double[order.length];
        long[] lines = new long[order.length];
        for (int k = 0; k < order.length; k++) {
            long[] entry = times.get(order[k]);
            if (k > 0 && entry[0] == seconds[k - 1]) {
                long earlierLine = times.get(order[k - 1])[1];
                throw new InputException("%s:%d: duplicate timestamp %s (also on line %d). Maybe the file holds forecasts or repeated rows?"
                        .formatted(name, Math.max(entry[1], earlierLine), Instant.ofEpochSecond(entry[0]), Math.min(entry[1], earlierLine)));
            }
            seconds[k] = entry[0];
            grams[k] = values.get(order[k]);
            lines[k] = entry[1];
        }
        return new CarbonTrace(name, seconds, grams, lines);
    }

    /** Parses one timestamp; the file and line only name the place in the error. */
    public static Instant parseTimestamp(String raw, String file, long line) {
        String text = raw.strip();
        if (text.length() > 10 && text.charAt(10) == ' ') {
            text = text.substring(0, 10) + 'T' + text.substring(11);
        }
        try {
            if (OFFSET_SUFFIX.matcher(text).matches() && text.length() > 16) {
                String normalised = COMPACT_OFFSET.matcher(text).replaceFirst("$1:$2");
                normalised = HOUR_OFFSET.matcher(normalised).replaceFirst("$1:00");
                return OffsetDateTime.parse(normalised).toInstant();
            }
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InputException("%s:%d: cannot read timestamp \"%s\"; expected ISO-8601 (2023-05-08T00:00:00Z) or yyyy-MM-dd HH:mm:ss (UTC)."
                    .formatted(file, line, raw));
        }
    }

    /** Parses one gCO2eq/kWh value: a finite number >= 0; the file, line and column only name the place in the error. */
    public static double parseValue(String raw, String file, long line, String column) {
        double value;
        try {
            value = Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            throw new InputException("%s:%d: column \"%s\" holds \"%s\", not a number of gCO2eq/kWh.".formatted(file, line, column, raw));
        }
        if (Double.isNaN(value) || Double.isInfinite(value) || value < 0) {
            throw new InputException("%s:%d: column \"%s\" holds %s; carbon intensity must be a finite number >= 0."
                    .formatted(file, line, column, raw));
        }
        return value;
    }

    private static Reader skipBom(Reader reader) throws IOException {
        java.io.PushbackReader pushback = new java.io.PushbackReader(reader, 1);
        int first = pushback.read();
        if (first != -1 && first != '\uFEFF') {
            pushback.unread(first);
        }
        return pushback;
    }
}
