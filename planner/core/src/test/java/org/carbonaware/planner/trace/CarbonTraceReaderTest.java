package org.carbonaware.planner.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;

import org.carbonaware.planner.common.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CarbonTraceReaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    @Test
    void readsElectricityMapsExportByColumnName() throws IOException {
        Path file = write("em.csv", """
                Datetime (UTC),Carbon Intensity gCO₂eq/kWh (direct),Carbon Intensity gCO₂eq/kWh (LCA),Data Estimated
                2023-01-01 00:00:00,140.51,185.8,false
                2023-01-01 01:00:00,120.0,170.0,false
                """);
        CarbonTrace direct = CarbonTraceReader.read(file, null);
        CarbonTrace lca = CarbonTraceReader.read(file, "Carbon Intensity gCO₂eq/kWh (LCA)");
        assertThat(direct.value(0)).isEqualTo(140.51);
        assertThat(lca.value(1)).isEqualTo(170.0);
        assertThat(direct.time(0)).isEqualTo(Instant.parse("2023-01-01T00:00:00Z"));
        assertThat(direct.coveredUntil()).isEqualTo(Instant.parse("2023-01-01T02:00:00Z"));
    }

    @Test
    void readsIsoTimestampsWithOffsetsAndZ() throws IOException {
        Path file = write("iso.csv", """
                point_time,DE
                2026-01-11 17:00:00+00:00,700
                2026-01-11T18:00:00Z,710
                2026-01-11T20:00:00+01:00,720
                2026-01-11T20:00:00+0000,730
                """);
        CarbonTrace trace = CarbonTraceReader.read(file, null);
        assertThat(trace.size()).isEqualTo(4);
        assertThat(trace.time(2)).isEqualTo(Instant.parse("2026-01-11T19:00:00Z"));
        assertThat(trace.value(2)).isEqualTo(720);
        assertThat(trace.time(3)).isEqualTo(Instant.parse("2026-01-11T20:00:00Z"));
    }

    @Test
    void epochMeanAveragesSamplesInsideTheEpoch() throws IOException {
        Path file = write("q.csv", """
                Time,Carbon Intensity
                2020-01-01 00:00:00,100
                2020-01-01 00:15:00,200
                2020-01-01 00:30:00,300
                2020-01-01 00:45:00,400
                2020-01-01 01:00:00,50
                2020-01-01 01:15:00,50
                2020-01-01 01:30:00,50
                2020-01-01 01:45:00,50
                """);
        double[] means = CarbonTraceReader.read(file, null).epochMeans(Instant.parse("2020-01-01T00:00:00Z"), 60, 2);
        assertThat(means).containsExactly(250.0, 50.0);
    }

    @Test
    void coarseTraceHoldsTheLatestSampleAtOrBeforeTheEpochStart() throws IOException {
        Path file = write("h.csv", """
                Time,ci
                2020-01-01 00:00:00,100
                2020-01-01 01:00:00,200
                """);
        double[] means = CarbonTraceReader.read(file, null).epochMeans(Instant.parse("2020-01-01T00:30:00Z"), 15, 4);
        // 00:30 and 00:45 hold 100; 01:00 contains a sample; 01:15 holds 200.
        assertThat(means).containsExactly(100.0, 100.0, 200.0, 200.0);
    }

    @Test
    void horizonOutsideTheTraceIsAnInputErrorNamingTheFile() throws IOException {
        Path file = write("short.csv", "t,v\n2020-01-01 00:00:00,1\n2020-01-01 01:00:00,2\n");
        CarbonTrace trace = CarbonTraceReader.read(file, null);
        assertThatThrownBy(() -> trace.epochMeans(Instant.parse("2020-01-01T00:00:00Z"), 60, 3))
                .isInstanceOf(InputException.class).hasMessageContaining("short.csv").hasMessageContaining("covers");
        assertThatThrownBy(() -> trace.epochMeans(Instant.parse("2019-12-31T23:00:00Z"), 60, 1))
                .isInstanceOf(InputException.class);
    }

    @Test
    void badValuesNameFileAndLine() throws IOException {
        for (String bad : new String[] {"-1", "NaN", "abc", ""}) {
            Path file = write("bad.csv", "t,v\n2020-01-01 00:00:00,1\n2020-01-01 01:00:00," + bad + "\n");
            assertThatThrownBy(() -> CarbonTraceReader.read(file, null))
                    .isInstanceOf(InputException.class).hasMessageContaining("bad.csv:3");
        }
    }

    @Test
    void duplicateTimestampIsAnError() throws IOException {
        Path file = write("dup.csv", "t,v\n2020-01-01 00:00:00,1\n2020-01-01 01:00:00,2\n2020-01-01 01:00:00,3\n");
        assertThatThrownBy(() -> CarbonTraceReader.read(file, null))
                .isInstanceOf(InputException.class).hasMessageContaining("dup.csv:4").hasMessageContaining("duplicate");
    }

    @Test
    void unknownColumnAndBadTimestampAreErrors() throws IOException {
        Path file = write("c.csv", "t,v\n2020-01-01 00:00:00,1\n");
        assertThatThrownBy(() -> CarbonTraceReader.read(file, "w")).isInstanceOf(InputException.class)
                .hasMessageContaining("c.csv:1").hasMessageContaining("\"w\"");
        Path badTime = write("d.csv", "t,v\n01/02/2020 00:00,1\n");
        assertThatThrownBy(() -> CarbonTraceReader.read(badTime, null)).isInstanceOf(InputException.class)
                .hasMessageContaining("d.csv:2");
        assertThatThrownBy(() -> CarbonTraceReader.read(dir.resolve("missing.csv"), null)).isInstanceOf(InputException.class)
                .hasMessageContaining("missing.csv");
    }

    @Test
    void everyBundledTraceReads() throws IOException {
        Path traces = Path.of("../../instances/traces");
        try (Stream<Path> files = Files.list(traces)) {
            long count = files.filter(f -> f.toString().endsWith(".csv")).peek(f -> {
                CarbonTrace trace = CarbonTraceReader.read(f, null);
                assertThat(trace.size()).as(f.toString()).isGreaterThan(1000);
                assertThat(trace.step().toMinutes()).as(f.toString()).isIn(15L, 30L, 60L);
            }).count();
            assertThat(count).isGreaterThanOrEqualTo(3);
        }
        CarbonTrace de = CarbonTraceReader.read(traces.resolve("DE_2023_hourly.csv"), null);
        assertThat(de.value(0)).isCloseTo(140.51, within(1e-9));
    }

    private Path hourly(String name, int... hours) throws IOException {
        StringBuilder text = new StringBuilder("time,ci\n");
        for (int h : hours) {
            text.append("2020-01-01 %02d:00:00,%d%n".formatted(h, 100 + h));
        }
        return write(name, text.toString());
    }

    @Test
    void aGapLongerThanTwiceTheStepIsAnErrorNamingBothLines() throws IOException {
        // Hours 3 and 4 are missing: samples 02:00 (line 4) and 05:00 (line 5) are 180 minutes apart.
        CarbonTrace trace = CarbonTraceReader.read(hourly("gap.csv", 0, 1, 2, 5, 6, 7), null);
        assertThatThrownBy(() -> trace.checkGaps(Instant.parse("2020-01-01T00:00:00Z"), 60, 8, null, "carbonIntensity.maxGapMinutes"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("gap.csv:5:").hasMessageContaining("180-minute gap")
                .hasMessageContaining("(line 4)").hasMessageContaining("(line 5)")
                .hasMessageContaining("carbonIntensity.maxGapMinutes 120 min").hasMessageContaining("Maybe");
        // A raised limit accepts it; a horizon that the gap does not reach is not concerned.
        trace.checkGaps(Instant.parse("2020-01-01T00:00:00Z"), 60, 8, 180.0, "carbonIntensity.maxGapMinutes");
        trace.checkGaps(Instant.parse("2020-01-01T00:00:00Z"), 60, 2, null, "carbonIntensity.maxGapMinutes");
    }

    @Test
    void shorterGapsAreFilledAndCounted() throws IOException {
        // Hour 3 missing: the 120-minute gap is within the default, and epoch 3 is carried over from 02:00.
        CarbonTrace trace = CarbonTraceReader.read(hourly("one.csv", 0, 1, 2, 4, 5), null);
        Instant start = Instant.parse("2020-01-01T00:00:00Z");
        assertThat(trace.checkGaps(start, 60, 6, null, "carbonIntensity.maxGapMinutes")).isEqualTo(1);
        assertThat(trace.epochMeans(start, 60, 6)[3]).isEqualTo(102.0);
        // Quarter-hour epochs on the same trace: the four quarters of hour 3 are filled, the others are the hourly value held.
        assertThat(trace.checkGaps(start, 15, 24, null, "f")).isEqualTo(4);
        assertThat(CarbonTraceReader.read(hourly("full.csv", 0, 1, 2, 3, 4, 5), null).checkGaps(start, 15, 24, null, "f")).isZero();
    }

    @Test
    void unsortedRowsAreSortedByTime() throws IOException {
        CarbonTrace trace = CarbonTraceReader.read(hourly("unsorted.csv", 2, 0, 1), null);
        assertThat(trace.epochMeans(Instant.parse("2020-01-01T00:00:00Z"), 60, 3)).containsExactly(100.0, 101.0, 102.0);
    }
}
