package topdown.analysis;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Streaming long-term spectrum (Welch: 8192-point Hann windows, 50% overlap) of the mid (L+R)/2 and side
 * (L-R)/2 signals (mono input: mid only), and per-frame energies in critical (Bark) bands at ~10 Hz for
 * masking analysis. Power is averaged per bin; bands are summed from bins.
 */
public final class SpectrumAnalyzer {
    public static final int N = 8192;
    /** Third-octave centre frequencies (ISO 266) used for spectra. */
    public static final double[] THIRD_OCTAVES = {25, 31.5, 40, 50, 63, 80, 100, 125, 160, 200, 250, 315, 400, 500, 630,
        800, 1000, 1250, 1600, 2000, 2500, 3150, 4000, 5000, 6300, 8000, 10000, 12500, 16000, 20000};
    /** Critical band (Bark) edges in Hz (Zwicker). */
    public static final double[] BARK_EDGES = {20, 100, 200, 300, 400, 510, 630, 770, 920, 1080, 1270, 1480, 1720, 2000,
        2320, 2700, 3150, 3700, 4400, 5300, 6400, 7700, 9500, 12000, 15500, 20000};
    private final int rate;
    private final boolean stereo;
    private final DoubleFFT_1D fft = new DoubleFFT_1D(N);
    private final double[] window = new double[N];
    private final double[] midBuf = new double[N];
    private final double[] sideBuf = new double[N];
    private int fill;
    private final double[] midPower = new double[N / 2 + 1];
    private final double[] sidePower = new double[N / 2 + 1];
    private long frames;
    private final java.util.List<float[]> barkFrames = new java.util.ArrayList<>();
    private final boolean keepBark;
    private final double[] work = new double[N];
    private final int[] barkOfBin = new int[N / 2 + 1]; // critical band of each bin, -1 outside 20 Hz..20 kHz

    public SpectrumAnalyzer(int rate, int channels, boolean keepBarkFrames) {
        this.rate = rate;
        this.stereo = channels >= 2;
        this.keepBark = keepBarkFrames;
        for (int i = 0; i < N; i++) {
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / N);
        }
        for (int k = 0; k <= N / 2; k++) {
            barkOfBin[k] = barkIndex(k * (double) rate / N);
        }
    }

    public void accept(float[][] block, int n) {
        for (int i = 0; i < n; i++) {
            double l = block[0][i];
            double r = stereo ? block[1][i] : l;
            midBuf[fill] = (l + r) / 2;
            sideBuf[fill] = (l - r) / 2;
            fill++;
            if (fill == N) {
                analyse();
                System.arraycopy(midBuf, N / 2, midBuf, 0, N / 2);
                System.arraycopy(sideBuf, N / 2, sideBuf, 0, N / 2);
                fill = N / 2;
            }
        }
    }

    private void analyse() {
        float[] bark = keepBark ? new float[BARK_EDGES.length - 1] : null;
        spectrum(midBuf, midPower, bark);
        if (stereo) {
            spectrum(sideBuf, sidePower, null);
        }
        frames++;
        if (keepBark) {
            barkFrames.add(bark);
        }
    }

    private void spectrum(double[] x, double[] acc, float[] bark) {
        for (int i = 0; i < N; i++) {
            work[i] = x[i] * window[i];
        }
        fft.realForward(work);
        // Scale so a full-scale sine's bin power sums to its mean square (Hann: coherent gain 0.5, ENBW 1.5).
        double scale = 2.0 / (N * N * 0.375);
        for (int k = 0; k <= N / 2; k++) {
            double re;
            double im;
            if (k == 0) {
                re = work[0];
                im = 0;
            } else if (k == N / 2) {
                re = work[1];
                im = 0;
            } else {
                re = work[2 * k];
                im = work[2 * k + 1];
            }
            double p = (re * re + im * im) * scale * (k == 0 || k == N / 2 ? 0.5 : 1);
            acc[k] += p;
            if (bark != null) {
                int b = barkOfBin[k];
                if (b >= 0) {
                    bark[b] += (float) p;
                }
            }
        }
    }

    static int barkIndex(double hz) {
        if (hz < BARK_EDGES[0] || hz >= BARK_EDGES[BARK_EDGES.length - 1]) {
            return -1;
        }
        for (int b = 0; b < BARK_EDGES.length - 1; b++) {
            if (hz < BARK_EDGES[b + 1]) {
                return b;
            }
        }
        return -1;
    }

    /** Mean power summed over [lo, hi) Hz, in dB (mid or side). */
    public double bandDb(double lo, double hi, boolean side) {
        double[] p = side ? sidePower : midPower;
        if (frames == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double sum = 0;
        for (int k = 0; k <= N / 2; k++) {
            double hz = k * (double) rate / N;
            if (hz >= lo && hz < hi) {
                sum += p[k];
            }
        }
        sum /= frames;
        return sum <= 0 ? -200 : 10 * Math.log10(sum);
    }

    /** Third-octave band levels of the mid signal (or side), dB. */
    public double[] thirdOctaves(boolean side) {
        double[] out = new double[THIRD_OCTAVES.length];
        for (int i = 0; i < out.length; i++) {
            double f = THIRD_OCTAVES[i];
            out[i] = bandDb(f / Math.pow(2, 1 / 6.0), Math.min(f * Math.pow(2, 1 / 6.0), rate / 2.0), side);
        }
        return out;
    }

    /** A 1/6-octave smoothed curve at 120 log-spaced points from 20 Hz to 20 kHz: {hz[], db[]}. */
    public double[][] smoothCurve() {
        int pts = 120;
        double[] hz = new double[pts];
        double[] db = new double[pts];
        for (int i = 0; i < pts; i++) {
            hz[i] = 20 * Math.pow(1000, i / (double) (pts - 1));
            db[i] = bandDb(hz[i] / Math.pow(2, 1 / 12.0), hz[i] * Math.pow(2, 1 / 12.0), false);
        }
        return new double[][] {hz, db};
    }

    public java.util.List<float[]> barkFrames() {
        return barkFrames;
    }

    public int sampleRate() {
        return rate;
    }
}
