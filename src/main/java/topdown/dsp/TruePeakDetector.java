package topdown.dsp;

/**
 * True-peak detection per ITU-R BS.1770-4 Annex 2: the signal is oversampled (4× below 96 kHz, 2×
 * from 96 kHz, none from 192 kHz) with a polyphase windowed-sinc interpolator (Kaiser, 24 taps per
 * phase, cutoff at the original Nyquist) and the largest absolute value of the original and
 * interpolated samples is the true peak. Streaming, per channel.
 */
public final class TruePeakDetector {
    private static final int HALF = 12;
    private final int factor;
    private final double[][] phases; // [phase][tap]
    private final double[] hist = new double[2 * HALF];
    private int histPos;
    private double peak;
    private final double tapBound;
    private double[] winMax = new double[0];
    private double[] prefix = new double[0];
    private double[] suffix = new double[0];

    public TruePeakDetector(int rate) {
        factor = rate < 96000 ? 4 : rate < 192000 ? 2 : 1;
        phases = new double[factor][2 * HALF];
        double beta = 8.0;
        double i0 = SincResampler.bessel0(beta);
        for (int p = 0; p < factor; p++) {
            double frac = p / (double) factor;
            for (int k = 0; k < 2 * HALF; k++) {
                // tap k multiplies input sample (newest - k); interpolation point sits frac after sample (HALF - 1)
                double tau = (HALF - 1 + frac) - k;
                double r = tau / HALF;
                double w = Math.abs(r) >= 1 ? 0 : SincResampler.bessel0(beta * Math.sqrt(1 - r * r)) / i0;
                double sinc = tau == 0 ? 1 : Math.sin(Math.PI * tau) / (Math.PI * tau);
                phases[p][k] = sinc * w;
            }
        }
        double bound = 1;
        for (int p = 1; p < factor; p++) {
            double sum = 0;
            for (double h : phases[p]) {
                sum += Math.abs(h);
            }
            bound = Math.max(bound, sum);
        }
        tapBound = bound;
    }

    public int factor() {
        return factor;
    }

    /**
     * Feeds samples. An interpolated value can exceed the largest input sample of its window by at most
     * the sum of the absolute filter taps, so where the window's largest sample times that bound cannot
     * beat the peak found so far, the interpolation is skipped (exact: it cannot change the result).
     */
    public void accept(float[] x, int off, int n) {
        double pk = peak;
        int w = hist.length;
        // Sliding maximum of |x| over the last w samples (history included), van Herk / Gil-Werman style.
        if (winMax.length < n) {
            winMax = new double[n];
            prefix = new double[n + w];
            suffix = new double[n + w];
        }
        int m = n + w - 1;
        double[] a = prefix;
        double[] all = suffix;
        for (int i = 0; i < w - 1; i++) {
            all[i] = Math.abs(hist[(histPos + 1 + i) % w]);
        }
        for (int i = 0; i < n; i++) {
            all[w - 1 + i] = Math.abs(x[off + i]);
        }
        // Straightforward deque-free O(m) two-pass block maxima.
        double[] left = a;
        double[] right = new double[m];
        for (int i = 0; i < m; i++) {
            left[i] = (i % w == 0) ? all[i] : Math.max(left[i - 1], all[i]);
        }
        for (int i = m - 1; i >= 0; i--) {
            right[i] = (i == m - 1 || (i + 1) % w == 0) ? all[i] : Math.max(right[i + 1], all[i]);
        }
        for (int i = 0; i < n; i++) {
            int end = i + w - 1; // window [i, end] in `all`
            winMax[i] = Math.max(right[i], left[end]);
        }
        for (int i = 0; i < n; i++) {
            double v = x[off + i];
            hist[histPos] = v;
            int newest = histPos;
            histPos = (histPos + 1) % w;
            double av = Math.abs(v);
            if (av > pk) {
                pk = av;
            }
            if (factor == 1 || winMax[i] * tapBound <= pk) {
                continue;
            }
            for (int p = 1; p < factor; p++) {
                double[] h = phases[p];
                double acc = 0;
                int idx = newest;
                for (int k = 0; k < h.length; k++) {
                    acc += h[k] * hist[idx];
                    idx = idx == 0 ? w - 1 : idx - 1;
                }
                double ab = Math.abs(acc);
                if (ab > pk) {
                    pk = ab;
                }
            }
        }
        peak = pk;
    }

    /** Linear true peak so far. */
    public double peak() {
        return peak;
    }
}
