package org.carbonaware.planner.formulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;

import org.carbonaware.planner.domain.Instance;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.io.InstanceReader;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolveStatus;
import org.carbonaware.planner.validate.PlanEvaluator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The label-setting proof agrees with CP-SAT and HiGHS on the plain flow model (no presolve) where they prove the
 * optimum: slices of the bundled real-trace instances (12 options, switching costs), cut to a horizon the plain
 * models solve in seconds, with the workload scaled to keep the instance's slack.
 */
class ProofAgreementTest {

    private static final SolveSettings SETTINGS = new SolveSettings(60, 2, 1, Map.of());

    @ParameterizedTest
    @CsvSource({"de-week, 0, 36", "ciso-week, 48, 36", "gb-week, 96, 30"})
    void labelCpSatAndHighsProveTheSameOptimum(String name, int startHour, int hours) {
        Problem problem = slice(name, startHour, hours);
        SolveResult label = Solvers.create("label").solve(problem, SETTINGS);
        SolveResult cpsat = Solvers.create("cpsat").solve(problem, SETTINGS.withParameter("presolve", "none"));
        SolveResult highs = Solvers.create("mip").solve(problem, SETTINGS.withParameter("presolve", "none"));
        for (SolveResult result : new SolveResult[] {label, cpsat, highs}) {
            assertThat(result.status()).as(result.solver()).isEqualTo(SolveStatus.OPTIMAL);
        }
        double labelKg = PlanEvaluator.evaluate(problem, label.plan()).totalKg();
        // CP-SAT's integer grams can move its optimum by its recorded rounding error; HiGHS runs at a 1e-9 gap.
        double cpsatKg = PlanEvaluator.evaluate(problem, cpsat.plan()).totalKg();
        double roundingKg = (double) cpsat.statistics().get("maxRoundingErrorKg");
        assertThat(labelKg).isLessThanOrEqualTo(cpsatKg + 1e-9 * cpsatKg);
        assertThat(labelKg).isGreaterThanOrEqualTo(cpsatKg - 2 * roundingKg - 1e-9 * cpsatKg);
        assertThat(labelKg).isCloseTo(PlanEvaluator.evaluate(problem, highs.plan()).totalKg(), within(2e-9 * labelKg));
        assertThat(label.bestBoundKg()).isCloseTo(labelKg, within(1e-9 * labelKg));
    }

    /** Hours [startHour, startHour + hours) of a bundled instance, the workload scaled by hours / deadline. */
    static Problem slice(String name, int startHour, int hours) {
        Instance week = InstanceReader.read(Path.of("../instances/" + name + ".json"));
        Instance cut = new Instance(name + "-" + startHour + "-" + hours, week.start().plusSeconds(3600L * startHour),
                week.epochMinutes(), hours, week.workloadTokens() * hours / week.deadlineHours(), week.maxGpus(), week.pue(),
                week.embodiedGramsPerGpuHour(), week.idleWatts(), week.reconfiguration(), week.carbonIntensity(),
                week.optionList(), week.sourceFile());
        return InstanceReader.resolve(cut);
    }
}
