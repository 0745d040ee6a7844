package org.carbonaware.planner.formulation.graph;

/**
 * Integer scaling of grams and tokens for CP-SAT, which needs integer coefficients.
 *
 * <p>Grams: one unit is {@code gramsPerUnit} grams, chosen so that the rounding of the T arcs on any path moves
 * its cost by at most 1e-7 of the Lagrangian lower bound (0.5 unit per arc), capped so that T times the largest
 * coefficient stays below 2^50. Rounding can therefore change the optimum by at most {@link #maxCostErrorGrams()},
 * far inside the required 0.01 %. Tokens: one unit is {@code tokensPerUnit} tokens (1 unless the workload
 * exceeds 1e12); arc tokens are rounded down and the workload up, so every integer-feasible plan is truly
 * feasible.
 */
public record ModelScaling(double gramsPerUnit, double tokensPerUnit, int epochCount) {

    private static final double TWO_POW_50 = 0x1p50;

    public static ModelScaling of(StateGraph graph, double lowerBoundGrams) {
        double maxGrams = graph.maxArcGrams();
        int epochs = graph.epochCount();
        double capUnitsPerGram = maxGrams > 0 ? TWO_POW_50 / (epochs * maxGrams) : 1;
        double unitsPerGram;
        if (lowerBoundGrams > 0 && Double.isFinite(lowerBoundGrams)) {
            unitsPerGram = Math.min(epochs / (2e-7 * lowerBoundGrams), capUnitsPerGram);
        } else {
            unitsPerGram = maxGrams > 0 ? Math.min(1e9 / maxGrams, capUnitsPerGram) : 1;
        }
        double tokensPerUnit = Math.max(1, graph.workloadTokens() / 1e12);
        return new ModelScaling(1 / unitsPerGram, tokensPerUnit, epochs);
    }

    public long grams(double grams) {
        return Math.round(grams / gramsPerUnit);
    }

    public long tokensDown(double tokens) {
        return (long) Math.floor(tokens / tokensPerUnit);
    }

    public long tokensUp(double tokens) {
        return (long) Math.ceil(tokens / tokensPerUnit);
    }

    /** Largest change of any path's cost caused by rounding. */
    public double maxCostErrorGrams() {
        return 0.5 * epochCount * gramsPerUnit;
    }
}
