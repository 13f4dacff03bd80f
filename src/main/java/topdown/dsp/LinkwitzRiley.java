package topdown.dsp;

/**
 * Fourth-order Linkwitz-Riley (LR4) crossover: low = two cascaded 2nd-order Butterworth low-passes
 * (Q = 1/√2), high = two cascaded Butterworth high-passes, both from the bilinear transform prewarped at the
 * crossover (the RBJ cookbook forms). Each output is −6.02 dB at the crossover (a Butterworth's −3.01 dB,
 * twice), the two are in phase at every frequency, and their sum is the 2nd-order allpass with the
 * Butterworth denominator: in the s-plane (1 + s⁴)/(s² + √2·s + 1)² = (s² − √2·s + 1)/(s² + √2·s + 1), a
 * substitution the bilinear transform keeps, so the digital sum is exactly flat in magnitude. Per-channel
 * double state.
 */
public final class LinkwitzRiley {
    private final double crossoverHz;
    private final double rate;
    private final Section lp1;
    private final Section lp2;
    private final Section hp1;
    private final Section hp2;
    private final double[] den; // 1, a1, a2 of the Butterworth sections

    public LinkwitzRiley(double rate, double crossoverHz, int channels) {
        if (!(crossoverHz > 0 && crossoverHz < rate / 2)) {
            throw new IllegalArgumentException("crossover must be between 0 and half the rate: " + crossoverHz + " Hz");
        }
        this.rate = rate;
        this.crossoverHz = crossoverHz;
        double w0 = 2 * Math.PI * crossoverHz / rate;
        double cos = Math.cos(w0);
        double alpha = Math.sin(w0) / (2 * Math.sqrt(0.5));
        double a0 = 1 + alpha;
        double a1 = -2 * cos / a0;
        double a2 = (1 - alpha) / a0;
        den = new double[] {1, a1, a2};
        double lb = (1 - cos) / 2 / a0;
        double hb = (1 + cos) / 2 / a0;
        lp1 = new Section(lb, 2 * lb, lb, a1, a2, channels);
        lp2 = new Section(lb, 2 * lb, lb, a1, a2, channels);
        hp1 = new Section(hb, -2 * hb, hb, a1, a2, channels);
        hp2 = new Section(hb, -2 * hb, hb, a1, a2, channels);
    }

    public double crossoverHz() {
        return crossoverHz;
    }

    /**
     * Splits {@code n} samples of channel {@code c}: {@code low} and {@code high} receive the two outputs
     * ({@code in} may be the same array as either output, not both).
     */
    public void split(int c, double[] in, double[] low, double[] high, int n) {
        if (in == high) {
            throw new IllegalArgumentException("in may alias low, not high");
        }
        hp1.run(c, in, high, n);
        hp2.run(c, high, high, n);
        lp1.run(c, in, low, n);
        lp2.run(c, low, low, n);
    }

    /** Splits de-interleaved float blocks (every channel); {@code in} is left as it was. */
    public void split(float[][] in, int n, float[][] low, float[][] high) {
        double[] a = new double[n];
        double[] b = new double[n];
        for (int c = 0; c < in.length; c++) {
            for (int i = 0; i < n; i++) {
                a[i] = in[c][i];
            }
            split(c, a, a, b, n);
            for (int i = 0; i < n; i++) {
                low[c][i] = (float) a[i];
                high[c][i] = (float) b[i];
            }
        }
    }

    /** The allpass low+high sums to, as a filter of its own (for compensating other bands). */
    public Section newAllpass(int channels) {
        return new Section(den[2], den[1], 1, den[1], den[2], channels);
    }

    /** Complex response {re, im} of the low output at a frequency, from the coefficients. */
    public double[] lowResponse(double hz) {
        return square(lp1.response(hz, rate));
    }

    /** Complex response {re, im} of the high output at a frequency, from the coefficients. */
    public double[] highResponse(double hz) {
        return square(hp1.response(hz, rate));
    }

    private static double[] square(double[] z) {
        return new double[] {z[0] * z[0] - z[1] * z[1], 2 * z[0] * z[1]};
    }

    /** A biquad in transposed direct form II with double state per channel. */
    public static final class Section {
        private final double b0;
        private final double b1;
        private final double b2;
        private final double a1;
        private final double a2;
        private final double[] z1;
        private final double[] z2;

        Section(double b0, double b1, double b2, double a1, double a2, int channels) {
            this.b0 = b0;
            this.b1 = b1;
            this.b2 = b2;
            this.a1 = a1;
            this.a2 = a2;
            z1 = new double[channels];
            z2 = new double[channels];
        }

        /** Filters channel c from {@code in} to {@code out} (may be the same array). */
        public void run(int c, double[] in, double[] out, int n) {
            double s1 = z1[c];
            double s2 = z2[c];
            for (int i = 0; i < n; i++) {
                double x = in[i];
                double y = b0 * x + s1;
                s1 = b1 * x - a1 * y + s2;
                s2 = b2 * x - a2 * y;
                out[i] = y;
            }
            z1[c] = s1;
            z2[c] = s2;
        }

        /** Complex response {re, im} at a frequency. */
        public double[] response(double hz, double rate) {
            double w = 2 * Math.PI * hz / rate;
            double nr = b0 + b1 * Math.cos(w) + b2 * Math.cos(2 * w);
            double ni = -(b1 * Math.sin(w) + b2 * Math.sin(2 * w));
            double dr = 1 + a1 * Math.cos(w) + a2 * Math.cos(2 * w);
            double di = -(a1 * Math.sin(w) + a2 * Math.sin(2 * w));
            double d = dr * dr + di * di;
            return new double[] {(nr * dr + ni * di) / d, (ni * dr - nr * di) / d};
        }
    }
}
