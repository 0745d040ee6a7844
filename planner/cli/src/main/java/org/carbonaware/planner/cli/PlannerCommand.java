package org.carbonaware.planner.cli;

import java.io.PrintWriter;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

import org.carbonaware.planner.app.ExitCodes;
import org.carbonaware.planner.app.PlannerException;
import org.carbonaware.planner.common.InputException;
import org.carbonaware.planner.common.TextFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code planner} command. Data goes to stdout, messages to stderr; exit codes are mapped here only. */
@Command(name = "planner", mixinStandardHelpOptions = true, version = "planner 0.1.0",
        description = "Carbon-aware planner for LLM training: chooses a parallel configuration or a pause for every epoch.",
        subcommands = {PlanCommand.class, ValidateCommand.class, SimulateCommand.class, SweepCommand.class, ParetoCommand.class, OptionsCommand.class, EstimateCommand.class,
                BenchCommand.class, BenchMergeCommand.class, BenchReportCommand.class, BenchDiffCommand.class, PlotCommand.class,
                ScalingCommand.class, SolversCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success (validate: feasible and stated totals match)",
                "1:proven infeasible, or validation failed (bench-diff: the results differ)",
                "2:bad input or usage, or an exact model estimated beyond the heap",
                "3:no solution within the time limit",
                "70:internal error (a bug; rerun with --stacktrace), or out of memory"})
public final class PlannerCommand implements Runnable {

    @Option(names = "--stacktrace", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean stacktrace;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command.");
    }

    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line in-process with the given streams and returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = newCommandLine(out, err);
        PlannerCommand root = commandLine.getCommand();
        return runWithinMemory(() -> commandLine.execute(args), err, () -> root.stacktrace);
    }

    /**
     * Runs a command and turns running out of heap into one line and exit 70 instead of a JVM stack trace; the
     * command's allocations are unreachable once it has unwound, so printing the line needs no memory.
     */
    static int runWithinMemory(IntSupplier command, PrintWriter err, BooleanSupplier stacktrace) {
        try {
            return command.getAsInt();
        } catch (OutOfMemoryError error) {
            long maxMib = Runtime.getRuntime().maxMemory() / (1024 * 1024);
            err.println("planner: out of memory (" + TextFiles.oneLine(String.valueOf(error.getMessage())) + ", maximum heap "
                    + maxMib + " MiB): the problem is too large for this heap. Maybe fewer options, sites or epochs (a multi-site"
                    + " state graph grows as the product of the sites' options), or a larger heap (JAVA_TOOL_OPTIONS=-Xmx...)?");
            if (stacktrace.getAsBoolean()) {
                error.printStackTrace(err);
            }
            err.flush();
            return ExitCodes.INTERNAL_ERROR;
        }
    }

    public static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
        PlannerCommand root = new PlannerCommand();
        CommandLine commandLine = new CommandLine(root);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((exception, args) -> {
            CommandLine failed = exception.getCommandLine();
            failed.getErr().println("planner: " + TextFiles.oneLine(exception.getMessage()) + " (see '" + failed.getCommandSpec().qualifiedName() + " --help')");
            if (root.stacktrace) {
                exception.printStackTrace(failed.getErr());
            }
            return ExitCodes.BAD_INPUT;
        });
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            PrintWriter errors = failed.getErr();
            int code;
            String message;
            if (exception instanceof PlannerException planner) {
                code = planner.exitCode();
                message = planner.getMessage();
            } else if (exception instanceof InputException input) {
                code = ExitCodes.BAD_INPUT;
                message = input.getMessage();
            } else {
                code = ExitCodes.INTERNAL_ERROR;
                message = "internal error: " + exception + ". Maybe rerun with --stacktrace and report it.";
            }
            // One line, and not the thousands a native library may put in an exception's message.
            String line = TextFiles.oneLine(message);
            errors.println("planner: " + (line.length() > 1000 ? line.substring(0, 997) + "..." : line));
            if (root.stacktrace) {
                exception.printStackTrace(errors);
            }
            errors.flush();
            return code;
        });
        return commandLine;
    }
}
