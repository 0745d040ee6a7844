package org.carbonaware.planner.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.carbonaware.planner.app.ExitCodes;
import org.carbonaware.planner.formulation.Solvers;
import org.carbonaware.planner.solve.PlanSolver;
import org.carbonaware.planner.solve.SolverOption;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code planner solvers}: every solver with its version, method and declared options. */
@Command(name = "solvers", mixinStandardHelpOptions = true,
        description = {"List the solvers with their version, method and options (name, type, default, range, doc).",
                "Give an option as --param KEY=VALUE (or SOLVER.KEY=VALUE to give it to one solver of a benchmark)."})
public final class SolversCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "NAME", description = "Solvers to describe (default: all).",
            completionCandidates = Solvers.Names.class)
    List<String> names = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<String> chosen = names.isEmpty() ? Solvers.names() : names;
        for (String name : chosen) {
            if (!Solvers.names().contains(name)) {
                throw new CommandLine.ParameterException(spec.commandLine(), Solvers.unknown(name).getMessage());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        for (int i = 0; i < chosen.size(); i++) {
            if (i > 0) {
                out.println();
            }
            describe(Solvers.create(chosen.get(i)), out);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** One solver: a header line, then one line per option (or "no options"). */
    static void describe(PlanSolver solver, PrintWriter out) {
        out.printf("%s (%s): %s%n", solver.name(), solver.version(), solver.summary());
        List<SolverOption<?>> options = solver.options();
        if (options.isEmpty()) {
            out.println("  no options");
        }
        int nameWidth = options.stream().mapToInt(o -> o.name().length()).max().orElse(0);
        int rangeWidth = options.stream().mapToInt(o -> o.rangeDescription().length()).max().orElse(0);
        for (SolverOption<?> option : options) {
            out.printf("  %-" + nameWidth + "s  %-" + rangeWidth + "s  default: %s. %s%n", option.name(), option.rangeDescription(),
                    option.defaultDescription(), option.doc());
        }
        out.flush();
    }
}
