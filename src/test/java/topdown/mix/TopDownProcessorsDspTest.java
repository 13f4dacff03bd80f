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
}
