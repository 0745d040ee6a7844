package org.carbonaware.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carbonaware.planner.cli.PlanAndValidateCommandTest.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.carbonaware.planner.app.ExitCodes;
import org.carbonaware.planner.app.PlanRunner;
import org.carbonaware.planner.cli.PlanAndValidateCommandTest.Run;
import org.carbonaware.planner.io.InstanceReader;
import org.carbonaware.planner.solve.PlanSolver;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Typed, declared solver options: checked once against the chosen solver, in every command, and recorded. */
class SolverOptionsCommandTest extends TinyInstanceTest {

    private Run plan(String... options) {
        List<String> args = new ArrayList<>(List.of("plan", instance.toString(), "--workers", "1", "--time-limit", "10",
                "--out", dir.resolve("out/s.json").toString()));
        args.addAll(List.of(options));
        return run(args.toArray(String[]::new));
    }

    private void assertBadInput(Run run, String... fragments) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err().lines()).as(run.err()).hasSize(1);
        assertThat(run.err()).contains(fragments).doesNotContain("at org.");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    private JsonNode solution() throws IOException {
        return new ObjectMapper().readTree(dir.resolve("out/s.json").toFile());
    }

    @Test
    void aMistypedOptionNameIsAnErrorWithASpellingHint() {
        assertBadInput(plan("--param", "presolv=none"), "presolv", "Maybe you meant 'presolve'?");
    }

    @Test
    void anUnknownOptionIsAnErrorThatListsTheSolversOptions() {
        assertBadInput(plan("--param", "foo=bar"), "solver cpsat takes no option 'foo'", "labelBudget");
    }

    @Test
    void aValueOutsideTheDeclaredRangeIsAnError() {
        assertBadInput(plan("--param", "labelBudget=-5"), "labelBudget=-5", ">= 1");
        assertBadInput(plan("--param", "labelBudget=1.5"), "whole number");
        assertBadInput(plan("--param", "labelSeconds=NaN"), "labelSeconds=NaN");
        assertBadInput(plan("--param", "presolve=lagrangain"), "Maybe you meant 'lagrangian'?");
    }

    @Test
    void anOptionTheChosenSolverDoesNotTakeIsAnErrorNamingTheSolversThatDo() {
        assertBadInput(plan("--solver", "label", "--param", "presolve=none"), "solver label takes no option 'presolve'",
                "cpsat, mip");
        assertBadInput(plan("--backend", "SCIP"), "solver cpsat takes no option 'backend'", "mip");
        assertBadInput(plan("--solver", "fixed-fastest", "--param", "threshold=100"), "takes no options");
    }

    @Test
    void aThresholdOutsideItsRangeIsBadInputAndATooLowOneIsInfeasibleWithTheLowestThatWorks() {
        assertBadInput(plan("--solver", "threshold", "--threshold", "-5"), "threshold=-5", ">= 0");
        Run low = plan("--solver", "threshold", "--threshold", "10");
        assertThat(low.exitCode()).as(low.err()).isEqualTo(ExitCodes.INFEASIBLE_OR_INVALID);
        assertThat(low.err()).contains("threshold 10 gCO2eq/kWh").contains("Maybe --threshold 120,")
                .doesNotContain("time-limit");
        assertThat(low.err().lines()).hasSize(1);
    }

    @Test
    void aBackendOptionTheBackendRejectsIsBadInput() {
        assertBadInput(plan("--solver", "mip", "--param", "backendOptions=foo=bar"), "HIGHS rejects 'foo=bar'");
        assertBadInput(plan("--solver", "mip", "--param", "backendOptions=mip_rel_gap=-1"), "HIGHS rejects 'mip_rel_gap=-1'");
        assertBadInput(plan("--solver", "mip", "--param", "backendOptions=nonsense"), "'nonsense' is not KEY=VALUE");
        assertBadInput(plan("--solver", "mip", "--backend", "CBC", "--param", "backendOptions=x=1"), "CBC takes no backend settings");
    }

    @Test
    void aBackendOptionReplacesOnlyItsOwnKeyAndTheSolutionSaysSo() throws IOException {
        Run run = plan("--solver", "mip", "--param", "backendOptions=mip_rel_gap=1e-6");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode statistics = solution().get("statistics");
        assertThat(statistics.get("backendOptions").asText())
                .contains("primal_feasibility_tolerance=1e-9").contains("mip_feasibility_tolerance=1e-9")
                .contains("mip_rel_gap=1e-6").doesNotContain("mip_rel_gap=1e-9");
        assertThat(statistics.get("backendOptionsReplaced").toString()).isEqualTo("[\"mip_rel_gap\"]");
        assertThat(solution().get("options").get("backendOptions").asText()).isEqualTo("mip_rel_gap=1e-6");
    }

    @Test
    void theSolutionRecordsTheEffectiveValueOfEveryDeclaredOption() throws IOException {
        Run run = plan("--param", "labelBudget=1000");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode options = solution().get("options");
        assertThat(options.get("presolve").asText()).isEqualTo("lagrangian");
        assertThat(options.get("labelBudget").asLong()).isEqualTo(1000);
        assertThat(options.get("seeds").asText()).isEqualTo("baselines");
        assertThat(options.get("labelSeconds").isNull()).isTrue(); // absent: a share of the time left, decided while solving
        assertThat(options.get("modelArcsPerSecond").asDouble()).isEqualTo(100_000);
        List<String> names = new ArrayList<>();
        options.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("presolve", "seeds", "labelBudget", "labelSeconds", "modelArcsPerSecond");
    }

    @Test
    void withoutAPresolvePlanAModelTooLargeForTheTimeLimitIsNotStarted() {
        for (String solver : List.of("cpsat", "mip")) {
            Run run = plan("--solver", solver, "--param", "presolve=none", "--param", "modelArcsPerSecond=1");
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.NO_SOLUTION);
            assertThat(run.err()).containsPattern("the model \\(\\d+ arcs\\) is too large to build within the time limit of 10")
                    .contains("Maybe keep the presolve on").doesNotContain("at org.").doesNotContain("?. Maybe");
            assertThat(dir.resolve("out")).doesNotExist();
        }
        assertThat(plan("--solver", "mip", "--param", "presolve=none").exitCode()).isZero(); // at the default speed it fits
    }

    @Test
    void statisticsKeepTheOrderTheSolverGaveThem() throws IOException {
        assertThat(plan().exitCode()).isZero();
        List<String> keys = new ArrayList<>();
        solution().get("statistics").fieldNames().forEachRemaining(keys::add);
        assertThat(keys.subList(0, 4)).containsExactly("presolve", "arcsBefore", "arcsAfter", "presolveSeconds");
    }

    @Test
    void solversListsEverySolverWithVersionAndOptions() {
        Run list = run("solvers");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("cpsat (OR-Tools ").contains("timefold (Timefold Solver ")
                .contains("dp-only (OR-Tools ").contains("fixed-fastest (planner)")
                .containsPattern("labelBudget +integer >= 1 +default: 64000000\\.")
                .containsPattern("presolve +lagrangian \\| bound \\| none +default: lagrangian\\.");
        Run one = run("solvers", "mip");
        assertThat(one.out().lines().toList()).hasSize(8).anyMatch(l -> l.contains("backend ") && l.contains("HIGHS | SCIP | CBC"));
        assertBadInput(run("solvers", "cpsta"), "Maybe you meant 'cpsat'?");
    }

    @Test
    void planListsTheChosenSolversOptionsWithoutAnInstance() {
        Run list = run("plan", "--solver", "timefold", "--list-params");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("warmStart").contains("moveLimit").contains("lateAcceptanceSize");
    }

    @Test
    void everyCommandTakesTheSameParamSyntaxAndChecksIt() throws IOException {
        Path out = dir.resolve("runs");
        assertBadInput(run("pareto", instance.toString(), "--param", "foo=bar", "--out", out.toString()), "takes no option 'foo'");
        assertBadInput(run("sweep", instance.toString(), "--start-every", "1", "--count", "1", "--param", "presolv=none",
                "--out", out.toString()), "presolv", "Maybe you meant 'presolve'?");
        assertBadInput(run("bench", "--instances", instance.toString(), "--solvers", "cpsat", "--param", "mipp.backend=SCIP",
                "--out", out.toString()), "unknown solver 'mipp'", "Maybe you meant 'mip'?");
        assertBadInput(run("bench", "--instances", instance.toString(), "--solvers", "cpsat", "--param", "mip.backend=SCIP",
                "--out", out.toString()), "solver mip is not part of this run");
        assertThat(out).doesNotExist();

        // KEY=VALUE goes to every solver of the run that takes it; a suite file takes the same strings.
        Path suite = dir.resolve("suite.json");
        Files.writeString(suite, """
                {"instances": ["tiny.json"], "solvers": ["cpsat", "fixed-fastest"], "timeLimitSeconds": 10, "workers": 1,
                 "parameters": ["presolve=bound"]}
                """);
        Run bench = run("bench", "--suite", suite.toString(), "--out", out.toString());
        assertThat(bench.exitCode()).as(bench.err()).isZero();
        JsonNode cpsat = new ObjectMapper().readTree(out.resolve("solutions/tiny-cpsat-s1.json").toFile());
        assertThat(cpsat.get("options").get("presolve").asText()).isEqualTo("bound");
        JsonNode fastest = new ObjectMapper().readTree(out.resolve("solutions/tiny-fixed-fastest-s1.json").toFile());
        assertThat(fastest.get("options").size()).isZero();

        Files.writeString(suite, Files.readString(suite).replace("presolve=bound", "presolve=fast"));
        assertBadInput(run("bench", "--suite", suite.toString(), "--out", dir.resolve("runs2").toString()),
                "suite.json", "parameters", "presolve=fast");
    }

    /** A solver that fails inside its solve the way a bug does. */
    private static final PlanSolver BROKEN = new PlanSolver() {
        @Override
        public String name() {
            return "broken";
        }

        @Override
        public String summary() {
            return "throws";
        }

        @Override
        public SolveResult solve(org.carbonaware.planner.domain.Problem problem, SolveSettings settings) {
            throw new IllegalArgumentException("index -1 out of range");
        }
    };

    @CommandLine.Command(name = "broken")
    static final class BrokenCommand implements Callable<Integer> {
        @CommandLine.Parameters(index = "0")
        Path instanceFile;

        @Override
        public Integer call() {
            PlanRunner.run(InstanceReader.load(instanceFile), BROKEN, SolveSettings.defaults());
            return 0;
        }
    }

    @Test
    void anIllegalArgumentFromInsideASolverIsAnInternalErrorNotBadInput() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = PlannerCommand.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true));
        commandLine.addSubcommand("broken", new BrokenCommand());
        commandLine.getSubcommands().get("broken").setErr(new PrintWriter(err, true));
        int code = commandLine.execute("broken", instance.toString());
        assertThat(code).isEqualTo(ExitCodes.INTERNAL_ERROR);
        assertThat(err.toString()).contains("internal error").contains("index -1 out of range").contains("--stacktrace");
        assertThat(err.toString().lines()).hasSize(1);
    }
}
