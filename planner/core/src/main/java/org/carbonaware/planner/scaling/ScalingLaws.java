package org.carbonaware.planner.scaling;

import java.util.ArrayList;
import java.util.List;

import org.carbonaware.planner.model.ModelGenerator;
import org.carbonaware.planner.model.ModelSpec;

/**
 * The neural-scaling side of the CarbonScaling study: the d_model ladder, the generated architecture, compute-optimal
 * tokens, the critical batch size (eq. 1) and the predicted loss (eq. 2). Constants and their sources are listed in
 * {@code benchmarks/scaling/README.md}.
 */
public final class ScalingLaws {

    /** Llama 3 vocabulary; with it d_model 1,536 gives a 0.73B dense model (the paper's smallest point is 0.75B). */
    public static final int VOCAB = 128_256;
    /** Below this many parameters a model is dense, above it MoE (CarbonScaling section 5.1, after DeepSeek-V3). */
    public static final double DENSE_LIMIT_PARAMS = 1.6e9;
    /** MoE granularity G: each expert is 4 d_model / G wide and G of them are routed per token. */
    public static final int MOE_GRANULARITY = 8;
    /** MoE experts per layer = d_model / this (expansion E/G = d_model / 1024: 3 at d 3,072, 24 at d 24,576). */
    public static final int D_MODEL_PER_EXPERT = 128;

    /** Ludziejewski et al. 2024 (fine-grained MoE), Table 1: L = c + (g / G^gamma + a) / N^alpha + b / D^beta. */
    public static final double LOSS_A = 18.1;
    public static final double LOSS_ALPHA = 0.115;
    public static final double LOSS_B = 30.8;
    public static final double LOSS_BETA = 0.147;
    public static final double LOSS_G = 2.1;
    public static final double LOSS_GAMMA = 0.58;
    public static final double LOSS_C = 0.47;

    /** DeepSeek LLM (Bi et al. 2024): optimal batch B = 0.292 C^0.3271 tokens. */
    public static final double DEEPSEEK_BATCH_COEFFICIENT = 0.292;
    public static final double DEEPSEEK_BATCH_EXPONENT = 0.3271;
    /** Compute at which the standard and the aggressive rule agree (about the smallest model of the study). */
    public static final double BATCH_ANCHOR_FLOPS = 1e20;

    private ScalingLaws() {
    }

    /**
     * The d_model values of the study in [from, to]: every 2^k and 3 x 2^k that is a multiple of 128, i.e. steps of
     * x4/3 and x3/2 (1,536, 2,048, 3,072, ..., 16,384, 24,576 for the default range).
     */
    public static List<Integer> dModelLadder(int from, int to) {
        List<Integer> list = new ArrayList<>();
        for (long base = 128; base <= to; base *= 2) {
            for (long value : new long[] {base, base * 3 / 2}) {
                if (value % ModelGenerator.HIDDEN_PER_LAYER == 0 && value >= from && value <= to) {
                    list.add((int) value);
                }
            }
        }
        return list;
    }

    /** Dense when the dense model of this width stays below {@link #DENSE_LIMIT_PARAMS}, fine-grained MoE otherwise. */
    public static ModelSpec architecture(int dModel, int sequenceLength) {
        ModelSpec dense = ModelGenerator.dense(dModel, VOCAB, sequenceLength);
        if (dense.totalParams() < DENSE_LIMIT_PARAMS) {
            return dense;
        }
        int experts = Math.max(MOE_GRANULARITY, dModel / D_MODEL_PER_EXPERT);
        return ModelGenerator.moe(dModel, experts, MOE_GRANULARITY, MOE_GRANULARITY, VOCAB, sequenceLength);
    }

    /** Granularity G of eq. 2: 1 for dense models (the paper's "setting G = 1 gives dense configurations"). */
    public static int granularity(ModelSpec model) {
        return model.isMoe() ? model.expertsPerToken() : 1;
    }

    /** Active parameters without the embeddings: N of eq. 2. */
    public static double activeNonEmbeddingParams(ModelSpec model) {
        return model.activeParams() - model.embeddingParams() * (model.tiedEmbeddings() ? 1 : 2);
    }

    /** Compute-optimal training tokens, 20 per active parameter (Hoffmann et al. 2022). */
    public static double chinchillaTokens(ModelSpec model) {
        return ModelGenerator.chinchillaTokens(model);
    }

    /** Training compute C = 6 N D with N the active parameters. */
    public static double trainingFlops(ModelSpec model, double tokens) {
        return 6.0 * model.activeParams() * tokens;
    }

    /** Eq. 1: critical batch in tokens, B(C) = 0.292 C_a^0.3271 (C / C_a)^e with C_a the anchor and e the rule's exponent. */
    public static double criticalBatchTokens(double flops, BatchScaling rule) {
        if (!(flops > 0)) {
            throw new IllegalArgumentException("training FLOPs must be > 0, got " + flops);
        }
        double anchor = DEEPSEEK_BATCH_COEFFICIENT * Math.pow(BATCH_ANCHOR_FLOPS, DEEPSEEK_BATCH_EXPONENT);
        return anchor * Math.pow(flops / BATCH_ANCHOR_FLOPS, rule.exponent());
    }

    /** The critical batch in sequences, rounded to the nearest power of two (so data parallelism can split it). */
    public static int batchSequences(double flops, BatchScaling rule, int sequenceLength) {
        double sequences = criticalBatchTokens(flops, rule) / sequenceLength;
        int exponent = (int) Math.round(Math.log(Math.max(1.0, sequences)) / Math.log(2));
        return 1 << Math.min(30, Math.max(0, exponent));
    }

    /** Eq. 2 (Ludziejewski et al. 2024): predicted loss for N active non-embedding parameters, D tokens and granularity G. */
    public static double loss(double activeNonEmbeddingParams, double tokens, int granularity) {
        if (!(activeNonEmbeddingParams > 0) || !(tokens > 0) || granularity < 1) {
            throw new IllegalArgumentException("loss needs N > 0, D > 0 and G >= 1");
        }
        return LOSS_C + (LOSS_G / Math.pow(granularity, LOSS_GAMMA) + LOSS_A) / Math.pow(activeNonEmbeddingParams, LOSS_ALPHA)
                + LOSS_B / Math.pow(tokens, LOSS_BETA);
    }

    public static double loss(ModelSpec model, double tokens) {
        return loss(activeNonEmbeddingParams(model), tokens, granularity(model));
    }
}
