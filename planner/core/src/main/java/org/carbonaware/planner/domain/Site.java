package org.carbonaware.planner.domain;

import java.util.List;

/**
 * One place the job can run: its grid's carbon intensity, its option table and its facility figures.
 *
 * @param optionList every option of the site, including those above {@code maxGpus}
 * @param maxGpus options with more GPUs are not allowed at this site
 * @param wanBitsPerSecond bandwidth the site synchronises over in a federation; NaN for the federation's default
 */
public record Site(
        String name,
        CarbonIntensitySource carbonIntensity,
        List<Option> optionList,
        int maxGpus,
        double pue,
        double embodiedGramsPerGpuHour,
        double idleWatts,
        Reconfiguration reconfiguration,
        Provisioning provisioning,
        Availability availability,
        double wanBitsPerSecond) {

    public Site {
        optionList = List.copyOf(optionList);
    }

    /** Options the planner may use at this site: those within maxGpus. */
    public List<Option> allowedOptionList() {
        return optionList.stream().filter(o -> o.gpus() <= maxGpus).toList();
    }

    public Site withOptionList(List<Option> newOptionList) {
        return new Site(name, carbonIntensity, newOptionList, maxGpus, pue, embodiedGramsPerGpuHour, idleWatts,
                reconfiguration, provisioning, availability, wanBitsPerSecond);
    }

    public Site withCarbonIntensity(CarbonIntensitySource newSource) {
        return new Site(name, newSource, optionList, maxGpus, pue, embodiedGramsPerGpuHour, idleWatts,
                reconfiguration, provisioning, availability, wanBitsPerSecond);
    }

    public Site withReconfiguration(Reconfiguration newReconfiguration) {
        return new Site(name, carbonIntensity, optionList, maxGpus, pue, embodiedGramsPerGpuHour, idleWatts,
                newReconfiguration, provisioning, availability, wanBitsPerSecond);
    }

    public Site withProvisioning(Provisioning newProvisioning) {
        return new Site(name, carbonIntensity, optionList, maxGpus, pue, embodiedGramsPerGpuHour, idleWatts,
                reconfiguration, newProvisioning, availability, wanBitsPerSecond);
    }

    public Site withAvailability(Availability newAvailability) {
        return new Site(name, carbonIntensity, optionList, maxGpus, pue, embodiedGramsPerGpuHour, idleWatts,
                reconfiguration, provisioning, newAvailability, wanBitsPerSecond);
    }
}
