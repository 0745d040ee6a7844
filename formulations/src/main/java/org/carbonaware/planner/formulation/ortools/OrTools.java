package org.carbonaware.planner.formulation.ortools;

import java.io.InputStream;
import java.util.Properties;

import com.google.ortools.Loader;

/** Loads the OR-Tools natives once and names the OR-Tools version for reports. */
public final class OrTools {

    private static volatile boolean loaded;

    private OrTools() {
    }

    public static synchronized void load() {
        if (!loaded) {
            Loader.loadNativeLibraries();
            loaded = true;
        }
    }

    public static String version() {
        try (InputStream in = Loader.class.getResourceAsStream("/META-INF/maven/com.google.ortools/ortools-java/pom.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                return "OR-Tools " + properties.getProperty("version");
            }
        } catch (java.io.IOException ignored) {
            // fall through to the package version
        }
        String version = Loader.class.getPackage().getImplementationVersion();
        return "OR-Tools " + (version == null ? "unknown" : version);
    }
}
