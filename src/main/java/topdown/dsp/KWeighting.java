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

    public State newState() {
        return new State();
    }
}
