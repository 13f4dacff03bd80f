package topdown.dsp;

/**
 * The K-weighting filter of ITU-R BS.1770-4 at any sample rate: a high-shelf "pre-filter" and the
 * RLB high-pass, both derived from their analog prototypes with the bilinear transform (the same
 * derivation libebur128 uses, so 48 kHz gives the coefficients printed in the standard).
 */
public final class KWeighting {
    private final double[] shelf; // b0 b1 b2 a1 a2
    private final double[] highPass;

    public KWeighting(int rate) {
        double f0 = 1681.974450955533;
        double g = 3.999843853973347;
        double q = 0.7071752369554196;
        double k = Math.tan(Math.PI * f0 / rate);
        double vh = Math.pow(10, g / 20);
        double vb = Math.pow(vh, 0.4996667741545416);
        double a0 = 1 + k / q + k * k;
        shelf = new double[] {(vh + vb * k / q + k * k) / a0, 2 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0,
            2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0};
        f0 = 38.13547087602444;
        q = 0.5003270373238773;
        k = Math.tan(Math.PI * f0 / rate);
        double d = 1 + k / q + k * k;
        highPass = new double[] {1, -2, 1, 2 * (k * k - 1) / d, (1 - k / q + k * k) / d};
    }

    public double[] shelf() {
        return shelf.clone();
    }

    public double[] highPass() {
        return highPass.clone();
    }

    /** Filter state for one channel. */
    public final class State {
        private double s1;
        private double s2;
        private double h1;
        private double h2;

        KWeighting k() {
            return KWeighting.this;
        }

        /** Filters n samples and returns the sum of squares of the output. */
        public double sumOfSquares(float[] x, int off, int n) {
            double b0 = shelf[0], b1 = shelf[1], b2 = shelf[2], a1 = shelf[3], a2 = shelf[4];
            double c1 = highPass[3], c2 = highPass[4];
            double z1 = s1, z2 = s2, w1 = h1, w2 = h2;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                // Transposed direct form II for both sections.
                double in = x[off + i];
                double y = b0 * in + z1;
                z1 = b1 * in - a1 * y + z2;
                z2 = b2 * in - a2 * y;
                double v = y + w1;
                w1 = -2 * y - c1 * v + w2;
                w2 = y - c2 * v;
                sum += v * v;
            }
            s1 = z1;
            s2 = z2;
            h1 = w1;
            h2 = w2;
            return sum;
        }
    }

    /**
     * Two channels at once (the same arithmetic as {@link State#sumOfSquares} on each; the two recursions
     * interleave, which hides their latency): returns the sums of squares in {@code sums[0..1]}.
     */
    public static void sumOfSquares2(State a, State b, float[] x, float[] y, int off, int n, double[] sums) {
        double[] sh = a.k().shelf;
        double[] hp = a.k().highPass;
        double b0 = sh[0], b1 = sh[1], b2 = sh[2], a1 = sh[3], a2 = sh[4];
        double c1 = hp[3], c2 = hp[4];
        double z1 = a.s1, z2 = a.s2, w1 = a.h1, w2 = a.h2;
        double p1 = b.s1, p2 = b.s2, q1 = b.h1, q2 = b.h2;
        double sa = 0;
        double sb = 0;
        for (int i = 0; i < n; i++) {
            double in = x[off + i];
            double ya = b0 * in + z1;
            z1 = b1 * in - a1 * ya + z2;
            z2 = b2 * in - a2 * ya;
            double va = ya + w1;
            w1 = -2 * ya - c1 * va + w2;
            w2 = ya - c2 * va;
            sa += va * va;
            double im = y[off + i];
            double yb = b0 * im + p1;
            p1 = b1 * im - a1 * yb + p2;
            p2 = b2 * im - a2 * yb;
            double vb = yb + q1;
            q1 = -2 * yb - c1 * vb + q2;
            q2 = yb - c2 * vb;
            sb += vb * vb;
        }
        a.s1 = z1;
        a.s2 = z2;
        a.h1 = w1;
        a.h2 = w2;
        b.s1 = p1;
        b.s2 = p2;
        b.h1 = q1;
        b.h2 = q2;
        sums[0] = sa;
        sums[1] = sb;
    }

    public State newState() {
        return new State();
    }
}
