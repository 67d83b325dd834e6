package dev.gort.grader.bench;

import java.util.List;

/** The mean and the error of a few samples, computed the way JMH reports its own. */
final class Stats {
    private Stats() {}

    /** Student's t at 0.9995 (a two-sided 99.9 % interval) for 1 to 10 degrees of freedom. */
    private static final double[] T_999 = {636.619, 31.599, 12.924, 8.610, 6.869, 5.959, 5.408,
        5.041, 4.781, 4.587};

    static double mean(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** Half-width of the 99.9 % confidence interval of the mean; NaN for fewer than 2 samples. */
    static double error999(List<Double> xs) {
        int n = xs.size();
        if (n < 2) {
            return Double.NaN;
        }
        double m = mean(xs);
        double var = xs.stream().mapToDouble(x -> (x - m) * (x - m)).sum() / (n - 1);
        double t = n - 1 <= T_999.length ? T_999[n - 2] : 3.291; // beyond 10: the normal's
        return t * Math.sqrt(var / n);
    }
}
