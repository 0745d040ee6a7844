package org.carbonaware.planner.common;

/**
 * Bad input: a file, field or line that cannot be used. The message is one line that names the place and
 * the value, and ends with a hint where one helps. Maps to exit code 2.
 */
public class InputException extends RuntimeException {

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
