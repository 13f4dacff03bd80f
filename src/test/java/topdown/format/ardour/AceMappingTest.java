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
        double[][] cases = {{0, 1000, 1.4, 6}, {0, 80, 1.6, -9}, {0, 6000, 0.7, 3}, {1, 120, q, 4}, {1, 300, q, -6},
            {2, 8000, q, -5}, {2, 3000, q, 4}, {1, 120, 0.707, 4}, {2, 8000, 0.707, -5}, {1, 120, 1.0, 4}};
        for (double[] c : cases) {
            Biquad.Type t = Biquad.Type.values()[(int) c[0]];
            double db = eqNull(t, c[1], c[2], c[3]);
            System.out.printf(java.util.Locale.ROOT, "a-EQ mapping %-10s %6.0f Hz Q %.7f %+5.1f dB: %7.1f dB%n", t, c[1], c[2],
                    c[3], db);
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

    static double compNull(float[][] sig, Insert in) {
        float[][] a = {sig[0].clone()};
        float[][] b = {sig[0].clone()};
        TopDownProcessors.factory().create(in, 1, RATE).process(a, a[0].length);
        new AceComp(RATE, ports(in, 1)).process(b, b[0].length);
        return relDb(a, b);
    }

    @Test
    void compressorMapping() throws Exception {
        float[][] nz = AceEquivalenceTest.noise(RATE * 2, 3, 0.5);
        for (Insert in : new Insert[] {comp(-20, 3, 10, 120, 0, 1, 80), comp(-20, 3, 10, 120, 0, 0, 80),
            comp(-20, 3, 10, 120, 0, 1, 0), comp(-20, 3, 10, 120, 0, 0, 0), comp(-20, 3, 10, 120, 4, 0, 0)}) {
            System.out.printf(java.util.Locale.ROOT, "a-Comp mapping %s: %7.1f dB%n", in.parameters(), compNull(nz, in));
        }
    }

    @Test
    void offsetScan() throws Exception {
        float[][][] sigs = {AceEquivalenceTest.noise(RATE * 2, 3, 0.5), AceEquivalenceTest.stem("pop120", "kick.wav", RATE * 4, 0),
            AceEquivalenceTest.stem("pop120", "bass.wav", RATE * 4, 0), AceEquivalenceTest.stem("pop120", "lead.wav", RATE * 4, RATE * 4)};
        for (float[][] sig : sigs) {
            StringBuilder sb = new StringBuilder("offset scan:");
            for (double off = 0; off <= 12; off += 1.5) {
                Insert td = comp(-20, 3, 10, 120, 0, 1, 80);
                float[][] a = {sig[0].clone()};
                float[][] b = {sig[0].clone()};
                TopDownProcessors.factory().create(td, 1, RATE).process(a, a[0].length);
                Map<String, Double> pp = ports(td, 1);
                pp.put("thr", pp.get("thr") + off);
                new AceComp(RATE, pp).process(b, b[0].length);
                sb.append(String.format(java.util.Locale.ROOT, " %+.1f:%.1f", off, relDb(a, b)));
            }
            System.out.println(sb);
        }
    }
}
