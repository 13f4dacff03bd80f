package topdown.dsp;

/**
 * Look-ahead true-peak limiter. Each input sample's true peak is estimated with the same 4× (2× at
 * 96 kHz) windowed-sinc interpolation the meter uses; the gain needed to keep that peak at the ceiling
 * is the minimum over a look-ahead window (held for the whole window), smoothed by a moving average over
 * half the window (a linear attack ramp that is complete before the peak leaves the delay line) and an
 * exponential release. The signal is delayed by the look-ahead,
 * so the gain is down before the peak arrives. Ceiling in dBTP, plus a small safety margin for the
 * residual error of the interpolator.
 */
public final class TruePeakLimiter {
    private final int channels;
    private final int lookahead;
    private final double ceiling;
    private final double releaseCoeff;
    private final TruePeakEstimator[] est;
    private final float[][] delay;
    // The required gains of the last lookahead + 1 samples, as a monotonic deque (increasing from the front):
    // its front is their minimum. Ring buffers of sample index and value.
    private final long[] dqAt;
    private final double[] dqVal;
    private int dqHead;
    private int dqSize;
    private long sample;
    private int pos;
    private double[][] peaks = new double[0][0]; // per block: each channel's estimate and delayed sample
    private float[][] delayed = new float[0][0];
    private double gain = 1;
    private double minGain = 1;
    private final double[] ramp;
    private int rampPos;
    private double avgSum;

    public TruePeakLimiter(int rate, int channels, double ceilingDbtp, double lookaheadMs, double releaseMs) {
        this.channels = channels;
        this.lookahead = Math.max(8, (int) Math.round(rate * lookaheadMs / 1000));
        this.ceiling = Math.pow(10, (ceilingDbtp - 0.05) / 20);
        this.releaseCoeff = Math.exp(-1 / (rate * releaseMs / 1000));
        this.est = new TruePeakEstimator[channels];
        for (int c = 0; c < channels; c++) {
            est[c] = new TruePeakEstimator(rate);
        }
        this.delay = new float[channels][lookahead];
        // Before the first sample the window holds gain 1 (nothing to limit): one entry stands for all of it.
        this.dqAt = new long[lookahead + 2];
        this.dqVal = new double[lookahead + 2];
        dqAt[0] = -1;
        dqVal[0] = 1.0;
        dqSize = 1;
        this.ramp = new double[Math.max(1, lookahead / 2)];
        java.util.Arrays.fill(ramp, 1.0);
        this.avgSum = ramp.length;
    }

    public int latencySamples() {
        return lookahead + TruePeakEstimator.LATENCY;
    }

    /** Lowest gain applied so far (linear). */
    public double minGain() {
        return minGain;
    }

    public void process(float[][] x, int n) {
        if (peaks.length < channels || peaks[0].length < n) {
            peaks = new double[channels][n];
            delayed = new float[channels][n];
        }
        // Each channel's true-peak estimates first (the channels share nothing: two at once), then the gain.
        if (channels == 2 && n >= Both.MIN_SAMPLES) {
            Both.run(() -> estimate(0, x[0], n), () -> estimate(1, x[1], n));
        } else {
            for (int c = 0; c < channels; c++) {
                estimate(c, x[c], n);
            }
        }
        int cap = dqAt.length;
        for (int i = 0; i < n; i++) {
            double peak = 0;
            for (int c = 0; c < channels; c++) {
                peak = Math.max(peak, peaks[c][i]);
            }
            double req = peak > ceiling ? ceiling / peak : 1.0;
            // Minimum over the look-ahead window, including the requirement of the sample about to leave: the
            // requirements of samples (this - lookahead) .. this.
            while (dqSize > 0 && dqVal[(dqHead + dqSize - 1) % cap] >= req) {
                dqSize--;
            }
            dqAt[(dqHead + dqSize) % cap] = sample;
            dqVal[(dqHead + dqSize) % cap] = req;
            dqSize++;
            while (dqAt[dqHead] < sample - lookahead) {
                dqHead = (dqHead + 1) % cap;
                dqSize--;
            }
            double held = dqVal[dqHead];
            sample++;
            // Moving average of the held minimum over half the window: a linear ramp that is down by the time
            // the peak leaves the delay line (the minimum is held for the whole window).
            avgSum += held - ramp[rampPos];
            ramp[rampPos] = held;
            rampPos = (rampPos + 1) % ramp.length;
            double smooth = Math.min(1.0, avgSum / ramp.length);
            if (smooth <= gain) {
                gain = smooth;
            } else {
                gain = releaseCoeff * gain + (1 - releaseCoeff) * smooth;
            }
            minGain = Math.min(minGain, gain);
            for (int c = 0; c < channels; c++) {
                float out = delay[c][pos];
                delay[c][pos] = delayed[c][i];
                x[c][i] = (float) (out * gain);
            }
            pos = (pos + 1) % lookahead;
        }
    }

    private void estimate(int c, float[] x, int n) {
        TruePeakEstimator e = est[c];
        double[] pk = peaks[c];
        float[] dl = delayed[c];
        for (int i = 0; i < n; i++) {
            pk[i] = e.next(x[i]);
            dl[i] = e.delayed();
        }
    }

    /** Per-channel true-peak estimate of the sample entering, with the sample delayed to match. */
    static final class TruePeakEstimator {
        static final int LATENCY = 12;
        private final int factor;
        private final double[][] phases;
        private final double[] hist = new double[48];
        private int hpos;

        TruePeakEstimator(int rate) {
            factor = rate < 96000 ? 4 : rate < 192000 ? 2 : 1;
            phases = new double[factor][24];
            double beta = 8.0;
            double i0 = SincResampler.bessel0(beta);
            for (int p = 0; p < factor; p++) {
                double frac = p / (double) factor;
                for (int k = 0; k < 24; k++) {
                    double tau = (11 + frac) - k;
                    double r = tau / 12;
                    double w = Math.abs(r) >= 1 ? 0 : SincResampler.bessel0(beta * Math.sqrt(1 - r * r)) / i0;
                    phases[p][k] = (tau == 0 ? 1 : Math.sin(Math.PI * tau) / (Math.PI * tau)) * w;
                }
            }
        }

        /** Pushes a sample; returns the largest absolute interpolated value around the sample LATENCY ago. */
        double next(float v) {
            // The history is kept twice (slots h and h + 24), so the taps read it in a straight line, newest
            // first: the same values in the same order as a ring.
            hist[hpos] = v;
            hist[hpos + 24] = v;
            int top = hpos + 24; // the newest sample
            hpos = (hpos + 1) % 24;
            double pk = Math.abs(hist[top - 11]);
            for (int p = 1; p < factor; p++) {
                double[] ph = phases[p];
                double acc = 0;
                for (int k = 0; k < 24; k++) {
                    acc += ph[k] * hist[top - k];
                }
                pk = Math.max(pk, Math.abs(acc));
            }
            // Also cover the next sample's neighbourhood: the peak between this and the next original sample.
            pk = Math.max(pk, Math.abs(hist[top - 10]));
            return pk;
        }

        /** The sample whose neighbourhood {@link #next} just measured (11 samples ago). */
        float delayed() {
            int newest = (hpos + 23) % 24;
            return (float) hist[newest + 24 - 11];
        }
    }
}
