package org.carbonaware.planner.rolling;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.carbonaware.planner.domain.CarbonIntensitySource;
import org.carbonaware.planner.domain.Instance;
import org.carbonaware.planner.domain.Option;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.domain.Reconfiguration;
import org.carbonaware.planner.io.InstanceReader;
import org.carbonaware.planner.trace.CarbonTraceReader;

/** Small jobs on the bundled DACF California trace (solar dip, July 2021). */
final class RealTraces {

    static final Path CISO = Path.of("../instances/traces/dacf_CISO_2021H2_forecast.csv");

    private RealTraces() {
    }

    /**
     * A job of {@code days} × 24 hourly epochs from 2021-07-15 with three options in two families and switching
     * costs; the workload takes the fastest option (1 + slack)⁻¹ of the horizon.
     */
    static Problem cisoDays(int days, double slack) {
        List<Option> options = List.of(new Option(4, 2, 1, 8, 800, 3000), new Option(8, 2, 1, 16, 1500, 6000),
                new Option(4, 4, 1, 16, 1450, 5900));
        double hours = days * 24;
        double workload = 1500 * 3600 * (hours / (1 + slack) - 0.2);
        Instance instance = new Instance("ciso-days", Instant.parse("2021-07-15T00:00:00Z"), 60, hours, workload, 16, 1.1, 5, 100,
                new Reconfiguration(12, 4, 25), new CarbonIntensitySource(CISO.toAbsolutePath().normalize(), "carbon_intensity"),
                options, null);
        return InstanceReader.resolve(instance, CarbonTraceReader.read(CISO, "carbon_intensity"));
    }
}
