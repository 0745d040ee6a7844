package org.carbonaware.planner.model;

/**
 * Why a configuration cannot run: the constraint's name (divisibility, tp-within-node, memory, ...) and a one-line
 * message that says by how much it is missed.
 */
public record Violation(String constraint, String message) {

    @Override
    public String toString() {
        return constraint + ": " + message;
    }
}
