package org.carbonaware.planner.common;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Reads input files as UTF-8 text and turns parser messages into plain one-line sentences: a binary file is named as
 * such instead of being echoed, and library internals (source redaction notes, exception class names) are dropped.
 */
public final class TextFiles {

    private static final Pattern SOURCE_NOTE = Pattern.compile("\\s*at \\[Source:.*$", Pattern.DOTALL);
    private static final Pattern REDACTED = Pattern.compile("\\s*REDACTED \\(`StreamReadFeature[^)]*\\)( disabled\\))?");

    private TextFiles() {
    }

    /**
     * The file's text.
     *
     * @param what what the file should hold ("instance", "trace", "solution"), for the messages
     * @throws NoSuchFileException when the file does not exist (callers name it their way)
     * @throws InputException when the file is not UTF-8 text
     */
    public static String read(Path file, String what) throws IOException {
        if (Files.isDirectory(file)) {
            throw new InputException("%s: is a directory, not a %s file. Maybe name a file inside it?".formatted(file, what));
        }
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw notText(file, what);
        }
        if (text.indexOf('\0') >= 0) {
            throw notText(file, what);
        }
        return text;
    }

    private static InputException notText(Path file, String what) {
        return new InputException("%s: not a UTF-8 text file (binary, or another encoding such as UTF-16); a %s file is UTF-8 text. Maybe the path names the wrong file?"
                .formatted(file, what));
    }

    /** A parser's message as one plain line: no source note, no control characters, at most 200 characters. */
    public static String plain(String message) {
        if (message == null) {
            return "unreadable";
        }
        String text = SOURCE_NOTE.matcher(message).replaceFirst("");
        text = REDACTED.matcher(text).replaceAll("");
        text = oneLine(text);
        return text.length() > 200 ? text.substring(0, 197) + "..." : text;
    }

    /** Control characters (line breaks included) as '?', so a message stays one printable line. */
    public static String oneLine(String message) {
        StringBuilder line = new StringBuilder(message.length());
        message.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == 0xFFFD || Character.getType(c) == Character.FORMAT && c != 0x200D) {
                line.append('?');
            } else {
                line.appendCodePoint(c);
            }
        });
        return line.toString().strip();
    }
}
