package org.carbonaware.planner.common;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the fields of one JSON object and reports, by file and field path, a missing, mistyped or unknown
 * field. Unknown fields are errors so that typos do not pass silently.
 */
public final class JsonFields {

    private final String file;
    private final String path;
    private final JsonNode node;
    private final Set<String> knownFieldSet = new LinkedHashSet<>();

    public JsonFields(String file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
        if (node == null || !node.isObject()) {
            throw error(path.isEmpty() ? "(top level)" : path, "expected a JSON object, got " + describe(node));
        }
    }

    public String file() {
        return file;
    }

    public String fieldPath(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    public InputException error(String fieldPath, String problem) {
        return new InputException("%s: field '%s': %s".formatted(file, fieldPath, problem));
    }

    public boolean has(String field) {
        knownFieldSet.add(field);
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    public JsonNode raw(String field) {
        knownFieldSet.add(field);
        return node.get(field);
    }

    public JsonFields object(String field) {
        knownFieldSet.add(field);
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw error(fieldPath(field), "missing. Maybe see the instance format in the README?");
        }
        return new JsonFields(file, fieldPath(field), value);
    }

    public List<JsonFields> objectList(String field) {
        knownFieldSet.add(field);
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw error(fieldPath(field), "expected a JSON array, got " + describe(value));
        }
        List<JsonFields> list = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            list.add(new JsonFields(file, fieldPath(field) + "[" + i + "]", value.get(i)));
        }
        return list;
    }

    public String string(String field) {
        knownFieldSet.add(field);
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw error(fieldPath(field), "missing. Maybe see the instance format in the README?");
        }
        if (!value.isTextual()) {
            throw error(fieldPath(field), "expected a string, got " + describe(value));
        }
        return value.asText();
    }

    public String string(String field, String defaultValue) {
        return has(field) ? string(field) : defaultValue;
    }

    public double number(String field) {
        knownFieldSet.add(field);
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw error(fieldPath(field), "missing. Maybe see the instance format in the README?");
        }
        if (!value.isNumber()) {
            throw error(fieldPath(field), "expected a number, got " + describe(value));
        }
        double number = value.asDouble();
        if (!Double.isFinite(number)) {
            throw error(fieldPath(field), "expected a finite number, got " + value);
        }
        return number;
    }

    public double number(String field, double defaultValue) {
        return has(field) ? number(field) : defaultValue;
    }

    public double positive(String field) {
        return positive(field, null);
    }

    /** {@link #positive(String)} whose error, when {@code hint} is not null, ends "Maybe {@code hint}". */
    public double positive(String field, String hint) {
        double value = number(field);
        if (!(value > 0)) {
            throw error(fieldPath(field), "must be > 0, got " + format(value) + (hint == null ? "" : ". Maybe " + hint));
        }
        return value;
    }

    public double nonNegative(String field, double defaultValue) {
        double value = number(field, defaultValue);
        if (value < 0) {
            throw error(fieldPath(field), "must be >= 0, got " + format(value));
        }
        return value;
    }

    public int integer(String field) {
        double value = number(field);
        if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
            throw error(fieldPath(field), "expected a whole number, got " + format(value));
        }
        return (int) value;
    }

    public int integer(String field, int defaultValue) {
        return has(field) ? integer(field) : defaultValue;
    }

    public int positiveInteger(String field) {
        int value = integer(field);
        if (value < 1) {
            throw error(fieldPath(field), "must be >= 1, got " + value);
        }
        return value;
    }

    public boolean bool(String field, boolean defaultValue) {
        knownFieldSet.add(field);
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (!value.isBoolean()) {
            throw error(fieldPath(field), "expected true or false, got " + describe(value));
        }
        return value.asBoolean();
    }

    /** Call after reading: every field that was not asked for is an error (with a spelling hint). */
    public void rejectUnknownFields() {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!knownFieldSet.contains(name)) {
                String hint = closest(name);
                throw error(fieldPath(name), "unknown field." + (hint != null
                        ? " Maybe you meant '" + hint + "'?"
                        : " Known fields here: " + knownFieldSet + "."));
            }
        }
    }

    private String closest(String name) {
        return Spelling.closest(name, knownFieldSet);
    }

    private static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        String text = value.toString();
        return value.getNodeType().name().toLowerCase() + " " + (text.length() > 40 ? text.substring(0, 40) + "…" : text);
    }

    public static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
