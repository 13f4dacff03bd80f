package topdown.format.ardour;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import topdown.dsp.AceComp;
import topdown.dsp.AceEq;
import topdown.dsp.Biquad;
import topdown.dsp.Compressor;
import topdown.mix.TopDownProcessors;
import topdown.model.Insert;

/**
 * The ACE plugin parameters AcePlugins writes, played through TopDown's models of a-EQ / a-Comp (which null
 * against real Ardour at the float floor, see {@link AceEquivalenceTest}), against TopDown's own processors: the
 * part of the Ardour null that is the formula difference, measured without Ardour.
 */
class AceMappingTest {
    static final int RATE = 48000;

    static Map<String, Double> ports(Insert in, int channels) {
        Map<String, Double> m = new LinkedHashMap<>();
        AcePlugins.of(in, channels, RATE).ports().forEach((k, v) -> m.put(k, Double.parseDouble(v)));
        return m;
    }

    /** RMS of TopDown's output minus the model's, relative to TopDown's output, in dB. */
    static double eqNull(Biquad.Type type, double hz, double q, double gainDb) {
        float[][] a = AceEquivalenceTest.noise(RATE, 7, 0.5);
        float[][] b = {a[0].clone()};
        Insert in = TopDownProcessors.eq(type, hz, q, gainDb);
        new Biquad(type, RATE, hz, q, gainDb, 1).process(a, a[0].length);
        new AceEq(RATE, 1, ports(in, 1)).process(b, b[0].length);
        return relDb(a, b);
    }

    static double relDb(float[][] a, float[][] b) {
        double e = 0;
        double s = 0;
        for (int i = 0; i < a[0].length; i++) {
            double d = a[0][i] - b[0][i];
            e += d * d;
            s += (double) a[0][i] * a[0][i];
        }
        return 10 * Math.log10(Math.max(e, 1e-300) / s);
    }

    @Test
    void eqMappingReproducesRbj() {
        double q = AceEq.SHELF_Q;
        // {type, Hz, Q, dB, bound in dB re signal}
        double[][] cases = {{0, 1000, 1.4, 6, -140}, {0, 80, 1.6, -9, -140}, {0, 6000, 0.7, 3, -140}, {0, 15000, 0.5, 12, -140},
            {1, 120, q, 4, -140}, {1, 300, q, -6, -140}, {2, 8000, q, -5, -140}, {2, 3000, q, 4, -140},
            // a-EQ's shelf Q is fixed: a shelf of another Q keeps a shape difference (measured -89..-105 dB at 0.707).
            {1, 120, 0.707, 4, -80}, {2, 8000, 0.707, -5, -80}};
        for (double[] c : cases) {
            Biquad.Type t = Biquad.Type.values()[(int) c[0]];
            double db = eqNull(t, c[1], c[2], c[3]);
            System.out.printf(java.util.Locale.ROOT, "a-EQ mapping %-10s %6.0f Hz Q %.7f %+5.1f dB: %7.1f dB%n", t, c[1], c[2],
                    c[3], db);
            // Bounds: the same filter up to double/float rounding (measured -155 dB and deeper).
            assertTrue(db < c[4], t + " " + c[1] + " Hz: " + db);
        }
    }

    /** A TopDown compressor insert with some parameters replaced. */
    static Insert comp(double thr, double ratio, double att, double rel, double makeup, double rms, double scHz) {
        Insert c = TopDownProcessors.compressor(thr, ratio, att, rel, makeup);
        Map<String, Double> p = new LinkedHashMap<>(c.parameters());
        p.put("rms", rms);
        p.put("sidechainHpHz", scHz);
        return new Insert(c.name(), c.kind(), false, true, c.pluginId(), p, null, c.topdownProcessor(), c.carry());
    }

    static double compNull(float[][] sig, Insert in, double thresholdShiftDb) {
        float[][] a = {sig[0].clone()};
        float[][] b = {sig[0].clone()};
        TopDownProcessors.factory().create(in, 1, RATE).process(a, a[0].length);
        Map<String, Double> p = ports(in, 1);
        p.put("thr", p.get("thr") + thresholdShiftDb);
        new AceComp(RATE, p).process(b, b[0].length);
        return relDb(a, b);
    }

    @Test
    void compressorMapping() {
        float[][] nz = AceEquivalenceTest.noise(RATE * 2, 3, 0.5);
        double rmsHp = compNull(nz, comp(-20, 3, 10, 120, 0, 1, 80), 0);
        double peakHp = compNull(nz, comp(-20, 3, 10, 120, 0, 0, 80), 0);
        double peak = compNull(nz, comp(-20, 3, 10, 120, 0, 0, 0), 0);
        double peakMakeup = compNull(nz, comp(-20, 3, 10, 120, 4, 0, 0), 0);
        System.out.printf(java.util.Locale.ROOT, "a-Comp mapping on noise: RMS+HP %.1f, peak+HP %.1f, peak %.1f, peak with"
                + " make-up %.1f dB%n", rmsHp, peakHp, peak, peakMakeup);
        // Peak detector, no sidechain filter: a-Comp's gain computer in float against TopDown's in double (-97.6 dB).
        assertTrue(peak < -90 && peakMakeup < -90, peak + " / " + peakMakeup);
        // The detector differences a-Comp cannot follow: RMS (-17 dB here) and the 80 Hz sidechain filter (-56 dB).
        assertTrue(rmsHp < -12 && peakHp < -45, rmsHp + " / " + peakHp);
    }

    /**
     * The 3.01 dB threshold shift for TopDown's RMS detector (a sine's peak over its RMS) against no shift: deeper on
     * noise and on real kick, bass and lead stems (the best shift lies between 1.5 and 6 dB by material).
     */
    @Test
    void rmsThresholdShiftHelpsOnEveryMaterial() throws Exception {
        float[][][] sigs = {AceEquivalenceTest.noise(RATE * 2, 3, 0.5),
            AceEquivalenceTest.stem("pop120", "kick.wav", RATE * 4, 0), AceEquivalenceTest.stem("pop120", "bass.wav", RATE * 4, 0),
            AceEquivalenceTest.stem("pop120", "lead.wav", RATE * 4, RATE * 4)};
        Insert td = comp(-20, 3, 10, 120, 0, 1, 80);
        for (float[][] sig : sigs) {
            double shifted = compNull(sig, td, 0);
            double unshifted = compNull(sig, td, -AcePlugins.RMS_TO_PEAK_DB);
            System.out.printf(java.util.Locale.ROOT, "a-Comp RMS threshold shift: %.1f dB (unshifted %.1f dB)%n", shifted,
                    unshifted);
            assertTrue(shifted < unshifted - 3, shifted + " vs " + unshifted);
        }
    }
}
