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
    private final double[] need; // required gain per look-ahead slot
    private int pos;
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
        this.need = new double[lookahead];
        java.util.Arrays.fill(need, 1.0);
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
        for (int i = 0; i < n; i++) {
            double peak = 0;
            for (int c = 0; c < channels; c++) {
                peak = Math.max(peak, est[c].next(x[c][i]));
            }
            double req = peak > ceiling ? ceiling / peak : 1.0;
            // Minimum over the look-ahead window, including the requirement of the sample about to leave.
            double held = req;
            for (double v : need) {
                if (v < held) {
                    held = v;
                }
            }
            need[pos] = req;
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
                delay[c][pos] = est[c].delayed();
                x[c][i] = (float) (out * gain);
            }
            pos = (pos + 1) % lookahead;
        }
    }

    /** Per-channel true-peak estimate of the sample entering, with the sample delayed to match. */
    static final class TruePeakEstimator {
        static final int LATENCY = 12;
        private final int factor;
        private final double[][] phases;
        private final double[] hist = new double[24];
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
            hist[hpos] = v;
            int newest = hpos;
            hpos = (hpos + 1) % hist.length;
            double pk = Math.abs(hist[(newest - 11 + hist.length) % hist.length]);
            for (int p = 1; p < factor; p++) {
                double acc = 0;
                int idx = newest;
                for (int k = 0; k < 24; k++) {
                    acc += phases[p][k] * hist[idx];
                    idx = idx == 0 ? hist.length - 1 : idx - 1;
                }
                pk = Math.max(pk, Math.abs(acc));
            }
            // Also cover the next sample's neighbourhood: the peak between this and the next original sample.
            pk = Math.max(pk, Math.abs(hist[(newest - 10 + hist.length) % hist.length]));
            return pk;
        }

        /** The sample whose neighbourhood {@link #next} just measured (11 samples ago). */
        float delayed() {
            int newest = (hpos - 1 + hist.length) % hist.length;
            return (float) hist[(newest - 11 + hist.length) % hist.length];
        }
    }
}
