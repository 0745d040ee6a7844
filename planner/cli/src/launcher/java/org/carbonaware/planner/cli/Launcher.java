package org.carbonaware.planner.cli;

import java.lang.reflect.InvocationTargetException;

/**
 * The jar's entry point, compiled for Java 11 so that an older default {@code java} gets a one-line message
 * instead of a class-version error; on Java 21+ it hands over to {@code PlannerCommand}.
 */
public final class Launcher {

    /** The Java feature release the planner is compiled for. */
    static final int REQUIRED_JAVA = 21;

    private Launcher() {
    }

    public static void main(String[] args) throws Throwable {
        String problem = check(System.getProperty("java.specification.version"), System.getProperty("java.home"));
        if (problem != null) {
            System.err.println(problem);
            System.exit(2);
        }
        try {
            Class.forName("org.carbonaware.planner.cli.PlannerCommand").getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The message for a Java older than {@link #REQUIRED_JAVA}, or null when this one will do. */
    static String check(String specificationVersion, String javaHome) {
        String version = specificationVersion == null ? "unknown" : specificationVersion;
        int feature;
        try {
            feature = Integer.parseInt(version.startsWith("1.") ? version.substring(2) : version.split("\\.")[0]);
        } catch (NumberFormatException e) {
            return null; // unknown format: let the JVM decide
        }
        if (feature >= REQUIRED_JAVA) {
            return null;
        }
        return "planner: needs Java " + REQUIRED_JAVA + " or newer, but this is Java " + version + " (" + javaHome
                + "). Maybe run planner/bin/planner, which finds a JDK >= " + REQUIRED_JAVA + " by itself, or set JAVA_HOME?";
    }
}
