package org.carbonaware.planner.model;

/**
 * Transformer shapes from the model width alone, as CarbonScaling does for its scaling study: layers from d_model,
 * FFN width 4 d_model (dense) or split into finer experts (MoE), head dimension 128, dropout as GPT-3
 * ({@link ModelSpec#DEFAULT_DROPOUT}), and compute-optimal data
 * (Hoffmann et al. 2022, about 20 tokens per parameter).
 */
public final class ModelGenerator {

    /** d_model / layers; 128 reproduces GPT-3 175B (12288 / 96). */
    public static final int HIDDEN_PER_LAYER = 128;
    public static final int HEAD_DIMENSION = 128;
    public static final double CHINCHILLA_TOKENS_PER_PARAMETER = 20.0;

    private ModelGenerator() {
    }

    /** A dense model of width dModel (a multiple of 128). */
    public static ModelSpec dense(int dModel, int vocab, int sequenceLength) {
        return moe(dModel, 1, 1, 1, vocab, sequenceLength);
    }

    /**
     * A mixture-of-experts model: {@code experts} experts per layer, each of width 4 d_model / granularity, with
     * {@code expertsPerToken} routed per token (fine-grained MoE, Ludziejewski et al. 2024).
     */
    public static ModelSpec moe(int dModel, int experts, int expertsPerToken, int granularity, int vocab, int sequenceLength) {
        if (dModel < HIDDEN_PER_LAYER || dModel % HIDDEN_PER_LAYER != 0) {
            throw new IllegalArgumentException("dModel must be a positive multiple of %d, got %d".formatted(HIDDEN_PER_LAYER, dModel));
        }
        if (granularity < 1 || (4 * dModel) % granularity != 0) {
            throw new IllegalArgumentException("granularity must divide 4 x dModel, got " + granularity);
        }
        int layers = dModel / HIDDEN_PER_LAYER;
        int heads = dModel / HEAD_DIMENSION;
        int ffn = 4 * dModel / granularity;
        String id = experts > 1 ? "gen-d%d-e%d-k%d".formatted(dModel, experts, expertsPerToken) : "gen-d" + dModel;
        return new ModelSpec(id, id, layers, dModel, heads, heads, ffn, vocab, false, experts, expertsPerToken, false,
                ModelSpec.DEFAULT_DROPOUT, sequenceLength, "ModelGenerator (d_model scaling as CarbonScaling section 4)");
    }

    /** Compute-optimal training tokens for the model's active parameters. */
    public static double chinchillaTokens(ModelSpec model) {
        return CHINCHILLA_TOKENS_PER_PARAMETER * model.activeParams();
    }
}
