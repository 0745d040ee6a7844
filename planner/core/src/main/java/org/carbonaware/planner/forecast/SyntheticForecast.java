package org.carbonaware.planner.forecast;

import java.time.Instant;
import java.util.Arrays;
import java.util.Random;

import org.carbonaware.planner.common.InputException;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.domain.ForecastSource;

/**
 * The actual trace plus a seeded relative error that grows with lead time: for a forecast issued at epoch i, the
 * epoch i + n - 1 (lead n epochs) gets actual · max(0, 1 + e_n) with e_1 = q·z_1 and e_n = φ·e_(n-1) + q·z_n
 * (AR(1), z standard normal). Var(e_n) = q²·(1 - φ^(2n)) / (1 - φ²); q and φ are chosen so that the standard
 * deviation is {@code sigmaAt1h} at a lead of one hour and {@code sigmaAt24h} at 24 hours. The error path of an
 * issue depends only on the seed and the issue time, so the same seed gives the same forecasts whatever the
 * re-plan interval.
 */
public final class SyntheticForecast implements IssuedForecast {

    private final ForecastSource.Synthetic spec;
    private final double[] actualGramsPerKwh;
    private final int site;
    private final int issueEveryEpochs;
    private final int horizonEpochs;
    private final double phi;
    private final double q;

    /**
     * @param actual the problem on the actual trace (its epoch grid and carbon intensities); {@link #latest} must be
     *     asked with the same problem
     * @param where names the instance field in errors
     */
    public SyntheticForecast(ForecastSource.Synthetic spec, Problem actual, String where) {
        this(spec, actual, 0, where);
    }

    /** The forecast of one site's trace. */
    public SyntheticForecast(ForecastSource.Synthetic spec, Problem actual, int site, String where) {
        this.spec = spec;
        this.actualGramsPerKwh = actual.carbonIntensities(site);
        this.site = site;
        double epochHours = actual.epochHours();
        double issueEpochs = spec.issueEveryHours() / epochHours;
        if (Math.abs(issueEpochs - Math.rint(issueEpochs)) > 1e-9 || Math.rint(issueEpochs) < 1) {
            throw new InputException("%s.issueEveryHours: %s h is not a whole number of %d-minute epochs. Maybe %s?"
                    .formatted(where, spec.issueEveryHours(), actual.epochMinutes(), Math.max(1, Math.rint(issueEpochs)) * epochHours));
        }
        this.issueEveryEpochs = (int) Math.rint(issueEpochs);
        this.horizonEpochs = (int) Math.floor(spec.horizonHours() / epochHours + 1e-9);
        double stepsAt1h = 1 / epochHours;
        double stepsAt24h = 24 / epochHours;
        if (spec.sigmaAt1h() == 0) {
            // No error an hour ahead: the error is zero at every lead of the AR(1) recursion unless q > 0.
            this.phi = 0;
            this.q = 0;
            if (spec.sigmaAt24h() > 0) {
                throw new InputException("%s.sigmaAt1h: 0 with sigmaAt24h=%s; an AR(1) error that is 0 an hour ahead stays 0. Maybe sigmaAt1h=0.01?"
                        .formatted(where, spec.sigmaAt24h()));
            }
            return;
        }
        double ratio = Math.pow(spec.sigmaAt24h() / spec.sigmaAt1h(), 2);
        double x = solveSquaredPhi(ratio, stepsAt1h, stepsAt24h);
        this.phi = Math.sqrt(x);
        this.q = spec.sigmaAt1h() / Math.sqrt(partialSum(x, stepsAt1h));
    }

    /** The AR(1) coefficient φ calibrated from the two sigmas. */
    public double phi() {
        return phi;
    }

    /** The standard deviation of the innovation. */
    public double innovationSigma() {
        return q;
    }

    /** Standard deviation of the relative error at a lead of {@code steps} epochs. */
    public double sigmaAt(double steps) {
        return q * Math.sqrt(partialSum(phi * phi, steps));
    }

    /** 1 + x + … + x^(n-1) for real n: (1 - x^n) / (1 - x), n at x = 1. */
    static double partialSum(double x, double n) {
        if (Math.abs(x - 1) < 1e-12) {
            return n;
        }
        return (1 - Math.pow(x, n)) / (1 - x);
    }

    /** x = φ² with partialSum(x, n24) / partialSum(x, n1) = ratio; the quotient grows with x from 1 at x = 0. */
    static double solveSquaredPhi(double ratio, double n1, double n24) {
        if (ratio <= 1 + 1e-12) {
            return 0;
        }
        double low = 0;
        double high = 1;
        while (partialSum(high, n24) / partialSum(high, n1) < ratio) {
            low = high;
            high *= 2;
        }
        for (int i = 0; i < 200; i++) {
            double middle = (low + high) / 2;
            if (partialSum(middle, n24) / partialSum(middle, n1) < ratio) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return (low + high) / 2;
    }

    @Override
    public Issue latest(Problem grid, int fromEpoch) {
        int issueEpoch = Math.floorDiv(fromEpoch, issueEveryEpochs) * issueEveryEpochs;
        Instant issued = grid.epochStart(issueEpoch);
        double[] errors = errorPath(issued);
        double[] values = new double[grid.epochCount() - fromEpoch];
        Arrays.fill(values, Double.NaN);
        for (int e = fromEpoch; e < grid.epochCount(); e++) {
            int lead = e - issueEpoch + 1;
            if (lead > horizonEpochs) {
                break;
            }
            values[e - fromEpoch] = actualGramsPerKwh[e] * Math.max(0, 1 + errors[lead - 1]);
        }
        return new Issue(issued, values);
    }

    /** e_1 … e_H of the issue at {@code issued}; java.util.Random's Gaussian is specified, so the path is the same on every JVM. */
    private double[] errorPath(Instant issued) {
        Random random = new Random(spec.seed() * 0x9E3779B97F4A7C15L ^ issued.getEpochSecond() ^ (long) site << 48);
        double[] errors = new double[horizonEpochs];
        double previous = 0;
        for (int n = 0; n < horizonEpochs; n++) {
            previous = phi * previous + q * random.nextGaussian();
            errors[n] = previous;
        }
        return errors;
    }
}
