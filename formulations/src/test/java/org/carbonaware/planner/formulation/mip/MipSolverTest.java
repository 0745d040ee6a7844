package org.carbonaware.planner.formulation.mip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MipSolverTest {

    @Test
    void onlyAStatusMissingFromTheJavaEnumCountsAsNotSolved() {
        assertThat(MipSolver.unknownStatus(new IllegalArgumentException(
                "No enum class com.google.ortools.linearsolver.MPSolver$ResultStatus with value 99"))).isEqualTo("99");
        IllegalArgumentException bug = new IllegalArgumentException("index 7 out of bounds");
        assertThatThrownBy(() -> MipSolver.unknownStatus(bug)).isSameAs(bug);
    }

    @Test
    void backendOptionsReplaceOnlyTheKeysTheyName() {
        BackendSettings merged = BackendSettings.merge(MipSolver.tolerances("HIGHS", 1), "mip_rel_gap=1e-6; time_limit=5", "HIGHS");
        assertThat(merged.text()).startsWith("output_flag=false\n").contains("primal_feasibility_tolerance=1e-9\n")
                .contains("mip_rel_gap=1e-6\n").contains("time_limit=5\n").doesNotContain("mip_rel_gap=1e-9");
        assertThat(merged.replacedKeys()).containsExactly("mip_rel_gap");
        assertThat(merged.userLines()).containsExactly("mip_rel_gap=1e-6", "time_limit=5");
        assertThat(BackendSettings.merge(MipSolver.tolerances("SCIP", 1), "limits/gap = 1e-4", "SCIP").text())
                .contains("numerics/feastol = 1e-9\n").contains("limits/gap = 1e-4\n").doesNotContain("limits/gap = 1e-9");
    }
}
