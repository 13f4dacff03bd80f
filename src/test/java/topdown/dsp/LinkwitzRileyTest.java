package topdown.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jtransforms.fft.DoubleFFT_1D;
import org.junit.jupiter.api.Test;

class LinkwitzRileyTest {
    static final int LENGTH = 65536; // 0.68 s at 96 kHz: the slowest pole here (120 Hz, Q 0.71) has τ = 1.9 ms

    /**
     * DTFT of the first 8192 samples of an impulse response: 45 time constants of the slowest pole at 96 kHz,
     * so what is left out is below 1e-19.
     */
    static double[] dtft(float[] h, double hz, double rate) {
        double w = 2 * Math.PI * hz / rate;
        double re = 0;
        double im = 0;
        for (int n = 0; n < Math.min(h.length, 8192); n++) {
            re += h[n] * Math.cos(w * n);
            im -= h[n] * Math.sin(w * n);
        }
        return new double[] {re, im};
    }

    static double db(double[] z) {
        return 10 * Math.log10(z[0] * z[0] + z[1] * z[1]);
    }

    /** Largest |magnitude in dB| of an impulse response over the FFT bins from 20 Hz to 20 kHz. */
    static double worstFlatnessDb(float[] h, double rate) {
        double[] a = new double[LENGTH];
        for (int i = 0; i < h.length; i++) {
            a[i] = h[i];
        }
        new DoubleFFT_1D(LENGTH).realForward(a);
        double worst = 0;
        for (int k = (int) Math.ceil(20.0 * LENGTH / rate); k * rate / LENGTH <= 20000; k++) {
            worst = Math.max(worst, Math.abs(10 * Math.log10(a[2 * k] * a[2 * k] + a[2 * k + 1] * a[2 * k + 1])));
        }
        return worst;
    }

    @Test
    void eachBandIsMinus6dbAtTheCrossoverInPhaseAndTheSumIsTheAllpass() {
        double worstSum = 0;
        double worstCross = 0;
        for (double rate : new double[] {44100, 48000, 96000}) {
            for (double fc : new double[] {120, 1000, 5000}) {
                LinkwitzRiley lr = new LinkwitzRiley(rate, fc, 1);
                float[][] x = new float[1][LENGTH];
                x[0][0] = 1;
                float[][] low = new float[1][LENGTH];
                float[][] high = new float[1][LENGTH];
                // Streaming in blocks of 1000: state carries across calls.
                for (int off = 0; off < LENGTH; off += 1000) {
                    int k = Math.min(1000, LENGTH - off);
                    float[][] in = {java.util.Arrays.copyOfRange(x[0], off, off + k)};
                    float[][] lo = new float[1][k];
                    float[][] hi = new float[1][k];
                    lr.split(in, k, lo, hi);
                    System.arraycopy(lo[0], 0, low[0], off, k);
                    System.arraycopy(hi[0], 0, high[0], off, k);
                }
                double lowDb = db(dtft(low[0], fc, rate));
                double highDb = db(dtft(high[0], fc, rate));
                worstCross = Math.max(worstCross, Math.max(Math.abs(lowDb - 20 * Math.log10(0.5)), Math.abs(highDb - 20 * Math.log10(0.5))));
                assertEquals(-6.0206, lowDb, 1e-3, "low at the crossover " + fc + " @" + rate);
                assertEquals(-6.0206, highDb, 1e-3, "high at the crossover " + fc + " @" + rate);
                // Measured against the formula, and the two outputs in phase (LR property), fc/4 .. 4 fc.
                for (double f = fc / 4; f <= Math.min(4 * fc, 0.45 * rate); f *= 1.5) {
                    double[] l = dtft(low[0], f, rate);
                    double[] h = dtft(high[0], f, rate);
                    double[] lf = lr.lowResponse(f);
                    assertEquals(db(lf), db(l), 1e-4, "low response vs formula at " + f);
                    double diff = Math.atan2(l[1], l[0]) - Math.atan2(h[1], h[0]);
                    assertEquals(0, Math.IEEEremainder(diff, 2 * Math.PI), 1e-4, "low and high in phase at " + f);
                }
                // The sum is the allpass with the Butterworth denominator, sample for sample.
                LinkwitzRiley.Section ap = lr.newAllpass(1);
                double[] apIr = new double[LENGTH];
                apIr[0] = 1;
                ap.run(0, apIr, apIr, LENGTH);
                float[] sum = new float[LENGTH];
                double apErr = 0;
                for (int i = 0; i < LENGTH; i++) {
                    sum[i] = low[0][i] + high[0][i];
                    apErr = Math.max(apErr, Math.abs(apIr[i] - sum[i]));
                }
                assertTrue(apErr < 1e-6, "sum vs allpass, sample by sample: " + apErr);
                worstSum = Math.max(worstSum, worstFlatnessDb(sum, rate));
            }
        }
        System.out.printf("LR4: worst |band - (-6.0206 dB)| at the crossover %.2e dB; low+high flat within %.2e dB (20 Hz-20 kHz)%n",
                worstCross, worstSum);
        assertTrue(worstSum < 0.01, "low + high magnitude " + worstSum);
    }

    @Test
    void threeAndFourBandSplitsSumFlatAt441And48And96k() {
        double worst = 0;
        for (double rate : new double[] {44100, 48000, 96000}) {
            for (double[] xo : new double[][] {{200, 2000}, {120, 1000, 5000}}) {
                MultibandSplit split = new MultibandSplit(rate, 2, xo);
                int k = split.bands();
                float[][] in = new float[2][LENGTH];
                in[0][0] = 1;
                in[1][3] = -0.5f;
                float[][][] bands = new float[k][2][LENGTH];
                int[] blocks = {4096, 1, 333};
                int b = 0;
                for (int off = 0; off < LENGTH; ) {
                    int n = Math.min(blocks[b++ % blocks.length], LENGTH - off);
                    float[][] blk = {java.util.Arrays.copyOfRange(in[0], off, off + n), java.util.Arrays.copyOfRange(in[1], off, off + n)};
                    float[][][] out = new float[k][2][n];
                    split.split(blk, n, out);
                    for (int j = 0; j < k; j++) {
                        for (int c = 0; c < 2; c++) {
                            System.arraycopy(out[j][c], 0, bands[j][c], off, n);
                        }
                    }
                    off += n;
                }
                float[] sum = new float[LENGTH];
                for (int i = 0; i < LENGTH; i++) {
                    for (int j = 0; j < k; j++) {
                        sum[i] += bands[j][0][i];
                    }
                }
                double flat = worstFlatnessDb(sum, rate);
                worst = Math.max(worst, flat);
                System.out.printf("multiband %d bands %s at %.0f Hz: sum flat within %.2e dB%n", k, java.util.Arrays.toString(xo), rate, flat);
                assertTrue(flat < 0.01, k + " bands at " + rate + ": " + flat + " dB");
                // Bands against their formulas (crossover low/high products and compensating allpasses).
                for (int j = 0; j < k; j++) {
                    for (double f : new double[] {50, 300, 1500, 7000}) {
                        double[] want = split.bandResponse(j, f);
                        double[] got = dtft(bands[j][0], f, rate);
                        assertEquals(0, Math.hypot(want[0] - got[0], want[1] - got[1]), 1e-5,
                                "band " + j + " at " + f + " Hz, " + rate);
                    }
                }
                // Without the compensation the lower bands would not sum flat: the formula shows a real error.
                double uncompensated = 0;
                for (double f = 20; f <= 20000; f *= 1.02) {
                    double[] z = new LinkwitzRiley(rate, xo[0], 1).lowResponse(f);
                    for (int j = 1; j < k; j++) {
                        double[] bj = split.bandResponse(j, f);
                        z = new double[] {z[0] + bj[0], z[1] + bj[1]};
                    }
                    uncompensated = Math.max(uncompensated, Math.abs(db(z)));
                }
                assertTrue(uncompensated > 0.1, "compensation matters: " + uncompensated);
                // The second channel (delayed, scaled impulse) follows the same response.
                double chErr = 0;
                for (int j = 0; j < k; j++) {
                    for (int i = 0; i + 3 < LENGTH; i++) {
                        chErr = Math.max(chErr, Math.abs(-0.5f * bands[j][0][i] - bands[j][1][i + 3]));
                    }
                }
                assertTrue(chErr < 1e-7, "channel 2 is channel 1 delayed and scaled: " + chErr);
            }
        }
        System.out.printf("multiband 3/4 bands at 44.1/48/96 kHz: sum flat within %.2e dB from 20 Hz to 20 kHz%n", worst);
    }
}
