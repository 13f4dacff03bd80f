package topdown.analysis;

import topdown.dsp.KWeighting;
import topdown.dsp.TruePeakDetector;

/**
 * Streaming ITU-R BS.1770-4 / EBU R128 meter (EBU Tech 3341 and 3342): K-weighted mean square per
 * 100 ms step, momentary (400 ms, its maximum evaluated every 10 ms) and short-term (3 s) loudness, integrated loudness with the absolute
 * (-70 LUFS) and relative (-10 LU) gates, loudness range from short-term values at 10 Hz with the
 * -70 LUFS and -20 LU gates (10th to 95th percentile), sample peak and true peak.
 *
 * <p>Memory is constant in the signal's length: gated blocks are kept in histograms of 0.005 LU bins
 * from -70 to +10 LUFS holding each bin's summed energy and count, so the integrated value uses exact
 * energies and the gates fall on a bin edge at most 0.005 LU from the exact threshold.
 *
 * <p>Channel weights: 1.0 for front channels, 1.41 (+1.5 dB) for surrounds, 0 for LFE; layouts up to
 * 5.1 in the order L, R, C, LFE, Ls, Rs.
 */
public final class LoudnessMeter {
    private static final double BIN = 0.005;
    private static final double LOW = -70.0;
    private static final int BINS = (int) Math.round((10.0 - LOW) / BIN);
    private final int channels;
    private final int rate;
    private final double[] weights;
    private final KWeighting.State[] filters;
    private final TruePeakDetector[] truePeaks;
    private final int step; // samples per 100 ms
    private final double[] subBlocks = new double[30]; // weighted energy sums of the last 30 steps
    // Momentary loudness is evaluated every tenth of a step (10 ms): its maximum must not depend on
    // where a 400 ms window falls on the 100 ms grid (EBU Tech 3341 cases 13 and 14).
    private final int[] fineEnd = new int[10]; // ends of the tenths within a step
    private final double[] fineEnergy = new double[40]; // the last 40 tenths = 4 steps = 400 ms
    private int finePos;
    private long fineCount;
    private int fineIdx;
    private double fineAcc;
    private int subCount;
    private int subPos;
    private double stepEnergy;
    private int stepFill;
    private double samplePeak;
    private final double[] sums = new double[2];
    private long samples;
    private double momentaryMax = Double.NEGATIVE_INFINITY;
    private double shortTermMax = Double.NEGATIVE_INFINITY;
    private final double[] intEnergy = new double[BINS];
    private final long[] intCount = new long[BINS];
    private final double[] stEnergy = new double[BINS];
    private final long[] stCount = new long[BINS];
    private final java.util.List<Float> shortTermSeries;

    public LoudnessMeter(int channels, int rate) {
        this(channels, rate, false);
    }

    /** With {@code keepShortTerm}, the short-term loudness at 10 Hz is kept for plots (grows 40 bytes/s). */
    public LoudnessMeter(int channels, int rate, boolean keepShortTerm) {
        this(channels, rate, keepShortTerm, true);
    }

    /**
     * Without {@code truePeak}, no true-peak detectors run ({@link #result(double)} takes the true peak
     * measured elsewhere, e.g. on another thread).
     */
    LoudnessMeter(int channels, int rate, boolean keepShortTerm, boolean truePeak) {
        if (channels < 1 || channels > 64 || rate < 8000 || rate > 768000) {
            throw new IllegalArgumentException("meter needs 1..64 channels and 8..768 kHz");
        }
        this.channels = channels;
        this.rate = rate;
        this.weights = weights(channels);
        KWeighting k = new KWeighting(rate);
        this.filters = new KWeighting.State[channels];
        this.truePeaks = new TruePeakDetector[truePeak ? channels : 0];
        for (int c = 0; c < channels; c++) {
            filters[c] = k.newState();
            if (truePeak) {
                truePeaks[c] = new TruePeakDetector(rate);
            }
        }
        this.step = rate / 10;
        for (int j = 0; j < 10; j++) {
            fineEnd[j] = (int) ((long) step * (j + 1) / 10);
        }
        this.shortTermSeries = keepShortTerm ? new java.util.ArrayList<>() : null;
    }

    static double[] weights(int channels) {
        double[] w = new double[channels];
        java.util.Arrays.fill(w, 1.0);
        if (channels == 6) {
            w[3] = 0.0;
            w[4] = 1.41;
            w[5] = 1.41;
        } else if (channels == 5) {
            w[3] = 1.41;
            w[4] = 1.41;
        }
        return w;
    }

    public void accept(float[][] block, int frames) {
        for (int c = 0; c < truePeaks.length; c++) {
            truePeaks[c].accept(block[c], 0, frames);
        }
        for (int c = 0; c < channels; c++) {
            float[] x = block[c];
            // Largest |sample| on the float bits (branch free; NaN, whose bits are above infinity's, is skipped).
            int m = 0;
            for (int i = 0; i < frames; i++) {
                int a = Float.floatToRawIntBits(x[i]) & 0x7FFFFFFF;
                m = Math.max(m, a > 0x7F800000 ? 0 : a);
            }
            double a = Float.intBitsToFloat(m);
            if (a > samplePeak) {
                samplePeak = a;
            }
        }
        int off = 0;
        while (off < frames) {
            int n = Math.min(frames - off, fineEnd[fineIdx] - stepFill);
            if (channels == 2) {
                KWeighting.sumOfSquares2(filters[0], filters[1], block[0], block[1], off, n, sums);
                fineAcc += weights[0] * sums[0];
                fineAcc += weights[1] * sums[1];
            } else {
                for (int c = 0; c < channels; c++) {
                    float[] x = block[c];
                    if (weights[c] != 0) {
                        fineAcc += weights[c] * filters[c].sumOfSquares(x, off, n);
                    } else {
                        filters[c].sumOfSquares(x, off, n);
                    }
                }
            }
            stepFill += n;
            off += n;
            samples += n;
            if (stepFill == fineEnd[fineIdx]) {
                completeTenth();
            }
            if (stepFill == step) {
                completeStep();
            }
        }
    }

    private void completeTenth() {
        stepEnergy += fineAcc;
        fineEnergy[finePos] = fineAcc;
        finePos = (finePos + 1) % fineEnergy.length;
        fineAcc = 0;
        fineIdx = (fineIdx + 1) % 10;
        if (++fineCount >= fineEnergy.length) {
            double sum = 0;
            for (double e : fineEnergy) {
                sum += e;
            }
            momentaryMax = Math.max(momentaryMax, lufs(sum / (4.0 * step)));
        }
    }

    private void completeStep() {
        subBlocks[subPos] = stepEnergy;
        subPos = (subPos + 1) % subBlocks.length;
        subCount++;
        stepEnergy = 0;
        stepFill = 0;
        if (subCount >= 4) {
            double e = mean(4);
            add(intEnergy, intCount, lufs(e), e);
        }
        if (subCount >= 30) {
            double e = mean(30);
            double l = lufs(e);
            shortTermMax = Math.max(shortTermMax, l);
            add(stEnergy, stCount, l, e);
            if (shortTermSeries != null) {
                shortTermSeries.add((float) l);
            }
        } else if (shortTermSeries != null) {
            shortTermSeries.add(Float.NaN);
        }
    }

    private double mean(int steps) {
        double sum = 0;
        for (int k = 1; k <= steps; k++) {
            sum += subBlocks[(subPos - k + subBlocks.length) % subBlocks.length];
        }
        return sum / (steps * (double) step);
    }

    private static double lufs(double energy) {
        return energy <= 0 ? Double.NEGATIVE_INFINITY : -0.691 + 10 * Math.log10(energy);
    }

    private static void add(double[] energy, long[] count, double l, double e) {
        if (!(l >= LOW)) {
            return; // absolute gate
        }
        int b = (int) Math.min(BINS - 1, Math.floor((l - LOW) / BIN));
        energy[b] += e;
        count[b]++;
    }

    private static int bin(double l) {
        return (int) Math.max(0, Math.min(BINS, Math.ceil((l - LOW) / BIN)));
    }

    private double integrated() {
        double sum = 0;
        long n = 0;
        for (int b = 0; b < BINS; b++) {
            sum += intEnergy[b];
            n += intCount[b];
        }
        if (n == 0) {
            return Double.NaN;
        }
        double relGate = lufs(sum / n) - 10;
        sum = 0;
        n = 0;
        for (int b = bin(relGate); b < BINS; b++) {
            sum += intEnergy[b];
            n += intCount[b];
        }
        return n == 0 ? Double.NaN : lufs(sum / n);
    }

    private double range() {
        double sum = 0;
        long n = 0;
        for (int b = 0; b < BINS; b++) {
            sum += stEnergy[b];
            n += stCount[b];
        }
        if (n == 0) {
            return Double.NaN;
        }
        double relGate = lufs(sum / n) - 20;
        long total = 0;
        int first = bin(relGate);
        for (int b = first; b < BINS; b++) {
            total += stCount[b];
        }
        if (total == 0) {
            return Double.NaN;
        }
        return percentile(first, total, 0.95) - percentile(first, total, 0.10);
    }

    /** Loudness at the given fraction of the gated short-term values (bin centre). */
    private double percentile(int first, long total, double q) {
        // Nearest rank as in the Tech 3342 reference code: sorted[round((n - 1) p)] (0-based).
        long target = Math.round((total - 1) * q);
        long seen = 0;
        for (int b = first; b < BINS; b++) {
            seen += stCount[b];
            if (seen > target) {
                return LOW + (b + 0.5) * BIN;
            }
        }
        return LOW + BINS * BIN;
    }

    public LoudnessResult result() {
        double tp = 0;
        for (TruePeakDetector d : truePeaks) {
            tp = Math.max(tp, d.peak());
        }
        return result(tp);
    }

    /** The result with a true peak (linear) measured by other detectors. */
    LoudnessResult result(double tp) {
        return new LoudnessResult(integrated(), range(), finite(momentaryMax), finite(shortTermMax),
                20 * Math.log10(samplePeak), 20 * Math.log10(tp), samples / (double) rate);
    }

    private static double finite(double v) {
        return v == Double.NEGATIVE_INFINITY || !(v >= LOW) ? Double.NaN : v;
    }

    /** Short-term loudness at 10 Hz (NaN before the first 3 s), when kept. */
    public float[] shortTermSeries() {
        if (shortTermSeries == null) {
            return new float[0];
        }
        float[] out = new float[shortTermSeries.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = shortTermSeries.get(i);
        }
        return out;
    }
}
