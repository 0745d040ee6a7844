package org.carbonaware.planner.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.carbonaware.planner.app.ExitCodes;
import org.carbonaware.planner.app.PlannerException;

/**
 * Headless Chromium, used to turn charts into PNG and to check that reports render. It runs with a fresh
 * profile directory and without background networking, so it works offline and leaves nothing behind.
 */
public final class Chromium {

    private static final long TIMEOUT_SECONDS = 120;

    private Chromium() {
    }

    /** The browser: {@code $PLANNER_CHROMIUM}, else chromium, chromium-browser or google-chrome on the PATH. */
    public static Optional<Path> find() {
        String configured = System.getenv("PLANNER_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String pathVariable = System.getenv("PATH");
        if (pathVariable == null) {
            return Optional.empty();
        }
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String directory : pathVariable.split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(directory, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static Path require() {
        return find().orElseThrow(() -> new PlannerException(ExitCodes.BAD_INPUT,
                "PNG output needs headless Chromium, which was not found (looked at $PLANNER_CHROMIUM and chromium, chromium-browser, "
                        + "google-chrome on the PATH). Maybe write .svg instead, or install it (Debian: apt-get install chromium)?"));
    }

    /** Renders an HTML or SVG file into a PNG of the given size. */
    public static void screenshot(Path page, Path png, int width, int height) {
        Path target = png.toAbsolutePath();
        run(List.of("--screenshot=" + target, "--window-size=" + width + "," + height, "--hide-scrollbars",
                "--default-background-color=ffffffff", page.toAbsolutePath().toUri().toString()));
        if (!Files.isRegularFile(target)) {
            throw new PlannerException(ExitCodes.INTERNAL_ERROR, "Chromium did not write " + png + ".");
        }
    }

    /** The DOM of a page after it has loaded and rendered. */
    public static String dumpDom(Path page) {
        return run(List.of("--dump-dom", page.toAbsolutePath().toUri().toString()));
    }

    private static String run(List<String> arguments) {
        Path browser = require();
        Path profile = null;
        try {
            profile = Files.createTempDirectory("planner-chromium");
            List<String> command = new ArrayList<>(List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--user-data-dir=" + profile));
            command.addAll(arguments);
            Path output = profile.resolve("stdout.txt");
            Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new PlannerException(ExitCodes.INTERNAL_ERROR, "Chromium did not finish within " + TIMEOUT_SECONDS + " s.");
            }
            if (process.exitValue() != 0) {
                throw new PlannerException(ExitCodes.INTERNAL_ERROR, "Chromium exited with status " + process.exitValue() + ".");
            }
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PlannerException(ExitCodes.INTERNAL_ERROR, "cannot run " + browser + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlannerException(ExitCodes.INTERNAL_ERROR, "interrupted while waiting for Chromium.");
        } finally {
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary profile is harmless
        }
    }
}
