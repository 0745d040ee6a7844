package org.carbonaware.planner.cli;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.carbonaware.planner.app.ExitCodes;
import org.carbonaware.planner.model.AnalyticModel;
import org.carbonaware.planner.model.Catalogue;
import org.carbonaware.planner.model.ConfigurationSearch;
import org.carbonaware.planner.model.DeviceSpec;
import org.carbonaware.planner.model.Estimate;
import org.carbonaware.planner.model.ModelSpec;
import org.carbonaware.planner.model.ParallelConfig;
import org.carbonaware.planner.model.Precision;
import org.carbonaware.planner.model.Recompute;
import org.carbonaware.planner.model.TrainingSpec;
import org.carbonaware.planner.io.InstanceReader;
import org.carbonaware.planner.model.WholeRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code planner estimate}: the analytic model's prediction for one configuration. */
@Command(name = "estimate", mixinStandardHelpOptions = true,
        description = {"Predict memory, iteration time, throughput, power and embodied carbon of one configuration.",
                "Give the model as --model ID or as --layers/--hidden/--heads/--seq-len/--vocab. A micro-batch or interleave left out "
                        + "is chosen as the fastest feasible value."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the configuration fits", "1:it does not fit (the output says which constraint and by how much)",
                "2:bad input or usage"})
public final class EstimateCommand implements Callable<Integer> {

    @CommandLine.Option(names = "--instance", paramLabel = "FILE",
            description = "Take the model, GPU and training (batch, sequence length, precision) from an instance that generates its options.")
    java.nio.file.Path instanceFile;
    @CommandLine.Option(names = "--gpu", paramLabel = "ID", description = "Device id, e.g. A100-80GB, H100-80GB.")
    String gpu;
    @CommandLine.Option(names = "--tp", defaultValue = "1", paramLabel = "N") int tp;
    @CommandLine.Option(names = "--pp", defaultValue = "1", paramLabel = "N") int pp;
    @CommandLine.Option(names = "--dp", defaultValue = "1", paramLabel = "N") int dp;
    @CommandLine.Option(names = {"--global-batch", "--global-batch-sequences"}, paramLabel = "SEQUENCES", description = "Global batch in sequences.")
    Integer globalBatch;
    @CommandLine.Option(names = "--global-batch-tokens", paramLabel = "TOKENS",
            description = "Global batch in tokens (a whole number of sequences), as instances may give it.")
    Double globalBatchTokens;
    @CommandLine.Option(names = "--micro-batch", paramLabel = "N", description = "Default: the fastest feasible.") Integer microBatch;
    @CommandLine.Option(names = "--interleave", paramLabel = "V", description = "Virtual pipeline stages; default: the fastest feasible.") Integer interleave;
    @CommandLine.Option(names = "--recompute", defaultValue = "none", paramLabel = "MODE", description = "none, selective or full (default: ${DEFAULT-VALUE}).")
    String recompute;
    @CommandLine.Option(names = "--recompute-layers", paramLabel = "N",
            description = "With --recompute full: recompute only N layers of each virtual stage, or 'fewest' that fit (default: all).")
    String recomputeLayers;
    @CommandLine.Option(names = "--sequence-parallel", description = "Shard norm/dropout activations over TP.") boolean sequenceParallel;
    @CommandLine.Option(names = "--power-cap", paramLabel = "WATTS",
            description = "Per-GPU power limit (40-100 % of the device's TDP; default: TDP, no cap).") Double powerCap;
    @CommandLine.Option(names = "--tokens", paramLabel = "N",
            description = "Also print the whole run of N tokens: hours, GPU-hours and energy, steady state and with the goodput loss.") Double tokens;
    @CommandLine.Option(names = "--zero", defaultValue = "0", paramLabel = "STAGE", description = "ZeRO stage 0..3 (default: ${DEFAULT-VALUE}).")
    int zero;
    @CommandLine.Option(names = "--ep", defaultValue = "1", paramLabel = "N", description = "Expert-parallel degree (MoE).") int ep;
    @CommandLine.Option(names = "--precision", defaultValue = "bf16", paramLabel = "P", description = "bf16, fp16 or fp8 (default: ${DEFAULT-VALUE}).")
    String precision;
    @CommandLine.Option(names = "--no-flash-attention", description = "Model attention that stores the s x s scores.") boolean noFlashAttention;
    @CommandLine.Option(names = "--uneven-stages", description = "Allow layers not divisible by pp (slowest stage gets ceil(layers/pp)).")
    boolean unevenStages;

    @CommandLine.Option(names = "--model", paramLabel = "ID", description = "Catalogue model id, e.g. gpt3-175b, llama3-70b.") String modelId;
    @CommandLine.Option(names = "--layers", paramLabel = "L") Integer layers;
    @CommandLine.Option(names = "--hidden", paramLabel = "H") Integer hidden;
    @CommandLine.Option(names = "--heads", paramLabel = "A") Integer heads;
    @CommandLine.Option(names = "--seq-len", paramLabel = "S", description = "Sequence length (default with --model: the model's).") Integer seqLen;
    @CommandLine.Option(names = "--vocab", paramLabel = "V") Integer vocab;
    @CommandLine.Option(names = "--ffn", paramLabel = "F", description = "FFN width (default 4 x hidden).") Integer ffn;
    @CommandLine.Option(names = "--kv-heads", paramLabel = "K", description = "Key/value heads (default: heads).") Integer kvHeads;
    @CommandLine.Option(names = "--gated-ffn", description = "SwiGLU FFN (three matrices).") boolean gatedFfn;
    @CommandLine.Option(names = "--no-dropout", description = "The run trains without dropout (Llama-style): no dropout masks stored.")
    boolean noDropout;

    @CommandLine.Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text or json (default: ${DEFAULT-VALUE}).")
    String format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    @Override
    public Integer call() throws Exception {
        if (!format.equals("text") && !format.equals("json")) {
            throw usage("--format must be text or json, got '" + format + "'");
        }
        Catalogue catalogue = Catalogue.bundled();
        DeviceSpec device;
        ModelSpec model;
        TrainingSpec training;
        ParallelConfig base;
        if (instanceFile != null) {
            if (gpu != null || modelId != null || layers != null || globalBatch != null || globalBatchTokens != null || seqLen != null) {
                throw usage("--instance gives the model, GPU, batch and sequence length; leave out --model, --gpu, --global-batch* and --seq-len");
            }
            InstanceReader.Job job = InstanceReader.job(instanceFile);
            device = job.device();
            model = job.model();
            training = job.training();
        } else {
            if (gpu == null) {
                throw usage("give --gpu ID (or --instance FILE)");
            }
            device = catalogue.device(gpu);
            model = model(catalogue);
            training = null;
        }
        int sequenceLength = training != null ? training.sequenceLength() : seqLen != null ? seqLen : model.sequenceLength();
        try {
            if (training == null) {
                training = new TrainingSpec(sequences(sequenceLength), sequenceLength, Precision.parse(precision), !noFlashAttention, unevenStages);
            }
            Recompute mode = Recompute.parse(recompute);
            if (recomputeLayers != null && mode != Recompute.FULL) {
                throw usage("--recompute-layers needs --recompute full");
            }
            base = new ParallelConfig(dp, tp, pp, microBatch == null ? 1 : microBatch, interleave == null ? 1 : interleave, zero,
                    mode, recomputeLayers == null || fewestLayers() ? ParallelConfig.ALL_LAYERS : parseLayers(), sequenceParallel, ep);
            if (tokens != null && !(tokens > 0 && Double.isFinite(tokens))) {
                throw usage("--tokens must be a positive number, got " + tokens);
            }
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        double cap = powerCap == null ? Double.NaN : powerCap;
        Estimate estimate;
        try {
            estimate = AnalyticModel.estimate(model, device, training, base, cap);
        } catch (IllegalArgumentException e) {
            throw usage("--power-cap: " + e.getMessage() + ". Maybe leave it out to run at the default limit?");
        }
        if (microBatch == null || interleave == null || fewestLayers()) {
            var fastest = ConfigurationSearch.fastest(model, device, training, base, microBatch == null, interleave == null,
                    fewestLayers(), cap);
            if (fastest.isPresent()) {
                estimate = fastest.get();
            }
        }
        var out = spec.commandLine().getOut();
        if (format.equals("json")) {
            Map<String, Object> map = EstimateJson.map(estimate);
            map.put("model", model.id());
            map.put("gpu", device.id());
            if (tokens != null && estimate.hasPerformance()) {
                map.put("wholeRun", EstimateJson.wholeRun(WholeRun.of(estimate, tokens)));
            }
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(map));
        } else {
            out.println(text(model, device, estimate));
            if (tokens != null && estimate.hasPerformance()) {
                WholeRun run = WholeRun.of(estimate, tokens);
                out.println(String.format(Locale.ROOT, "tokens=%.6g steadyHours=%.6g energyKwh=%.6g (steady state); with goodput %.2f: hours=%.6g "
                                + "gpuHours=%.6g energyKwh=%.6g", run.tokens(), run.steadyHours(), run.steadyEnergyKwh(), WholeRun.GOODPUT,
                        run.hours(), run.gpuHours(), run.energyKwh()));
            }
        }
        out.flush();
        if (!estimate.fits()) {
            spec.commandLine().getErr().println("planner: does not fit: " + estimate.whyNot());
            return ExitCodes.INFEASIBLE_OR_INVALID;
        }
        return ExitCodes.OK;
    }

    /** The global batch in sequences, from --global-batch or --global-batch-tokens (exactly one). */
    private int sequences(int sequenceLength) {
        if ((globalBatch == null) == (globalBatchTokens == null)) {
            throw usage("give the global batch once: --global-batch SEQUENCES or --global-batch-tokens TOKENS");
        }
        if (globalBatch != null) {
            return globalBatch;
        }
        double exact = globalBatchTokens / sequenceLength;
        if (!(exact >= 1) || exact != Math.rint(exact) || exact > Integer.MAX_VALUE) {
            throw usage("--global-batch-tokens %s is not a whole number (>= 1) of %d-token sequences. Maybe use %d?"
                    .formatted(JsonNumber.format(globalBatchTokens), sequenceLength,
                            Math.max(1, Double.isFinite(exact) ? Math.round(exact) : 1) * (long) sequenceLength));
        }
        return (int) exact;
    }

    private boolean fewestLayers() {
        return "fewest".equals(recomputeLayers);
    }

    private int parseLayers() {
        try {
            return Integer.parseInt(recomputeLayers);
        } catch (NumberFormatException e) {
            throw usage("--recompute-layers must be a whole number >= 1 or 'fewest', got '" + recomputeLayers + "'");
        }
    }

    private ModelSpec model(Catalogue catalogue) {
        boolean shape = layers != null || hidden != null || heads != null || vocab != null || ffn != null || kvHeads != null
                || noDropout; // a catalogue model states its own dropout
        if (modelId != null) {
            if (shape) {
                throw usage("give either --model or --layers/--hidden/--heads/--vocab (and --no-dropout), not both");
            }
            return catalogue.model(modelId);
        }
        if (layers == null || hidden == null || heads == null || seqLen == null || vocab == null) {
            throw usage("give --model ID, or all of --layers --hidden --heads --seq-len --vocab");
        }
        try {
            return new ModelSpec("custom", "custom", layers, hidden, heads, kvHeads != null ? kvHeads : heads,
                    ffn != null ? ffn : 4 * hidden, vocab, gatedFfn, 1, 1, false, !noDropout && ModelSpec.DEFAULT_DROPOUT, seqLen, "command line");
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private static String text(ModelSpec model, DeviceSpec device, Estimate e) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s on %d x %s: %s%n", model.id(), e.gpus(), device.id(), e.id()));
        sb.append("fits=").append(e.fits());
        if (!e.fits()) {
            sb.append(" (").append(e.whyNot()).append(")");
        }
        sb.append(String.format(Locale.ROOT,
                "%nmemoryGiBPerGpu=%.2f (weights %.2f, gradients %.2f, optimizer %.2f, activations %.2f; usable %.1f)%n"
                        + "iterationSeconds=%.4g tokensPerSecond=%.6g mfu=%.4f hardwareTflopsPerGpu=%.1f%n"
                        + "watts=%.6g wattsPerGpu=%.1f powerCapWatts=%s computeClock=%.4f embodiedGramsPerHour=%.4g",
                e.memoryGiBPerGpu(), e.memory().weightsGiB(), e.memory().gradientsGiB(), e.memory().optimizerGiB(),
                e.memory().activationsGiB(), e.memory().usableGiB(),
                e.iterationSeconds(), e.tokensPerSecond(), e.mfu(), e.hardwareTflopsPerGpu(), e.watts(), e.wattsPerGpu(),
                e.capped() ? JsonNumber.format(e.powerCapWatts()) : "none", e.power().computeClock(), e.embodiedGramsPerHour()));
        return sb.toString();
    }
}
