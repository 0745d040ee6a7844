package org.carbonaware.planner.model;

/**
 * A whole training run of a token count on one configuration: the steady state the model predicts, and the same with
 * the time real runs lose to failures, restarts, checkpointing and evaluation ({@link #GOODPUT}), reported separately.
 *
 * @param tokens training tokens
 * @param steadyHours wall-clock hours at the predicted steady-state throughput
 * @param hours wall-clock hours including the goodput loss (steadyHours / goodput)
 * @param gpuHours GPU-hours including the goodput loss
 * @param steadyEnergyKwh IT energy of the steady state (GPUs and hosts, before PUE)
 * @param energyKwh IT energy including the goodput loss, the lost time drawn at the steady power (re-running lost
 *        steps dominates it)
 */
public record WholeRun(double tokens, double steadyHours, double hours, double gpuHours, double steadyEnergyKwh, double energyKwh) {

    /**
     * Share of the elapsed time spent on useful training. Llama 3 405B pre-training reached "higher than 90 %
     * effective training time" over a 54-day snapshot with 466 job interruptions on 16,384 H100s (Grattafiori et al.
     * 2024, section 3.3.4); the one published statistic of its kind, used for every run.
     */
    public static final double GOODPUT = 0.90;

    public static WholeRun of(Estimate estimate, double tokens) {
        double steadyHours = tokens / estimate.tokensPerSecond() / 3600.0;
        double hours = steadyHours / GOODPUT;
        double steadyKwh = estimate.watts() * steadyHours / 1000.0;
        return new WholeRun(tokens, steadyHours, hours, hours * estimate.gpus(), steadyKwh, steadyKwh / GOODPUT);
    }
}
