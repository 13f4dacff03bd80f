package topdown.mix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import topdown.analysis.DeliveryPreset;
import topdown.analysis.Masking;
import topdown.analysis.SpectrumAnalyzer;
import topdown.analysis.StemAnalysis;
import topdown.audio.io.ArraySource;
import topdown.dsp.Biquad;
import topdown.model.Insert;

class CarveTest {
    static final int RATE = 48000;

    static float[] noise(int n, long seed, double gain) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (gain * r.nextGaussian());
        }
        return x;
    }

    static StemAnalysis stem(String name, float[]... ch) throws Exception {
        return StemAnalysis.of(name, ArraySource.of(RATE, ch));
    }

    @Test
    void bandGainsAgreeWithTheMeasuredBandEnergiesOfFilteredNoise() throws Exception {
        int n = RATE * 8;
        float[] x = noise(n, 1, 0.1);
        float[] y = x.clone();
        new Biquad(Biquad.Type.PEAK, RATE, 1594, 2.2, -4, 1).process(new float[][] {y}, n);
        StemAnalysis a = stem("dry", x);
        StemAnalysis b = stem("cut", y);
        double[] g = Carve.bandGains(Biquad.Type.PEAK, 1594, 2.2, -4, RATE);
        for (int k = 3; k < SpectrumAnalyzer.BARK_EDGES.length - 2; k++) {
            double ea = 0;
            double eb = 0;
            for (int f = 0; f < a.barkFrames.size(); f++) {
                ea += a.barkFrames.get(f)[k];
                eb += b.barkFrames.get(f)[k];
            }
            assertEquals(10 * Math.log10(eb / ea), g[k], 0.3, "band " + SpectrumAnalyzer.BARK_EDGES[k] + " Hz");
        }
        assertTrue(g[11] < -3 && g[11] > -4.01, "1480-1720 Hz, around the centre: " + g[11]);
    }

    @Test
    void theQuieterSourceGivesWayAndThePredictionIsTheMaskingScoreOfTheScaledBands() throws Exception {
        int n = RATE * 6;
        // Two sustained broadband parts, b 3 dB under a everywhere: they meet in every band.
        StemAnalysis a = stem("a", noise(n, 2, 0.1));
        StemAnalysis b = stem("b", noise(n, 3, 0.1 * Math.pow(10, -3 / 20.0)));
        double before = Masking.between("a", a.barkFrames, "b", b.barkFrames).score();
        List<Carve.Move> plan = Carve.plan(a, b, new Carve.Limits(3, 4, 4, 20, 20000, false, 0), 1.0, 0.002);
        assertFalse(plan.isEmpty());
        List<float[]> fb = b.barkFrames;
        double last = before;
        for (Carve.Move m : plan) {
            assertFalse(m.onA(), "cutting the louder one would bring the two closer: " + m);
            assertTrue(m.gainDb() < 0 && m.gainDb() >= -4, "bounded cut: " + m);
            fb = Carve.scale(fb, Carve.bandGains(Biquad.Type.PEAK, m.hz(), m.q(), m.gainDb(), RATE));
            double sc = Masking.between("a", a.barkFrames, "b", fb).score();
            assertEquals(sc, m.predicted(), 1e-12);
            assertTrue(sc < last, "each move lowers the score");
            last = sc;
        }
        // No two cuts on one source in one region of the spectrum.
        for (int i = 0; i < plan.size(); i++) {
            for (int j = i + 1; j < plan.size(); j++) {
                assertTrue(plan.get(i).highHz() <= plan.get(j).lowHz() || plan.get(j).highHz() <= plan.get(i).lowHz());
            }
        }
        // The prediction holds on the real filtered signal (as the render verifies it).
        float[] y = noise(n, 3, 0.1 * Math.pow(10, -3 / 20.0));
        for (Carve.Move m : plan) {
            Insert ins = m.insert();
            TopDownProcessorsDspTest.run(TopDownProcessors.factory().create(ins, 1, RATE), new float[][] {y}, 4096);
        }
        double measured = Masking.between("a", a.barkFrames, "b", stem("b", y).barkFrames).score();
        assertEquals(last, measured, 0.01);
        assertTrue(measured < before - 0.02, before + " -> " + measured);
    }

    @Test
    void masterWidthDepthFollowsTheSideEnergyAndObeysTheWidthSwitch() throws Exception {
        int n = RATE * 4;
        DeliveryPreset spotify = DeliveryPreset.byId("spotify").orElseThrow();
        float[] mid = noise(n, 4, 0.1);
        for (double sideDb : new double[] {-6, -30, -50}) {
            float[] side = noise(n, 5, 0.1 * Math.pow(10, sideDb / 20));
            new Biquad(Biquad.Type.LOW_PASS, RATE, 80, 0.707, 0, 1).process(new float[][] {side}, n);
            float[] l = new float[n];
            float[] r = new float[n];
            for (int i = 0; i < n; i++) {
                l[i] = mid[i] + side[i];
                r[i] = mid[i] - side[i];
            }
            StemAnalysis m = stem("mix", l, r);
            double measured = Math.max(m.midSide.get(0).sideMinusMidDb(), m.midSide.get(1).sideMinusMidDb());
            List<String> why = new ArrayList<>();
            List<Insert> on = new TopDownMix(new MixOptions(List.of(), List.of(), spotify, 1.0, true, true, true, false))
                    .masterWidth(m, why);
            double depth = Math.round(Math.max(0.25, Math.min(1, (measured + 60) / 40)) * 20) / 20.0;
            assertEquals(1, on.size());
            assertEquals(depth, on.get(0).parameters().get("depth"), 1e-9, "side " + measured + " dB");
            assertTrue(why.get(0).contains(String.format(java.util.Locale.ROOT, "%.1f dB (bass)",
                    m.midSide.get(1).sideMinusMidDb())), why.toString());
            assertTrue(new TopDownMix(new MixOptions(List.of(), List.of(), spotify, 1.0, true, true, false, false))
                    .masterWidth(m, new ArrayList<>()).isEmpty(), "--no-width: no width stage");
        }
        // Mono material has no side: nothing to do.
        assertTrue(new TopDownMix(new MixOptions(List.of(), List.of(), spotify, 1.0, true, true, true, false))
                .masterWidth(stem("mono", mid), new ArrayList<>()).isEmpty());
    }
}
