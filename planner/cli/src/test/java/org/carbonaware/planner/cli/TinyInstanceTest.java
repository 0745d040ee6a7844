package org.carbonaware.planner.cli;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Command tests on the six-epoch instance of {@link PlanAndValidateCommandTest#writeTinyInstance}, in a fresh folder. */
abstract class TinyInstanceTest {

    @TempDir
    Path dir;

    Path instance;

    @BeforeEach
    void writeInstance() throws IOException {
        instance = PlanAndValidateCommandTest.writeTinyInstance(dir);
    }
}
