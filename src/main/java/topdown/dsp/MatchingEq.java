package topdown.dsp;

import java.util.Arrays;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Linear-phase FIR matching EQ. A target gain curve, given as dB values at band centre frequencies (for
 * example the third-octave centres), is interpolated linearly on a log-frequency axis to every bin of a
 * design FFT (flat beyond the first and last centre), optionally smoothed over a band of a given width in
 * octaves, clamped to a maximum boost and cut, and turned into a zero-phase magnitude spectrum. Its
 * inverse FFT, symmetrised and cut to N taps (N odd) around time zero, then Blackman windowed, is the
 * impulse response: exactly symmetric, so the phase is linear and the group delay is (N−1)/2 samples at
 * every frequency, which is the reported latency.
 *
 * <p>Stereo input can be filtered in mid/side: M=(L+R)/2 with the mid curve, S=(L−R)/2 with the side curve,
 * then L=M+S, R=M−S. Without a side curve every channel is filtered with the mid curve. Filtering is
 * streaming with {@link FirConvolver} (exact, any block size, fixed memory).
 */
public final class MatchingEq {
    /** Design FFT size relative to the tap count: the target is sampled on a grid 4× finer than 1/N. */
    private static final int DESIGN_OVERSAMPLING = 4;
    /**
     * Passes of error correction: the window smears the target over its main lobe (±3 bins of rate/N), which
     * flattens sharp bends; each pass measures the windowed kernel and moves the aim by the error in dB.
     */
    private static final int CORRECTION_PASSES = 4;
    private static final double MAX_CORRECTION_DB = 6;
    private final double rate;
    private final int channels;
    private final int taps;
    private final Curve mid;
    private final Curve side;
    private final double[] midKernel;
    private final double[] sideKernel;
    private final FirConvolver[] convolvers;
    private float[] mScratch = new float[0];
    private float[] sScratch = new float[0];

    /**
     * A target gain curve: dB at centre frequencies (ascending), interpolated linearly over log2(Hz), flat
     * outside, smoothed with a rectangular window {@code smoothingOctaves} wide (0 = none), then clamped to
     * [−maxCutDb, +maxBoostDb].
     */
    public static final class Curve {
        private final double[] log2Hz;
        private final double[] gainDb;
        private final double smoothingOctaves;
        private final double maxBoostDb;
        private final double maxCutDb;

        public Curve(double[] bandHz, double[] gainDb, double smoothingOctaves, double maxBoostDb, double maxCutDb) {
            if (bandHz.length == 0 || bandHz.length != gainDb.length) {
                throw new IllegalArgumentException("need as many gains as band centres (and at least one)");
            }
            if (smoothingOctaves < 0 || maxBoostDb < 0 || maxCutDb < 0) {
                throw new IllegalArgumentException("smoothing, max boost and max cut must not be negative");
            }
            this.log2Hz = new double[bandHz.length];
            for (int i = 0; i < bandHz.length; i++) {
                if (!(bandHz[i] > 0) || (i > 0 && !(bandHz[i] > bandHz[i - 1]))) {
                    throw new IllegalArgumentException("band centres must be positive and ascending: " + Arrays.toString(bandHz));
                }
                if (!Double.isFinite(gainDb[i])) {
                    throw new IllegalArgumentException("gain must be finite at " + bandHz[i] + " Hz");
                }
                log2Hz[i] = Math.log(bandHz[i]) / Math.log(2);
            }
            this.gainDb = gainDb.clone();
            this.smoothingOctaves = smoothingOctaves;
            this.maxBoostDb = maxBoostDb;
            this.maxCutDb = maxCutDb;
        }

        /** The curve with no smoothing and a ±24 dB clamp. */
        public static Curve of(double[] bandHz, double[] gainDb) {
            return new Curve(bandHz, gainDb, 0, 24, 24);
        }

        private double interpolated(double log2) {
            int n = log2Hz.length;
            if (log2 <= log2Hz[0]) {
                return gainDb[0];
            }
            if (log2 >= log2Hz[n - 1]) {
                return gainDb[n - 1];
            }
            int i = Arrays.binarySearch(log2Hz, log2);
            if (i >= 0) {
                return gainDb[i];
            }
            int hi = -i - 1;
            int lo = hi - 1;
            double t = (log2 - log2Hz[lo]) / (log2Hz[hi] - log2Hz[lo]);
            return gainDb[lo] + t * (gainDb[hi] - gainDb[lo]);
        }

        /** The designed target gain in dB at a frequency (0 Hz takes the value of the lowest band). */
        public double gainDb(double hz) {
            double l = hz > 0 ? Math.log(hz) / Math.log(2) : Double.NEGATIVE_INFINITY;
            double v;
            if (smoothingOctaves > 0 && hz > 0) {
                // Exact mean of the piecewise-linear curve over the window: trapezoids between breakpoints.
                double a = l - smoothingOctaves / 2;
                double b = l + smoothingOctaves / 2;
                double sum = 0;
                double x0 = a;
                double y0 = interpolated(a);
                for (double x1 : log2Hz) {
                    if (x1 > a && x1 < b) {
                        double y1 = interpolated(x1);
                        sum += (x1 - x0) * (y0 + y1) / 2;
                        x0 = x1;
                        y0 = y1;
                    }
                }
                sum += (b - x0) * (y0 + interpolated(b)) / 2;
                v = sum / smoothingOctaves;
            } else {
                v = interpolated(l);
            }
            return Math.max(-maxCutDb, Math.min(maxBoostDb, v));
        }
    }

    /** An odd tap count for a rate: 4097 at 48 kHz, in proportion elsewhere (3765 at 44.1 kHz, 8193 at 96 kHz). */
    public static int defaultTaps(double rate) {
        return 2 * (int) Math.round(2048 * rate / 48000.0) + 1;
    }

    /**
     * The symmetric, windowed impulse response of N (odd) taps for a curve: h[(N−1)/2 + k] = h[(N−1)/2 − k]
     * exactly.
     */
    public static double[] design(double rate, int taps, Curve curve) {
        if (taps < 3 || taps % 2 == 0) {
            throw new IllegalArgumentException("taps must be odd and at least 3: " + taps);
        }
        int size = Integer.highestOneBit(taps - 1) * 2 * DESIGN_OVERSAMPLING;
        int bins = size / 2 + 1;
        double[] targetDb = new double[bins];
        for (int k = 0; k < bins; k++) {
            targetDb[k] = curve.gainDb(k * rate / size);
        }
        DoubleFFT_1D fft = new DoubleFFT_1D(size);
        double[] aimDb = targetDb.clone();
        double[] best = null;
        double bestErrorDb = Double.POSITIVE_INFINITY;
        double[] spec = new double[size];
        int from = (int) Math.ceil(20.0 * size / rate); // judge the error from 20 Hz up
        for (int pass = 0; pass <= CORRECTION_PASSES; pass++) {
            double[] h = windowedKernel(fft, aimDb, size, taps);
            // Response of the windowed kernel on the design grid (zero phase: real).
            Arrays.fill(spec, 0);
            int half = (taps - 1) / 2;
            spec[0] = h[half];
            for (int k = 1; k <= half; k++) {
                spec[k] = h[half + k];
                spec[size - k] = h[half - k];
            }
            fft.realForward(spec);
            double[] errDb = new double[bins];
            double maxErrorDb = 0;
            for (int k = 0; k < bins; k++) {
                double re = k == 0 ? spec[0] : k == bins - 1 ? spec[1] : spec[2 * k];
                errDb[k] = targetDb[k] - 20 * Math.log10(Math.max(Math.abs(re), 1e-6));
                if (k >= from) {
                    maxErrorDb = Math.max(maxErrorDb, Math.abs(errDb[k]));
                }
            }
            // A pass is kept only if it lowers the largest error: detail finer than the taps resolve would
            // otherwise be chased into growing ripple.
            if (maxErrorDb >= bestErrorDb) {
                break;
            }
            best = h;
            bestErrorDb = maxErrorDb;
            for (int k = 0; k < bins; k++) {
                aimDb[k] = Math.max(targetDb[k] - MAX_CORRECTION_DB, Math.min(targetDb[k] + MAX_CORRECTION_DB, aimDb[k] + errDb[k]));
            }
        }
        return best;
    }

    private static double[] windowedKernel(DoubleFFT_1D fft, double[] aimDb, int size, int taps) {
        double[] spec = new double[size];
        int bins = size / 2 + 1;
        // JTransforms real packing: [0] DC, [1] Nyquist, then (re, im) pairs; zero phase: im = 0.
        spec[0] = Math.pow(10, aimDb[0] / 20);
        spec[1] = Math.pow(10, aimDb[bins - 1] / 20);
        for (int k = 1; k < bins - 1; k++) {
            spec[2 * k] = Math.pow(10, aimDb[k] / 20);
        }
        fft.realInverse(spec, true);
        int half = (taps - 1) / 2;
        double[] h = new double[taps];
        for (int k = 0; k <= half; k++) {
            // The circular response is even; average both sides so the symmetry is exact, then window.
            double v = k == 0 ? spec[0] : 0.5 * (spec[k] + spec[size - k]);
            double w = blackman(half + k, taps);
            h[half + k] = v * w;
            h[half - k] = v * w;
        }
        return h;
    }

    /**
     * Blackman window value at n of N, the N inner points of a Blackman window of N+2 (so no tap is wasted on
     * a zero end), computed from the centre so that w(n) = w(N−1−n) exactly.
     */
    static double blackman(int n, int length) {
        double m = length - 1;
        double x = Math.abs(n - m / 2) / (length + 1); // 0 at the centre, just under 0.5 at the ends
        double a = 2 * Math.PI * (x + 0.5);
        return 0.42 - 0.5 * Math.cos(a) + 0.08 * Math.cos(2 * a);
    }

    /**
     * @param rate sample rate in Hz
     * @param channels channel count
     * @param taps odd FIR length (see {@link #defaultTaps})
     * @param mid the curve for every channel, or for the mid signal in mid/side mode
     * @param side the side curve (mid/side mode, stereo only), or null
     */
    public MatchingEq(double rate, int channels, int taps, Curve mid, Curve side) {
        if (side != null && channels != 2) {
            throw new IllegalArgumentException("mid/side needs two channels, not " + channels);
        }
        this.rate = rate;
        this.channels = channels;
        this.taps = taps;
        this.mid = java.util.Objects.requireNonNull(mid, "mid");
        this.side = side;
        this.midKernel = design(rate, taps, mid);
        this.sideKernel = side == null ? null : design(rate, taps, side);
        int p = FirConvolver.defaultPartition(taps);
        this.convolvers = new FirConvolver[channels];
        for (int c = 0; c < channels; c++) {
            convolvers[c] = new FirConvolver(side != null && c == 1 ? sideKernel : midKernel, p);
        }
    }

    public boolean midSide() {
        return side != null;
    }

    public int taps() {
        return taps;
    }

    public double rate() {
        return rate;
    }

    /** (N−1)/2: the group delay at every frequency. */
    public int latencySamples() {
        return (taps - 1) / 2;
    }

    public double[] midKernel() {
        return midKernel.clone();
    }

    /** The side kernel, or null when not in mid/side mode. */
    public double[] sideKernel() {
        return sideKernel == null ? null : sideKernel.clone();
    }

    /** The designed target in dB (of the mid curve, or of the side curve when {@code sideCurve}). */
    public double targetDb(double hz, boolean sideCurve) {
        return (sideCurve ? side : mid).gainDb(hz);
    }

    /**
     * Magnitude of a kernel in dB at a frequency, from its taps: with the delay removed the response is
     * real, A(ω) = h[c] + 2·Σ h[c+k]·cos(ωk).
     */
    public static double magnitudeDb(double[] kernel, double hz, double rate) {
        int c = (kernel.length - 1) / 2;
        double w = 2 * Math.PI * hz / rate;
        double a = kernel[c];
        for (int k = 1; k <= c; k++) {
            a += 2 * kernel[c + k] * Math.cos(w * k);
        }
        return 20 * Math.log10(Math.abs(a));
    }

    public void process(float[][] x, int n) {
        if (side == null) {
            if (channels == 2 && x.length >= 2 && n >= Both.MIN_SAMPLES) {
                Both.run(() -> convolvers[0].process(x[0], 0, n), () -> convolvers[1].process(x[1], 0, n));
                return;
            }
            for (int c = 0; c < channels && c < x.length; c++) {
                convolvers[c].process(x[c], 0, n);
            }
            return;
        }
        if (mScratch.length < n) {
            mScratch = new float[n];
            sScratch = new float[n];
        }
        float[] l = x[0];
        float[] r = x[1];
        for (int i = 0; i < n; i++) {
            mScratch[i] = (float) ((l[i] + (double) r[i]) * 0.5);
            sScratch[i] = (float) ((l[i] - (double) r[i]) * 0.5);
        }
        float[] m = mScratch;
        float[] sd = sScratch;
        if (n >= Both.MIN_SAMPLES) { // mid and side convolvers share nothing: both at once
            Both.run(() -> convolvers[0].process(m, 0, n), () -> convolvers[1].process(sd, 0, n));
        } else {
            convolvers[0].process(m, 0, n);
            convolvers[1].process(sd, 0, n);
        }
        for (int i = 0; i < n; i++) {
            l[i] = mScratch[i] + sScratch[i];
            r[i] = mScratch[i] - sScratch[i];
        }
    }
}
