package topdown.mix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import topdown.analysis.SpectrumAnalyzer;
import topdown.dsp.Compressor;
import topdown.dsp.MatchingEq;
import topdown.dsp.MultibandProcessor;
import topdown.dsp.MultibandSplit;
import topdown.model.Insert;
import topdown.render.BlockProcessor;

class TopDownProcessorsDspTest {
    static final double[] HZ = SpectrumAnalyzer.THIRD_OCTAVES;

    static float[][] noise(int channels, int n, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[channels][n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < channels; c++) {
                x[c][i] = (float) (0.3 * r.nextGaussian());
            }
        }
        return x;
    }

    static void run(BlockProcessor p, float[][] x, int block) {
        int n = x[0].length;
        for (int off = 0; off < n; off += block) {
            int k = Math.min(block, n - off);
            float[][] b = new float[x.length][];
            for (int c = 0; c < x.length; c++) {
                b[c] = java.util.Arrays.copyOfRange(x[c], off, off + k);
            }
            p.process(b, k);
            for (int c = 0; c < x.length; c++) {
                System.arraycopy(b[c], 0, x[c], off, k);
            }
        }
    }

    @Test
    void matchEqInsertEncodesTheCurvesAndRunsTheMatchingEq() {
        double[] mid = new double[HZ.length];
        double[] side = new double[HZ.length];
        for (int i = 0; i < HZ.length; i++) {
            mid[i] = 3 * Math.sin(i / 4.0);
            side[i] = HZ[i] < 150 ? -10 : 1;
        }
        Insert ins = TopDownProcessors.matchEq(HZ, mid, side);
        assertEquals(TopDownProcessors.MATCH_EQ, ins.topdownProcessor());
        assertEquals(mid[1], ins.parameters().get("mid@31.5"), 0);
        assertEquals(side[16], ins.parameters().get("side@1000"), 0);
        BlockProcessor p = TopDownProcessors.factory().create(ins, 2, 48000);
        assertNotNull(p);
        assertEquals(2048, p.latencySamples(), "(4097 - 1) / 2 at 48 kHz");
        assertEquals(4096, TopDownProcessors.factory().create(ins, 2, 96000).latencySamples());
        MatchingEq direct = new MatchingEq(48000, 2, 4097, new MatchingEq.Curve(HZ, mid, 0, 12, 12),
                new MatchingEq.Curve(HZ, side, 0, 12, 12));
        float[][] a = noise(2, 20000, 5);
        float[][] b = {a[0].clone(), a[1].clone()};
        run(p, a, 100);
        direct.process(b, b[0].length);
        assertArrayEquals(b[0], a[0]);
        assertArrayEquals(b[1], a[1]);
        // Taps from the insert; a mono track ignores the side curve.
        java.util.Map<String, Double> params = new java.util.LinkedHashMap<>(ins.parameters());
        params.put("taps", 1025.0);
        Insert shorter = new Insert(ins.name(), ins.kind(), false, true, ins.pluginId(), params, null, ins.topdownProcessor(), null);
        assertEquals(512, TopDownProcessors.factory().create(shorter, 1, 48000).latencySamples());
        float[][] m = noise(1, 5000, 9);
        float[][] m2 = {m[0].clone()};
        run(TopDownProcessors.factory().create(shorter, 1, 48000), m, 4096);
        new MatchingEq(48000, 1, 1025, new MatchingEq.Curve(HZ, mid, 0, 12, 12), null).process(m2, 5000);
        assertArrayEquals(m2[0], m[0]);
    }

    @Test
    void multibandInsertsRunTheMultibandProcessor() {
        double[] xo = {120, 1000, 6000};
        Insert ins = TopDownProcessors.multiband(xo, new double[] {0, -2, 1, 0}, new double[] {0, 1, 1.2, 1.4});
        assertEquals(1000.0, ins.parameters().get("crossoverHz@2"), 0);
        BlockProcessor p = TopDownProcessors.factory().create(ins, 2, 44100);
        assertEquals(0, p.latencySamples());
        MultibandProcessor direct = new MultibandProcessor(new MultibandSplit(44100, 2, xo), 2, new double[] {0, -2, 1, 0},
                new double[] {0, 1, 1.2, 1.4}, null);
        float[][] a = noise(2, 10000, 3);
        float[][] b = {a[0].clone(), a[1].clone()};
        run(p, a, 777);
        direct.process(b, 10000);
        assertArrayEquals(b[0], a[0]);
        assertArrayEquals(b[1], a[1]);

        Insert comp = TopDownProcessors.multibandCompressor(new double[] {200}, new double[] {-30, -20}, new double[] {4, 2}, 5, 80);
        assertEquals(-20.0, comp.parameters().get("thresholdDb@1"), 0);
        BlockProcessor pc = TopDownProcessors.factory().create(comp, 1, 48000);
        MultibandProcessor dc = new MultibandProcessor(new MultibandSplit(48000, 1, 200), 1, new double[2], new double[] {1, 1},
                new Compressor[] {new Compressor(48000, 1, -30, 4, 6, 5, 80, 0, true, 0),
                    new Compressor(48000, 1, -20, 2, 6, 5, 80, 0, true, 0)});
        float[][] c = noise(1, 10000, 4);
        float[][] d = {c[0].clone()};
        run(pc, c, 10000);
        dc.process(d, 10000);
        assertArrayEquals(d[0], c[0]);
        double in = 0;
        double out = 0;
        float[][] orig = noise(1, 10000, 4);
        for (int i = 5000; i < 10000; i++) {
            in += orig[0][i] * orig[0][i];
            out += c[0][i] * c[0][i];
        }
        assertTrue(out < in / 2, "noise at -10 dBFS RMS is compressed in both bands");
    }

    /** Steady-state RMS of the last half of a signal. */
    static double rms(double[] x) {
        double sum = 0;
        for (int i = x.length / 2; i < x.length; i++) {
            sum += x[i] * x[i];
        }
        return Math.sqrt(sum / (x.length - x.length / 2));
    }

    @Test
    void widthStageScalesTheSideBelowItsCrossoverAsTheLr4FormulaSaysAndSumsFlatAtDepthZero() {
        int rate = 48000;
        double xo = 120;
        topdown.dsp.LinkwitzRiley lr = new topdown.dsp.LinkwitzRiley(rate, xo, 1);
        for (double depth : new double[] {0, 0.4, 1}) {
            Insert ins = TopDownProcessors.width(xo, depth);
            assertEquals(TopDownProcessors.WIDTH, ins.topdownProcessor());
            assertEquals(depth, ins.parameters().get("depth"), 0);
            for (double hz : new double[] {30, 60, 120, 240, 1000}) {
                // A left-only sine: mid and side are the same signal, so the output's side/mid ratio is the side path's
                // gain against the mid path's allpass (|AP| = 1): |high + (1 - depth)·low| from the LR4 coefficients.
                int n = 96000;
                float[][] x = new float[2][n];
                for (int i = 0; i < n; i++) {
                    x[0][i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / rate));
                }
                run(TopDownProcessors.factory().create(ins, 2, rate), x, 1000);
                double[] mid = new double[n];
                double[] side = new double[n];
                for (int i = 0; i < n; i++) {
                    mid[i] = (x[0][i] + (double) x[1][i]) / 2;
                    side[i] = (x[0][i] - (double) x[1][i]) / 2;
                }
                double inRms = 0.25 / Math.sqrt(2);
                assertEquals(1.0, rms(mid) / inRms, 1e-3, "mid passes at unity (allpass) at " + hz + " Hz");
                double[] lo = lr.lowResponse(hz);
                double[] hi = lr.highResponse(hz);
                double re = hi[0] + (1 - depth) * lo[0];
                double im = hi[1] + (1 - depth) * lo[1];
                double expected = Math.hypot(re, im);
                assertEquals(expected, rms(side) / inRms, 2e-3, "side gain at " + hz + " Hz, depth " + depth);
                if (depth == 0) {
                    // Low and high of an LR4 sum to an allpass: the left and right outputs keep the input's magnitude.
                    assertEquals(0.5 / Math.sqrt(2), rms(toDouble(x[0])), 1e-3, "flat left at " + hz + " Hz");
                    assertEquals(0, rms(toDouble(x[1])), 1e-3, "nothing leaks into the right at " + hz + " Hz");
                }
            }
        }
        // Measured: at depth 1 the side at 40 Hz is the LR4 high-pass alone ((40/120)^4, about -38 dB), at 0.4 it keeps 0.6 of it.
        double[] lo40 = lr.lowResponse(40);
        double[] hi40 = lr.highResponse(40);
        assertEquals(Math.pow(40.0 / 120, 4), Math.hypot(hi40[0], hi40[1]), 2e-3, "LR4 high-pass: (f/fc)^4 well below fc");
        assertEquals(0.6, Math.hypot(hi40[0] + 0.6 * lo40[0], hi40[1] + 0.6 * lo40[1]), 0.01);
        assertTrue(TopDownProcessors.factory().create(TopDownProcessors.width(xo, 1), 1, rate) == null,
                "mono tracks have no side: no width stage");
    }

    static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }
}
