package org.carbonaware.planner.solve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.carbonaware.planner.common.InputException;
import org.carbonaware.planner.domain.Problem;
import org.junit.jupiter.api.Test;

class SolverOptionTest {

    static final SolverOption<Long> BUDGET = SolverOption.integer("budget", "labels").atLeast(1).byDefault(4_000_000L);
    static final SolverOption<Double> SECONDS = SolverOption.decimal("seconds", "time").above(0)
            .byDefault(s -> Math.min(0.3 * s.timeLimitSeconds(), 30), "min(0.3 × time limit, 30)");
    static final SolverOption<String> MODE = SolverOption.choice("mode", "how", "fast", "exact");
    static final SolverOption<Double> LEVEL = SolverOption.decimal("level", "g/kWh").atLeast(0).absentMeans("automatic");

    static SolveSettings settings(Map<String, String> parameters) {
        return new SolveSettings(10, 1, 1, parameters);
    }

    @Test
    void valuesAreParsedToTheirTypeWithinTheirRange() {
        assertThat(BUDGET.parse("1_000")).isEqualTo(1000L);
        assertThat(BUDGET.parse("2e6")).isEqualTo(2_000_000L);
        assertThatThrownBy(() -> BUDGET.parse("0")).hasMessage("must be >= 1, got 0");
        assertThatThrownBy(() -> BUDGET.parse("1.5")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> SECONDS.parse("0")).hasMessage("must be > 0, got 0");
        assertThatThrownBy(() -> SECONDS.parse("NaN")).hasMessageContaining("expected a number");
        assertThatThrownBy(() -> SECONDS.parse("Infinity")).hasMessageContaining("expected a number");
        assertThatThrownBy(() -> SECONDS.parse("1d")).hasMessageContaining("expected a number");
        assertThat(MODE.parse("EXACT")).isEqualTo("exact");
        assertThatThrownBy(() -> MODE.parse("exakt")).hasMessageContaining("Maybe you meant 'exact'?");
    }

    @Test
    void defaultsAreFixedComputedOrAbsent() {
        assertThat(BUDGET.get(settings(Map.of()))).isEqualTo(4_000_000L);
        assertThat(SECONDS.get(settings(Map.of()))).isEqualTo(3.0);
        assertThat(SECONDS.get(settings(Map.of("seconds", "0.5")))).isEqualTo(0.5);
        assertThat(MODE.get(settings(Map.of()))).isEqualTo("fast");
        assertThat(LEVEL.get(settings(Map.of()))).isNull();
        assertThat(List.of(BUDGET.defaultDescription(), SECONDS.defaultDescription(), MODE.defaultDescription(), LEVEL.defaultDescription()))
                .containsExactly("4000000", "min(0.3 × time limit, 30)", "fast", "automatic");
        assertThat(List.of(BUDGET.rangeDescription(), SECONDS.rangeDescription(), MODE.rangeDescription()))
                .containsExactly("integer >= 1", "decimal > 0", "fast | exact");
    }

    private static PlanSolver solver(String name, SolverOption<?>... options) {
        return new PlanSolver() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String summary() {
                return name;
            }

            @Override
            public List<SolverOption<?>> options() {
                return List.of(options);
            }

            @Override
            public SolveResult solve(Problem problem, SolveSettings settings) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void checkNamesTheOptionTheValueAndTheSolversThatTakeIt() {
        PlanSolver a = solver("a", BUDGET, SECONDS);
        PlanSolver b = solver("b", MODE);
        assertThat(SolverOptions.check(a, settings(Map.of("budget", "7")), List.of(a, b)))
                .containsExactly(Map.entry("budget", 7L), Map.entry("seconds", 3.0));
        assertThatThrownBy(() -> SolverOptions.check(a, settings(Map.of("budgte", "7")), List.of(a, b)))
                .isInstanceOf(InputException.class).hasMessage("solver a takes no option 'budgte'. Maybe you meant 'budget'?");
        assertThatThrownBy(() -> SolverOptions.check(a, settings(Map.of("mode", "fast")), List.of(a, b)))
                .hasMessageContaining("solver a takes no option 'mode' (it is an option of b)");
        assertThatThrownBy(() -> SolverOptions.check(a, settings(Map.of("budget", "-1")), List.of(a, b)))
                .hasMessage("option budget=-1 of solver a: must be >= 1, got -1. Maybe see 'planner solvers a'?");
        assertThatThrownBy(() -> SolverOptions.check(b, settings(Map.of("x", "1")), List.of(a, b)))
                .hasMessageContaining("it takes mode");
    }
}
