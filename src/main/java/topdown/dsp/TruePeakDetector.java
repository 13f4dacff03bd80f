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
    }

    public int factor() {
        return factor;
    }

    public void accept(float[] x, int off, int n) {
        double pk = peak;
        for (int i = 0; i < n; i++) {
            double v = x[off + i];
            hist[histPos] = v;
            int newest = histPos;
            histPos = (histPos + 1) % hist.length;
            double a = Math.abs(v);
            if (a > pk) {
                pk = a;
            }
            if (factor == 1) {
                continue;
            }
            for (int p = 1; p < factor; p++) {
                double[] h = phases[p];
                double acc = 0;
                int idx = newest;
                for (int k = 0; k < h.length; k++) {
                    acc += h[k] * hist[idx];
                    idx = idx == 0 ? hist.length - 1 : idx - 1;
                }
                a = Math.abs(acc);
                if (a > pk) {
                    pk = a;
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
