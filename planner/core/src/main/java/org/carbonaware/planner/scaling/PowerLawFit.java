package org.carbonaware.planner.scaling;

/**
 * Least-squares fit of y = k x^(-alpha) in log-log space (ln y = ln k - alpha ln x).
 *
 * @param rSquared coefficient of determination of the log-log fit
 */
public record PowerLawFit(double k, double alpha, double rSquared, int points) {

    public static PowerLawFit fit(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs " + y.length);
        }
        int n = x.length;
        if (n < 2) {
            throw new IllegalArgumentException("a power-law fit needs at least 2 points, got " + n);
        }
        double sumU = 0;
        double sumV = 0;
        for (int i = 0; i < n; i++) {
            if (!(x[i] > 0) || !(y[i] > 0)) {
                throw new IllegalArgumentException("power-law fit needs positive values, got x=" + x[i] + " y=" + y[i]);
            }
            sumU += Math.log(x[i]);
            sumV += Math.log(y[i]);
        }
        double meanU = sumU / n;
        double meanV = sumV / n;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double du = Math.log(x[i]) - meanU;
            double dv = Math.log(y[i]) - meanV;
            sxx += du * du;
            sxy += du * dv;
            syy += dv * dv;
        }
        if (sxx == 0) {
            throw new IllegalArgumentException("a power-law fit needs at least 2 distinct x values");
        }
        double slope = sxy / sxx;
        double intercept = meanV - slope * meanU;
        double r2 = syy == 0 ? 1.0 : sxy * sxy / (sxx * syy);
        return new PowerLawFit(Math.exp(intercept), -slope, r2, n);
    }

    public double predict(double x) {
        return k * Math.pow(x, -alpha);
    }
}
