package org.carbonaware.planner.domain;

import java.util.List;

/**
 * The per-site part of the plan semantics, which does not depend on carbon intensity: lost minutes, energy and
 * tokens of one site entering one option (or off) from another, and the federation factor.
 */
final class SiteAccounting {

    private final Instance instance;
    private final List<List<Option>> optionListBySite;
    private final double epochHours;

    SiteAccounting(Instance instance, List<List<Option>> optionListBySite) {
        this.instance = instance;
        this.optionListBySite = optionListBySite;
        this.epochHours = instance.epochMinutes() / 60.0;
    }

    /** What the tokens of a configuration count: 1 with at most one running site, else throughput × efficiency. */
    double federatedFactor(int[] configuration) {
        int running = 0;
        double slowest = Double.POSITIVE_INFINITY;
        for (int s = 0; s < configuration.length; s++) {
            if (configuration[s] != Problem.PAUSED) {
                running++;
                slowest = Math.min(slowest, bitsPerSecond(s));
            }
        }
        if (running < 2) {
            return 1.0;
        }
        Federation federation = instance.federation();
        return federation.throughputFactor(slowest) * federation.tokenEfficiency();
    }

    private double bitsPerSecond(int site) {
        double own = instance.site(site).wanBitsPerSecond();
        return Double.isNaN(own) ? instance.federation().wanBitsPerSecond() : own;
    }

    double lostMinutes(int site, int fromOption, int toOption) {
        if (toOption == Problem.PAUSED) {
            return 0;
        }
        List<Option> options = optionListBySite.get(site);
        Option from = fromOption == Problem.PAUSED ? null : options.get(fromOption);
        Option to = options.get(toOption);
        Site definition = instance.site(site);
        double lost = definition.reconfiguration().lostMinutes(from, to);
        return from == null ? lost + definition.provisioning().provisionMinutes() : lost;
    }

    /** Tokens of one site before the federation factor. */
    double soloTokens(int site, int fromOption, int toOption) {
        if (toOption == Problem.PAUSED) {
            return 0;
        }
        double minutes = instance.epochMinutes() - lostMinutes(site, fromOption, toOption);
        return optionListBySite.get(site).get(toOption).tokensPerSecond() * 60.0 * minutes;
    }

    double energyKwh(int site, int fromOption, int toOption) {
        Site definition = instance.site(site);
        Provisioning provisioning = definition.provisioning();
        if (toOption == Problem.PAUSED) {
            double deprovision = fromOption == Problem.PAUSED ? 0 : provisioning.deprovisionMinutes();
            if (deprovision == 0) {
                return definition.idleWatts() * definition.pue() * epochHours / 1000.0;
            }
            double wattMinutes = definition.idleWatts() * (instance.epochMinutes() - deprovision) + provisioning.watts() * deprovision;
            return wattMinutes * definition.pue() / 60.0 / 1000.0;
        }
        double watts = optionListBySite.get(site).get(toOption).watts();
        double provision = fromOption == Problem.PAUSED ? provisioning.provisionMinutes() : 0;
        if (provision == 0) {
            return watts * definition.pue() * epochHours / 1000.0;
        }
        double wattMinutes = watts * (instance.epochMinutes() - provision) + provisioning.watts() * provision;
        return wattMinutes * definition.pue() / 60.0 / 1000.0;
    }

    double embodiedGrams(int site, int option) {
        return option == Problem.PAUSED ? 0
                : optionListBySite.get(site).get(option).gpus() * instance.site(site).embodiedGramsPerGpuHour() * epochHours;
    }

    /** Tokens of a whole configuration entering {@code to} from {@code from}, the federation factor applied. */
    double tokens(int[] from, int[] to) {
        double tokens = 0;
        double factor = federatedFactor(to);
        for (int s = 0; s < to.length; s++) {
            if (to[s] != Problem.PAUSED) {
                double siteTokens = soloTokens(s, from[s], to[s]);
                tokens += factor == 1.0 ? siteTokens : siteTokens * factor;
            }
        }
        return tokens;
    }
}
