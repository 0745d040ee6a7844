package org.carbonaware.planner.solve;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.carbonaware.planner.common.Spelling;

/**
 * One declared, typed solver option: name, type, default, range and a one-line doc. Solvers list theirs in
 * {@link PlanSolver#options()}; {@link SolverOptions#check} validates what a user gives ({@code --param KEY=VALUE},
 * a suite file's {@code parameters}) against them once, before any solving, and a solver reads its typed value
 * with {@link #get(SolveSettings)}.
 *
 * <p>Instances are immutable; the builder methods return copies, so options are declared as constants:
 * <pre>{@code
 * static final SolverOption<Long> LABEL_BUDGET = SolverOption.integer("labelBudget", "labels the exact pass may create")
 *         .atLeast(1).byDefault(4_000_000L);
 * }</pre>
 *
 * @param <T> {@link Long} for whole numbers, {@link Double} for decimals, {@link String} for choices and text
 */
public final class SolverOption<T> {

    /** How a value is written and checked. */
    public enum Type {
        /** A whole number within [min, max]. */
        INTEGER,
        /** A finite decimal number within the range. */
        DECIMAL,
        /** One of a fixed list of words (case-insensitive; the declared spelling is kept). */
        CHOICE,
        /** Free text, checked by the solver (for example options passed on to a backend). */
        TEXT
    }

    private final String name;
    private final Type type;
    private final String doc;
    private final double min;
    private final boolean minInclusive;
    private final double max;
    private final List<String> choices;
    private final Function<SolveSettings, T> defaultValue;
    private final String defaultDescription;
    private final Class<T> valueClass;

    private SolverOption(String name, Type type, String doc, double min, boolean minInclusive, double max, List<String> choices,
                         Function<SolveSettings, T> defaultValue, String defaultDescription, Class<T> valueClass) {
        if (!name.matches("[A-Za-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("option names are camelCase words, got '" + name + "'");
        }
        this.name = name;
        this.type = type;
        this.doc = doc;
        this.min = min;
        this.minInclusive = minInclusive;
        this.max = max;
        this.choices = List.copyOf(choices);
        this.defaultValue = defaultValue;
        this.defaultDescription = defaultDescription;
        this.valueClass = valueClass;
    }

    /** A whole number; no default (absent) until {@link #byDefault} is given. */
    public static SolverOption<Long> integer(String name, String doc) {
        return new SolverOption<>(name, Type.INTEGER, doc, Long.MIN_VALUE, true, Long.MAX_VALUE, List.of(), s -> null, "none", Long.class);
    }

    /** A finite decimal number; no default (absent) until {@link #byDefault} is given. */
    public static SolverOption<Double> decimal(String name, String doc) {
        return new SolverOption<>(name, Type.DECIMAL, doc, Double.NEGATIVE_INFINITY, true, Double.POSITIVE_INFINITY, List.of(),
                s -> null, "none", Double.class);
    }

    /** One of {@code choices}; the first is the default. */
    public static SolverOption<String> choice(String name, String doc, String... choices) {
        if (choices.length == 0) {
            throw new IllegalArgumentException("a choice needs at least one value");
        }
        String first = choices[0];
        return new SolverOption<>(name, Type.CHOICE, doc, 0, true, 0, List.of(choices), s -> first, first, String.class);
    }

    /** Free text the solver checks itself (see {@link PlanSolver#checkOptions}); absent by default. */
    public static SolverOption<String> text(String name, String doc) {
        return new SolverOption<>(name, Type.TEXT, doc, 0, true, 0, List.of(), s -> null, "none", String.class);
    }

    /** Values must be >= {@code bound}. */
    public SolverOption<T> atLeast(double bound) {
        return new SolverOption<>(name, type, doc, bound, true, max, choices, defaultValue, defaultDescription, valueClass);
    }

    /** Values must be > {@code bound}. */
    public SolverOption<T> above(double bound) {
        return new SolverOption<>(name, type, doc, bound, false, max, choices, defaultValue, defaultDescription, valueClass);
    }

    /** Values must be <= {@code bound}. */
    public SolverOption<T> atMost(double bound) {
        return new SolverOption<>(name, type, doc, min, minInclusive, bound, choices, defaultValue, defaultDescription, valueClass);
    }

    /** A fixed default. */
    public SolverOption<T> byDefault(T value) {
        return new SolverOption<>(name, type, doc, min, minInclusive, max, choices, s -> value, format(value), valueClass);
    }

    /** A default computed from the other settings (for example a share of the time limit), described in words. */
    public SolverOption<T> byDefault(Function<SolveSettings, T> value, String description) {
        return new SolverOption<>(name, type, doc, min, minInclusive, max, choices, value, description, valueClass);
    }

    /** What an absent value means, for listings (for example "the lowest feasible threshold"). */
    public SolverOption<T> absentMeans(String description) {
        return new SolverOption<>(name, type, doc, min, minInclusive, max, choices, defaultValue, description, valueClass);
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    public String doc() {
        return doc;
    }

    public List<String> choices() {
        return choices;
    }

    /** The default as listings show it: a value, a rule ("min(0.3 × time limit, 30)") or "none". */
    public String defaultDescription() {
        return defaultDescription;
    }

    /** The allowed values in words: "integer >= 1", "decimal > 0", "lagrangian | bound | none", "text". */
    public String rangeDescription() {
        return switch (type) {
            case CHOICE -> String.join(" | ", choices);
            case TEXT -> "text";
            case INTEGER, DECIMAL -> {
                String kind = type == Type.INTEGER ? "integer" : "decimal";
                boolean low = type == Type.INTEGER ? min > Long.MIN_VALUE : min > Double.NEGATIVE_INFINITY;
                boolean high = type == Type.INTEGER ? max < Long.MAX_VALUE : max < Double.POSITIVE_INFINITY;
                if (low && high) {
                    yield "%s in %s%s, %s]".formatted(kind, minInclusive ? "[" : "(", number(min), number(max));
                }
                if (low) {
                    yield "%s %s %s".formatted(kind, minInclusive ? ">=" : ">", number(min));
                }
                yield high ? "%s <= %s".formatted(kind, number(max)) : kind;
            }
        };
    }

    /**
     * Parses and range-checks a value as given by a user.
     *
     * @throws IllegalArgumentException with a one-line reason ending in a hint where one helps
     */
    public T parse(String raw) {
        String text = raw == null ? "" : raw.trim();
        return switch (type) {
            case INTEGER -> valueClass.cast(parseInteger(text));
            case DECIMAL -> valueClass.cast(parseDecimal(text));
            case CHOICE -> valueClass.cast(parseChoice(text));
            case TEXT -> valueClass.cast(text);
        };
    }

    private Long parseInteger(String text) {
        long value;
        try {
            value = Long.parseLong(text.replace("_", ""));
        } catch (NumberFormatException e) {
            double decimal = parseNumber(text);
            if (decimal != Math.rint(decimal) || Math.abs(decimal) >= 0x1p63) {
                throw new IllegalArgumentException("expected a whole number (%s), got '%s'".formatted(rangeDescription(), text));
            }
            value = (long) decimal;
        }
        checkRange(value, text);
        return value;
    }

    private Double parseDecimal(String text) {
        double value = parseNumber(text);
        checkRange(value, text);
        return value;
    }

    private double parseNumber(String text) {
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value) && !text.matches(".*[dDfF]$")) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("expected a %s (%s), got '%s'"
                .formatted(type == Type.INTEGER ? "whole number" : "number", rangeDescription(), text));
    }

    private void checkRange(double value, String text) {
        boolean aboveMin = minInclusive ? value >= min : value > min;
        if (!aboveMin || value > max) {
            throw new IllegalArgumentException("must be %s, got %s".formatted(rangeDescription().replaceFirst("^(integer|decimal) ", ""), text));
        }
    }

    private String parseChoice(String text) {
        for (String choice : choices) {
            if (choice.equalsIgnoreCase(text)) {
                return choice;
            }
        }
        String hint = Spelling.closest(text, choices);
        throw new IllegalArgumentException("expected one of %s, got '%s'.%s".formatted(String.join(", ", choices), text,
                hint != null ? " Maybe you meant '" + hint + "'?" : ""));
    }

    /** The value given in the settings, else the default (null when absent and without a default). */
    public T get(SolveSettings settings) {
        String raw = settings.parameters().get(name);
        return raw == null ? defaultValue.apply(settings) : parse(raw);
    }

    /** True when the settings give this option explicitly. */
    public boolean given(SolveSettings settings) {
        return settings.parameters().containsKey(name);
    }

    private static String format(Object value) {
        if (value == null) {
            return "none";
        }
        return value instanceof Double d ? number(d) : value.toString();
    }

    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%s", value);
    }

    @Override
    public String toString() {
        return name + " (" + rangeDescription() + ", default " + defaultDescription + ")";
    }
}
