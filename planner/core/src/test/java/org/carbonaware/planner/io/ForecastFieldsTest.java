package org.carbonaware.planner.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.carbonaware.planner.common.InputException;
import org.carbonaware.planner.domain.CarbonIntensitySource;
import org.carbonaware.planner.domain.Fallback;
import org.carbonaware.planner.domain.ForecastSource;
import org.carbonaware.planner.domain.Signal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForecastFieldsTest {

    @TempDir
    Path dir;

    private CarbonIntensitySource read(String extraFields) throws IOException {
        Path file = dir.resolve("instance.json");
        Files.writeString(file, InstanceReaderTest.VALID.replace("\"carbonIntensity\"", extraFields + " \"carbonIntensity\""));
        return InstanceReader.read(file).carbonIntensity();
    }

    @Test
    void withoutTheFieldsTheTraceIsAverageAndHasNoForecast() throws IOException {
        CarbonIntensitySource source = read("");
        assertThat(source.signal()).isEqualTo(Signal.AVERAGE);
        assertThat(source.forecast()).isNull();
    }

    @Test
    void aColumnForecastDefaultsToTheTraceFileAndTheDocumentedIssueTime() throws IOException {
        CarbonIntensitySource source = read("""
                "signal": "marginal", "forecast": {"type": "column", "column": "fc"},""");
        assertThat(source.signal()).isEqualTo(Signal.MARGINAL);
        var column = (ForecastSource.Column) source.forecast().source();
        assertThat(column.file()).isEqualTo(source.file());
        assertThat(column.issueHourUtc()).isZero();
        assertThat(column.horizonHours()).isEqualTo(24);
        assertThat(source.forecast().fallback()).isEqualTo(Fallback.SEASONAL_DAILY);
        assertThat(source.forecast().signal()).as("the forecast is of the trace's signal unless it says").isEqualTo(Signal.MARGINAL);
    }

    @Test
    void vintageAndSyntheticForecastsReadTheirFields() throws IOException {
        var vintages = read("""
                "forecast": {"type": "vintages", "file": "sub/v.csv", "fallback": "trailing-mean", "trailingHours": 6},""").forecast();
        assertThat(((ForecastSource.Vintages) vintages.source()).file()).isEqualTo(dir.resolve("sub/v.csv"));
        assertThat(vintages.fallback()).isEqualTo(Fallback.TRAILING_MEAN);
        assertThat(vintages.trailingHours()).isEqualTo(6);
        var synthetic = (ForecastSource.Synthetic) read("""
                "forecast": {"type": "synthetic", "seed": 5, "sigmaAt24h": 0.2},""").forecast().source();
        assertThat(synthetic.seed()).isEqualTo(5);
        assertThat(synthetic.sigmaAt1h()).isEqualTo(ForecastSource.Synthetic.DEFAULT_SIGMA_AT_1H);
        assertThat(synthetic.sigmaAt24h()).isEqualTo(0.2);
    }

    @Test
    void badForecastFieldsAreOneLineErrorsNamingTheField() {
        assertThatThrownBy(() -> read("\"signal\": \"marginl\",")).isInstanceOf(InputException.class)
                .hasMessageContaining("instance.json").hasMessageContaining("'signal'").hasMessageContaining("average");
        assertThatThrownBy(() -> read("\"forecast\": {\"type\": \"oracle\"},")).isInstanceOf(InputException.class)
                .hasMessageContaining("'forecast.type'").hasMessageContaining("vintages");
        assertThatThrownBy(() -> read("\"forecast\": {\"type\": \"synthetic\", \"fallback\": \"yesterday\"},"))
                .isInstanceOf(InputException.class).hasMessageContaining("'forecast.fallback'")
                .hasMessageContaining("unknown fallback \"yesterday\"").hasMessageContaining("seasonal-daily");
        assertThatThrownBy(() -> read("\"forecast\": {\"type\": \"synthetic\", \"sigmaAt1h\": 0.2, \"sigmaAt24h\": 0.1},"))
                .isInstanceOf(InputException.class).hasMessageContaining("'forecast.sigmaAt24h'");
        assertThatThrownBy(() -> read("\"forecast\": {\"type\": \"column\", \"column\": \"f\", \"issueHour\": 3},"))
                .isInstanceOf(InputException.class).hasMessageContaining("'forecast.issueHour'")
                .hasMessageContaining("Maybe you meant 'issueHourUtc'");
        assertThatThrownBy(() -> read("\"forecast\": {\"type\": \"column\", \"column\": \"f\", \"issueHourUtc\": 24},"))
                .isInstanceOf(InputException.class).hasMessageContaining("0-23");
    }
}
