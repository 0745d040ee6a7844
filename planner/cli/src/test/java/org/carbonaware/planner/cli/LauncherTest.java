package org.carbonaware.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class LauncherTest {

    @Test
    void anOlderJavaGetsOneLineNamingTheVersionAndTheWrapper() {
        assertThat(Launcher.check("17", "/usr/lib/jvm/java-17")).isEqualTo("planner: needs Java 21 or newer, but this is Java 17 "
                + "(/usr/lib/jvm/java-17). Maybe run planner/bin/planner, which finds a JDK >= 21 by itself, or set JAVA_HOME?");
        assertThat(Launcher.check("1.8", "/opt/java8")).contains("this is Java 1.8");
        assertThat(Launcher.check("21", "x")).isNull();
        assertThat(Launcher.check("25", "x")).isNull();
    }

    @Test
    void theLauncherClassRunsOnJava11AndTheJarStartsThroughIt() throws IOException {
        try (InputStream in = Launcher.class.getResourceAsStream("Launcher.class"); DataInputStream data = new DataInputStream(in)) {
            data.readInt(); // magic
            data.readUnsignedShort(); // minor
            assertThat(data.readUnsignedShort()).isEqualTo(55); // class file version of Java 11
        }
        String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
        assertThat(pom).contains("<mainClass>org.carbonaware.planner.cli.Launcher</mainClass>");
    }

    /** With a JDK 17 on the machine (the default java of the CI image), the real thing: exit 2 and one line. */
    @Test
    void java17SaysWhatIsWrongInsteadOfAClassVersionError() throws IOException, InterruptedException {
        Optional<Path> java17;
        try (Stream<Path> homes = Files.list(Path.of("/usr/lib/jvm"))) {
            java17 = homes.filter(h -> h.getFileName().toString().contains("17")).map(h -> h.resolve("bin/java"))
                    .filter(Files::isExecutable).findFirst();
        } catch (IOException e) {
            java17 = Optional.empty();
        }
        assumeTrue(java17.isPresent(), "no JDK 17 under /usr/lib/jvm");
        String classes = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
        Process process = new ProcessBuilder(java17.get().toString(), "-cp", classes, "org.carbonaware.planner.cli.Launcher", "--help")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).isEqualTo(2);
        assertThat(output.lines()).hasSize(1);
        assertThat(output).startsWith("planner: needs Java 21 or newer, but this is Java 17").doesNotContain("UnsupportedClassVersionError");
    }
}
