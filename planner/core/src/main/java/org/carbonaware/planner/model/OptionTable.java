package org.carbonaware.planner.model;

import java.util.ArrayList;
import java.util.List;

import org.carbonaware.planner.domain.Option;

/**
 * The option table the planner uses, generated from a model, a device and a training spec: the Pareto front of
 * {@link ConfigurationSearch} as {@link Option}s with stable ids (the configuration's knobs), plus the counts
 * before and after pruning.
 */
public record OptionTable(List<Option> optionList, List<Estimate> estimateList, long candidateCount, long feasibleCount) {

    public OptionTable {
        optionList = List.copyOf(optionList);
        estimateList = List.copyOf(estimateList);
    }

    public static OptionTable generate(ModelSpec model, DeviceSpec device, TrainingSpec training, SearchSettings settings) {
        ConfigurationSearch.Result result = ConfigurationSearch.search(model, device, training, settings);
        List<Option> options = new ArrayList<>();
        for (Estimate estimate : result.front()) {
            ParallelConfig c = estimate.config();
            options.add(new Option(estimate.id(), c.dp(), c.tp(), c.pp(), c.gpus(), estimate.tokensPerSecond(), estimate.watts(),
                    estimate.capped() ? estimate.powerCapWatts() : null));
        }
        return new OptionTable(options, result.front(), result.candidateCount(), result.feasibleCount());
    }

    public int paretoCount() {
        return optionList.size();
    }

    /** "N configurations evaluated, F fit in memory, P on the Pareto front". */
    public String countsLine() {
        return "%d configurations evaluated, %d fit in memory, %d on the Pareto front (kept as options)"
                .formatted(candidateCount, feasibleCount, paretoCount());
    }
}
