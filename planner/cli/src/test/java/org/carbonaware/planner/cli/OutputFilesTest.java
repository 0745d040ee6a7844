package org.carbonaware.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carbonaware.planner.cli.PlanAndValidateCommandTest.run;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.carbonaware.planner.app.ExitCodes;
import org.carbonaware.planner.cli.PlanAndValidateCommandTest.Run;
import org.junit.jupiter.api.Test;

/** Solution files: written as a complete pair or not at all, the same bytes for the same run, nothing tracked where commands write. */
class OutputFilesTest extends TinyInstanceTest {

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void anOutPathThatIsADirectoryIsBadInputAndLeavesNoFile() throws IOException {
        Path target = Files.createDirectories(dir.resolve("out"));
        Run plan = run("plan", instance.toString(), "--workers", "1", "--out", target.toString());
        assertThat(plan.exitCode()).as(plan.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(plan.err()).contains("is a directory").contains("Maybe --out");
        assertThat(names(target)).isEmpty();
        assertThat(names(dir)).containsExactly("ci.csv", "out", "tiny.json");
    }

    @Test
    void whenTheCsvCannotBeWrittenNeitherFileIsLeftBehind() throws IOException {
        // The CSV's path is taken by a directory: the JSON must not appear alone, and no temporary may remain.
        Files.createDirectories(dir.resolve("out/s.epochs.csv"));
        Run plan = run("plan", instance.toString(), "--workers", "1", "--out", dir.resolve("out/s.json").toString());
        assertThat(plan.exitCode()).as(plan.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(plan.err()).contains("s.epochs.csv").contains("cannot write");
        assertThat(plan.err().lines()).hasSize(1);
        assertThat(names(dir.resolve("out"))).containsExactly("s.epochs.csv");
    }

    /** The solution without its timing figures (keys ending in Seconds or PerSecond, and the incumbent trace's times). */
    private static String withoutTimings(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8)
                .replaceAll("\"[A-Za-z]*(Seconds|PerSecond)\" : [-0-9.Ee]+", "\"$1\" : T")
                .replaceAll("\\[ \\[ [-0-9.Ee]+, ", "[ [ T, ").replaceAll("\\], \\[ [-0-9.Ee]+, ", "], [ T, ");
    }

    @Test
    void theSameInstanceSolverAndSeedGiveTheSameFilesExceptTimings() throws IOException {
        for (String[] solver : new String[][] {{"cpsat"}, {"mip"}, {"timefold", "--param", "moveLimit=20000"}, {"threshold"}}) {
            for (String run : List.of("a", "b")) {
                String[] args = Stream.concat(Stream.of("plan", instance.toString(), "--solver", solver[0], "--workers", "1",
                        "--seed", "7", "--out", dir.resolve(run + "/" + solver[0] + ".json").toString()),
                        Stream.of(solver).skip(1)).toArray(String[]::new);
                assertThat(PlanAndValidateCommandTest.run(args).exitCode()).isZero();
            }
            Path a = dir.resolve("a/" + solver[0] + ".json");
            Path b = dir.resolve("b/" + solver[0] + ".json");
            assertThat(withoutTimings(b)).as(solver[0]).isEqualTo(withoutTimings(a));
            assertThat(Files.readAllBytes(dir.resolve("b/" + solver[0] + ".epochs.csv")))
                    .isEqualTo(Files.readAllBytes(dir.resolve("a/" + solver[0] + ".epochs.csv")));
        }
    }

    @Test
    void noTrackedFileLivesWherePlanWritesByDefault() throws IOException, InterruptedException {
        Path root = Path.of("../..").toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(root.resolve(".git")), "not a git checkout");
        Process git = new ProcessBuilder("git", "-C", root.toString(), "ls-files", "solutions").redirectErrorStream(true).start();
        String tracked = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(git.waitFor() == 0, "git is not available: " + tracked);
        assertThat(tracked.lines()).containsExactly("solutions/README.md");
        assertThat(root.resolve("benchmarks/reference/de-week-cpsat.json")).exists();
        assertThat(Files.readString(root.resolve(".gitignore"))).contains("/solutions/*");
    }
}
