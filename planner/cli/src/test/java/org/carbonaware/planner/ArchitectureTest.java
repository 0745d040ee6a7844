package org.carbonaware.planner;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering: the solver-free core (domain, common, io, trace, forecast, rolling, model, scaling, solve, validate) knows no
 * solver library, no formulation and no command line; formulations know no command line; no package cycles.
 */
class ArchitectureTest {

    private static final String[] CORE = {
        "org.carbonaware.planner.domain..", "org.carbonaware.planner.common..", "org.carbonaware.planner.io..",
        "org.carbonaware.planner.trace..", "org.carbonaware.planner.forecast..",
        "org.carbonaware.planner.rolling..", "org.carbonaware.planner.model..", "org.carbonaware.planner.scaling..",
        "org.carbonaware.planner.solve..", "org.carbonaware.planner.validate.."};
    private static final String[] COMMAND_LINE = {
        "org.carbonaware.planner.cli..", "org.carbonaware.planner.bench..", "org.carbonaware.planner.app.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.carbonaware.planner");
    }

    @Test
    void coreImportsNoSolverLibraryNorCommandLineLibrary() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage("com.google.ortools..", "ai.timefold..", "picocli..")
                .check(classes);
    }

    @Test
    void coreImportsNoFormulationNorCommandLine() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage(concat(COMMAND_LINE, "org.carbonaware.planner.formulation.."))
                .check(classes);
    }

    @Test
    void formulationsImportNoCommandLine() {
        noClasses().that().resideInAPackage("org.carbonaware.planner.formulation..")
                .should().dependOnClassesThat().resideInAnyPackage(concat(COMMAND_LINE, "picocli.."))
                .check(classes);
    }

    @Test
    void baselinesUseOtherFormulationsOnlyThroughTheRegistry() {
        // dp-only gets its exact solver handed in, so every solver is described and created in one place.
        noClasses().that().resideInAPackage("org.carbonaware.planner.formulation.baseline..")
                .should().dependOnClassesThat().resideInAnyPackage("org.carbonaware.planner.formulation.cpsat..",
                        "org.carbonaware.planner.formulation.mip..", "org.carbonaware.planner.formulation.timefold..",
                        "org.carbonaware.planner.formulation.label..", "com.google.ortools..")
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.carbonaware.planner.(**)").should().beFreeOfCycles().check(classes);
    }

    private static String[] concat(String[] packages, String extra) {
        String[] all = java.util.Arrays.copyOf(packages, packages.length + 1);
        all[packages.length] = extra;
        return all;
    }
}
