package org.carbonaware.planner.forecast;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.carbonaware.planner.common.InputException;
import org.carbonaware.planner.trace.CarbonTrace;
import org.carbonaware.planner.trace.CarbonTraceReader;

/**
 * Reads forecast vintages: a CSV with a header, the request time in the first column, the forecast time in the
 * second and values in gCO2eq/kWh in the chosen column (default: the third). A forecast time may repeat across
 * request times (that is what vintages are); a repeated (request time, forecast time) pair and a request time
 * after its forecast time are errors naming the line.
 */
public final class VintageFile {

    private VintageFile() {
    }

    private record Row(long requestSeconds, long forecastSeconds, double value, long line) {
    }

    public static VintageForecast read(Path file, String column) {
        String name = file.toString();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).get();
        List<Row> rows = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> header = parser.getHeaderNames();
            if (header.size() < 3) {
                throw new InputException("%s:1: the header has %d column(s) %s; forecast vintages need request_time, forecast_time and a value column."
                        .formatted(name, header.size(), header));
            }
            int valueColumn = 2;
            if (column != null) {
                valueColumn = header.indexOf(column);
                if (valueColumn < 2) {
                    throw new InputException("%s:1: %s; the columns are %s. Maybe check forecast.column?".formatted(name,
                            valueColumn < 0 ? "no column named \"" + column + "\"" : "column \"" + column + "\" is a time column",
                            header));
                }
            }
            for (CSVRecord record : parser) {
                long line = record.getRecordNumber() + 1;
                if (record.size() <= valueColumn) {
                    throw new InputException("%s:%d: the row has %d field(s) but column \"%s\" is field %d."
                            .formatted(name, line, record.size(), header.get(valueColumn), valueColumn + 1));
                }
                Instant request = CarbonTraceReader.parseTimestamp(record.get(0), name, line);
                Instant forecast = CarbonTraceReader.parseTimestamp(record.get(1), name, line);
                if (request.isAfter(forecast)) {
                    throw new InputException("%s:%d: %s %s is after %s %s; a vintage forecasts only times from its request on. Maybe the two time columns are swapped?"
                            .formatted(name, line, header.get(0), request, header.get(1), forecast));
                }
                double value = CarbonTraceReader.parseValue(record.get(valueColumn), name, line, header.get(valueColumn));
                rows.add(new Row(request.getEpochSecond(), forecast.getEpochSecond(), value, line));
            }
        } catch (NoSuchFileException e) {
            throw new InputException(name + ": no such forecast file. Maybe forecast.file is not relative to the instance file?");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new InputException(name + ": cannot read the forecast: " + e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException e) {
            if (e instanceof InputException) {
                throw e;
            }
            throw new InputException(name + ": not a readable CSV of forecast vintages: " + e.getMessage());
        }
        if (rows.isEmpty()) {
            throw new InputException(name + ": the forecast has no rows. Maybe the file holds only a header?");
        }
        return build(name, rows);
    }

    private static VintageForecast build(String name, List<Row> rows) {
        rows.sort((a, b) -> a.requestSeconds != b.requestSeconds ? Long.compare(a.requestSeconds, b.requestSeconds)
                : Long.compare(a.forecastSeconds, b.forecastSeconds));
        List<long[]> groups = new ArrayList<>(); // [first row, end row)
        for (int i = 0; i < rows.size(); ) {
            int j = i + 1;
            while (j < rows.size() && rows.get(j).requestSeconds == rows.get(i).requestSeconds) {
                Row previous = rows.get(j - 1);
                Row current = rows.get(j);
                if (current.forecastSeconds == previous.forecastSeconds) {
                    throw new InputException("%s:%d: request_time %s and forecast_time %s repeat line %d. Maybe the file joins two exports?"
                            .formatted(name, Math.max(current.line, previous.line), Instant.ofEpochSecond(current.requestSeconds),
                                    Instant.ofEpochSecond(current.forecastSeconds), Math.min(current.line, previous.line)));
                }
                j++;
            }
            groups.add(new long[] {i, j});
            i = j;
        }
        long step = typicalStep(rows, groups);
        long[] requests = new long[groups.size()];
        Samples[] vintages = new Samples[groups.size()];
        for (int g = 0; g < groups.size(); g++) {
            int from = (int) groups.get(g)[0];
            int to = (int) groups.get(g)[1];
            long[] seconds = new long[to - from];
            double[] values = new double[to - from];
            for (int i = from; i < to; i++) {
                seconds[i - from] = rows.get(i).forecastSeconds;
                values[i - from] = rows.get(i).value;
            }
            requests[g] = rows.get(from).requestSeconds;
            vintages[g] = new Samples(seconds, values, step);
        }
        return new VintageForecast(name, requests, vintages);
    }

    /** The most common spacing of forecast times within a vintage (else of request times; else one hour). */
    private static long typicalStep(List<Row> rows, List<long[]> groups) {
        List<Long> steps = new ArrayList<>();
        for (long[] group : groups) {
            for (int i = (int) group[0] + 1; i < group[1]; i++) {
                steps.add(rows.get(i).forecastSeconds - rows.get(i - 1).forecastSeconds);
            }
        }
        if (steps.isEmpty()) {
            for (int g = 1; g < groups.size(); g++) {
                steps.add(rows.get((int) groups.get(g)[0]).requestSeconds - rows.get((int) groups.get(g - 1)[0]).requestSeconds);
            }
        }
        if (steps.isEmpty()) {
            return 3600;
        }
        return CarbonTrace.mostCommon(steps.stream().mapToLong(Long::longValue).toArray());
    }
}
