package org.carbonaware.planner.io;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.carbonaware.planner.common.InputException;
import org.carbonaware.planner.common.TextFiles;

/** Reads the JSON files the planner takes (instances, solutions) with one-line errors naming the file. */
final class JsonFiles {

    private JsonFiles() {
    }

    /**
     * The file's JSON tree, or null for an empty file; a missing, unreadable or malformed file is an input error
     * naming it (with line and column for malformed JSON).
     *
     * @param kind what the file is ("instance", "solution"), used in the messages
     */
    static JsonNode readTree(ObjectMapper mapper, Path file, String kind) {
        try {
            return mapper.readTree(TextFiles.read(file, kind));
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such " + kind + " file.");
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            throw new InputException("%s:%d:%d: not valid JSON: %s".formatted(file,
                    location == null ? 0 : location.getLineNr(), location == null ? 0 : location.getColumnNr(),
                    TextFiles.plain(e.getOriginalMessage()) + ". Maybe check the quotes, commas and brackets near there?"));
        } catch (IOException e) {
            throw new InputException(file + ": cannot read the " + kind + ": " + e.getMessage());
        }
    }
}
