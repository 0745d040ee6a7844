package org.carbonaware.planner.formulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.io.InstanceReader;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolveStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A classic instance file and the same job written as one entry of "sites" are one problem: every exact solver
 * and the baselines give the same plan and the same grams on both.
 */
class OneSitePlanTest {

    @TempDir
    Path dir;

    static final String JOB = """
            "options": [ { "dp": 2, "tp": 1, "pp": 1, "tokensPerSecond": 2.0, "watts": 200 },
                         { "dp": 1, "tp": 1, "pp": 1, "tokensPerSecond": 1.0, "watts": 80 },
                         { "dp": 1, "tp": 2, "pp": 1, "tokensPerSecond": 1.8, "watts": 100 } ],
            "maxGpus": 8, "pue": 1.2, "embodiedGramsPerGpuHour": 3, "idleWatts": 10,
            "reconfiguration": { "resumeMinutes": 6, "dpChangeMinutes": 3, "reshardMinutes": 10 },
            "carbonIntensity": { "file": "ci.csv" }""";
    static final String HEAD = """
            "start": "2023-01-01T00:00:00Z", "epochMinutes": 60, "deadlineHours": 6, "workload": { "tokens": 14400 },""";

    @Test
    void aClassicFileAndItsOneSiteFormGiveTheSamePlans() throws IOException {
        Files.writeString(dir.resolve("ci.csv"), "t,v\n2023-01-01 00:00:00,100\n2023-01-01 01:00:00,500\n2023-01-01 02:00:00,50\n"
                + "2023-01-01 03:00:00,40\n2023-01-01 04:00:00,500\n2023-01-01 05:00:00,70\n");
        Path classic = dir.resolve("classic.json");
        Files.writeString(classic, "{ \"name\": \"job\", " + HEAD + JOB + " }");
        Path sites = dir.resolve("sites.json");
        Files.writeString(sites, "{ \"name\": \"job\", " + HEAD + " \"sites\": [ { \"name\": \"X\", " + JOB + " } ] }");
        Problem a = InstanceReader.load(classic);
        Problem b = InstanceReader.load(sites);
        assertThat(b.siteCount()).isEqualTo(1);
        SolveSettings settings = new SolveSettings(20, 1, 1, Map.of());
        for (String solver : new String[] {"cpsat", "mip", "label", "fixed-fastest", "threshold", "shift", "carbonscaler",
                "double-threshold", "site-alone", "reactive"}) {
            SolveResult x = Solvers.create(solver).solve(a, settings);
            SolveResult y = Solvers.create(solver).solve(b, settings);
            assertThat(y.status()).as(solver).isEqualTo(x.status());
            assertThat(y.plan()).as(solver).isEqualTo(x.plan());
            if (x.plan() != null) {
                assertThat(y.objectiveKg()).as(solver).isCloseTo(x.objectiveKg(), within(1e-12));
            }
            if (solver.equals("cpsat")) {
                assertThat(x.status()).isEqualTo(SolveStatus.OPTIMAL);
            }
        }
    }
}
