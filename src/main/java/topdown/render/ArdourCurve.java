package topdown.render;

import java.util.List;
import topdown.model.Fade;

/**
 * Ardour's "Curved" interpolation of a breakpoint list (what it uses for region fade curves): two points
 * are joined by a straight line; three or more by a constrained cubic spline (C. J. C. Kruger,
 * "Constrained Cubic Spline Interpolation"). The slope at an inner point is the harmonic mean of the
 * neighbouring secant slopes, 2 / (1/s_left + 1/s_right), or 0 where the secants change sign (so the
 * curve never overshoots); at the ends it is 3·s/2 - (the next point's slope)/2. Each segment is then the
 * cubic with the end values and end slopes (Kruger's second-derivative form of the same polynomial).
 * Before the first point the curve holds the first value, after the last the last; at a breakpoint it is
 * the stored value.
 */
final class ArdourCurve {
    private final double[] x;
    private final double[] y;
    private final double[] slope;
    private int seg; // cursor for forward evaluation

    ArdourCurve(List<Fade.Point> points) {
        int n = points.size();
        if (n == 0) {
            throw new IllegalArgumentException("empty curve");
        }
        x = new double[n];
        y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = points.get(i).sample();
            y[i] = points.get(i).gain();
        }
        slope = new double[n];
        if (n > 2) {
            for (int i = 1; i < n - 1; i++) {
                // inverse secant slopes (dx/dy) as Kruger writes them: a flat side gives an infinite
                // inverse slope and so a zero derivative
                double invBefore = (x[i] - x[i - 1]) / (y[i] - y[i - 1]);
                double invAfter = (x[i + 1] - x[i]) / (y[i + 1] - y[i]);
                slope[i] = invBefore * invAfter < 0 ? 0 : 2 / (invBefore + invAfter);
                if (Double.isNaN(slope[i])) {
                    slope[i] = 0;
                }
            }
            slope[0] = 3 * (y[1] - y[0]) / (2 * (x[1] - x[0])) - slope[1] / 2;
            slope[n - 1] = 3 * (y[n - 1] - y[n - 2]) / (2 * (x[n - 1] - x[n - 2])) - slope[n - 2] / 2;
        }
    }

    double first() {
        return x[0];
    }

    double last() {
        return x[x.length - 1];
    }

    /** The curve's value at {@code t} (same unit as the point times). */
    double valueAt(double t) {
        int n = x.length;
        if (n == 1 || t <= x[0]) {
            return y[0];
        }
        if (t >= x[n - 1]) {
            return y[n - 1];
        }
        if (n == 2) {
            return y[0] + (y[1] - y[0]) * ((t - x[0]) / (x[1] - x[0]));
        }
        if (seg >= n - 1 || x[seg] > t) {
            seg = 0;
        }
        while (x[seg + 1] <= t) {
            seg++;
        }
        if (x[seg] == t) {
            return y[seg];
        }
        double x0 = x[seg];
        double x1 = x[seg + 1];
        double y0 = y[seg];
        double y1 = y[seg + 1];
        if (y1 == y0) {
            return y0;
        }
        double h = x1 - x0;
        double s = (t - x0) / h;
        double s2 = s * s;
        double s3 = s2 * s;
        // cubic Hermite basis: values y0, y1 and slopes at both ends
        return (2 * s3 - 3 * s2 + 1) * y0 + (s3 - 2 * s2 + s) * h * slope[seg]
                + (-2 * s3 + 3 * s2) * y1 + (s3 - s2) * h * slope[seg + 1];
    }
}
