package org.carbonaware.planner.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {

    @TempDir
    Path dir;

    @Test
    void quotedFieldsRoundTrip() throws IOException {
        String text = Csv.format(List.of("name", "message", "kg"),
                List.of(List.of("a", "plain", 1.5), Arrays.asList("b", "with, comma and \"quotes\"\nand a new line", null)));
        assertThat(text).startsWith("name,message,kg\na,plain,1.5\nb,\"with, comma and \"\"quotes\"\"\nand a new line\",\n");
        Path file = dir.resolve("t.csv");
        Files.writeString(file, "\uFEFF" + text, StandardCharsets.UTF_8);
        Csv.Table table = Csv.read(file, List.of("name", "kg"));
        assertThat(table.header()).containsExactly("name", "message", "kg");
        assertThat(table.rowList()).hasSize(2);
        assertThat(table.rowList().get(1).get("message")).isEqualTo("with, comma and \"quotes\"\nand a new line");
        assertThat(table.rowList().get(1).get("kg")).isEmpty();
        assertThat(table.rowList().get(1).line()).isEqualTo(3);
    }

    @Test
    void commentsComeFirst() {
        assertThat(Csv.format(List.of("seed=1"), List.of("a"), List.of(List.of(2)))).isEqualTo("# seed=1\na\n2\n");
    }

    @Test
    void aShortRowIsAnErrorWithItsLine() throws IOException {
        Path file = dir.resolve("short.csv");
        Files.writeString(file, "a,b,c\n1,2,3\n\n4,5\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Csv.read(file, List.of())).isInstanceOf(InputException.class)
                .hasMessage(file + ":4: 2 field(s), but the header has 3. Maybe the file was cut off or edited by hand?");
    }

    @Test
    void anUnclosedQuoteIsAnErrorWithItsLine() throws IOException {
        Path file = dir.resolve("quote.csv");
        Files.writeString(file, "a,b\n1,2\n3,\"torn\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Csv.read(file, List.of())).isInstanceOf(InputException.class)
                .hasMessageStartingWith(file + ":3: not valid CSV");
    }

    @Test
    void aMissingColumnOrFileIsNamed() throws IOException {
        Path file = dir.resolve("cols.csv");
        Files.writeString(file, "a,b\n1,2\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Csv.read(file, List.of("objectiveKg"))).hasMessageContaining(file + ":1: no column \"objectiveKg\"");
        assertThatThrownBy(() -> Csv.read(dir.resolve("none.csv"), List.of())).hasMessageEndingWith("none.csv: no such file.");
        assertThat(Csv.header(file)).containsExactly("a", "b");
    }
}
