package topdown.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MultibandProcessorTest {
    static final double RATE = 48000;
    static final double[] XO = {150, 2000};
    static final int LENGTH = LinkwitzRileyTest.LENGTH;

    static float[][] impulse(MultibandProcessor p, float left, float right) {
        float[][] x = new float[2][LENGTH];
        x[0][0] = left;
        x[1][0] = right;
        for (int off = 0; off < LENGTH; off += 4096) {
            int n = Math.min(4096, LENGTH - off);
            float[][] blk = {java.util.Arrays.copyOfRange(x[0], off, off + n), java.util.Arrays.copyOfRange(x[1], off, off + n)};
            p.process(blk, n);
            System.arraycopy(blk[0], 0, x[0], off, n);
            System.arraycopy(blk[1], 0, x[1], off, n);
        }
        return x;
    }

    /** |Σ g_j·band_j(f)| in dB from the split's formulas. */
    static double expectedDb(MultibandSplit s, double[] g, double f) {
        double re = 0;
        double im = 0;
        for (int j = 0; j < s.bands(); j++) {
            double[] z = s.bandResponse(j, f);
            re += g[j] * z[0];
            im += g[j] * z[1];
        }
        return 10 * Math.log10(re * re + im * im);
    }

    @Test
    void neutralSettingsAreFlatAndWidthZeroMakesTheLowBandMono() {
        MultibandProcessor neutral = new MultibandProcessor(new MultibandSplit(RATE, 2, XO), 2, new double[3],
                new double[] {1, 1, 1}, null);
        float[][] y = impulse(neutral, 1, 0);
        double flat = LinkwitzRileyTest.worstFlatnessDb(y[0], RATE);
        assertTrue(flat < 0.01, "neutral multiband " + flat);
        MultibandSplit formula = new MultibandSplit(RATE, 1, XO);
        MultibandProcessor monoBass = new MultibandProcessor(new MultibandSplit(RATE, 2, XO), 2, new double[3],
                new double[] {0, 1, 1.5}, null);
        float[][] side = impulse(monoBass, 1, -1);
        float[][] mid = impulse(new MultibandProcessor(new MultibandSplit(RATE, 2, XO), 2, new double[3],
                new double[] {0, 1, 1.5}, null), 1, 1);
        assertTrue(LinkwitzRileyTest.worstFlatnessDb(mid[0], RATE) < 0.01, "mid content is untouched by the widths");
        for (double f : new double[] {40, 150, 500, 2000, 8000}) {
            double want = expectedDb(formula, new double[] {0, 1, 1.5}, f);
            double got = LinkwitzRileyTest.db(LinkwitzRileyTest.dtft(side[0], f, RATE));
            assertEquals(want, got, 1e-3, "side response at " + f);
        }
        double at40 = LinkwitzRileyTest.db(LinkwitzRileyTest.dtft(side[0], 40, RATE));
        double at8k = LinkwitzRileyTest.db(LinkwitzRileyTest.dtft(side[0], 8000, RATE));
        System.out.printf("multiband width {0,1,1.5}: side at 40 Hz %.1f dB, at 8 kHz %.3f dB (20·log10 1.5 = 3.522)%n", at40, at8k);
        assertTrue(at40 < -40, "side at 40 Hz " + at40);
        assertEquals(20 * Math.log10(1.5), at8k, 0.05);
    }

    @Test
    void bandGainsFollowTheFormulaAndACompressorInOneBandLeavesTheOthers() {
        double[] gainDb = {0, -6, 3};
        double[] g = {1, Math.pow(10, -6 / 20.0), Math.pow(10, 3 / 20.0)};
        MultibandProcessor p = new MultibandProcessor(new MultibandSplit(RATE, 1, XO), 1, gainDb, new double[] {1, 1, 1}, null);
        float[][] y = impulse(p, 1, 0);
        MultibandSplit formula = new MultibandSplit(RATE, 1, XO);
        for (double f : new double[] {30, 150, 600, 2000, 10000}) {
            assertEquals(expectedDb(formula, g, f), LinkwitzRileyTest.db(LinkwitzRileyTest.dtft(y[0], f, RATE)), 1e-3, "at " + f);
        }
        // A loud 60 Hz tone and a quiet 6 kHz tone; a compressor on the low band only.
        int n = 48000;
        float[][] x = new float[1][n];
        for (int i = 0; i < n; i++) {
            x[0][i] = (float) (0.5 * Math.sin(2 * Math.PI * 60 * i / RATE) + 0.05 * Math.sin(2 * Math.PI * 6000 * i / RATE));
        }
        float[][] plain = {x[0].clone()};
        float[][] squeezed = {x[0].clone()};
        new MultibandProcessor(new MultibandSplit(RATE, 1, XO), 1, new double[3], new double[] {1, 1, 1}, null).process(plain, n);
        Compressor c = new Compressor(RATE, 1, -30, 4, 0, 5, 50, 0, true, 0);
        new MultibandProcessor(new MultibandSplit(RATE, 1, XO), 1, new double[3], new double[] {1, 1, 1},
                new Compressor[] {c, null, null}).process(squeezed, n);
        double low = 20 * Math.log10(amplitude(squeezed[0], 60) / amplitude(plain[0], 60));
        double high = 20 * Math.log10(amplitude(squeezed[0], 6000) / amplitude(plain[0], 6000));
        // The low band carries the 60 Hz tone at |band0(60)| of 0.5: RMS 0.5·|band0|/√2, so the static curve's gain g
        // applies to that part; the other bands' share of 60 Hz (the 150 Hz high-pass leaks −32 dB) is not
        // compressed. Expected change: |g·b0 + b1 + b2| / |b0 + b1 + b2| at 60 Hz.
        double[] b0 = formula.bandResponse(0, 60);
        double levelDb = 20 * Math.log10(0.5 * Math.hypot(b0[0], b0[1]) / Math.sqrt(2));
        double gLow = Math.pow(10, c.staticGainDb(levelDb) / 20);
        double want = expectedDb(formula, new double[] {gLow, 1, 1}, 60) - expectedDb(formula, new double[] {1, 1, 1}, 60);
        System.out.printf("multiband compressor on the low band: 60 Hz %.3f dB (expected %.3f), 6 kHz %.4f dB%n", low, want, high);
        // The RMS detector (10 ms) ripples at 120 Hz on a 60 Hz tone, so the gain does too: 0.3 dB allowed.
        assertEquals(want, low, 0.3);
        assertEquals(0, high, 0.05, "the high band is not compressed");
    }

    /** Amplitude of a sine component over the second half of a signal (whole cycles: 24000 samples). */
    static double amplitude(float[] x, double hz) {
        double re = 0;
        double im = 0;
        int from = x.length / 2;
        for (int i = from; i < x.length; i++) {
            re += x[i] * Math.cos(2 * Math.PI * hz * i / RATE);
            im += x[i] * Math.sin(2 * Math.PI * hz * i / RATE);
        }
        return 2 * Math.hypot(re, im) / (x.length - from);
    }
}
