package topdown.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import topdown.analysis.LoudnessMeter;
import topdown.analysis.LoudnessResult;

class DynamicsAndEqTest {
    @Test
    void biquadsMatchTheCookbookDesign() {
        double rate = 48000;
        Biquad peak = new Biquad(Biquad.Type.PEAK, rate, 1000, 1.0, 6, 1);
        assertEquals(6.0, peak.magnitudeDb(1000, rate), 1e-9, "peak gain at centre");
        assertEquals(0.0, peak.magnitudeDb(20, rate), 0.05);
        Biquad low = new Biquad(Biquad.Type.LOW_SHELF, rate, 100, 0.707, -4, 1);
        assertEquals(-4.0, low.magnitudeDb(10, rate), 0.05);
        assertEquals(-2.0, low.magnitudeDb(100, rate), 0.01, "shelf midpoint is half the gain");
        Biquad hp = new Biquad(Biquad.Type.HIGH_PASS, rate, 100, Math.sqrt(0.5), 0, 1);
        assertEquals(-3.01, hp.magnitudeDb(100, rate), 0.01, "Butterworth -3 dB at the corner");
        // Measured response of a sine through the filter matches the formula.
        float[][] x = new float[1][48000];
        for (int i = 0; i < x[0].length; i++) {
            x[0][i] = (float) Math.sin(2 * Math.PI * 1000 * i / rate);
        }
        peak.process(x, x[0].length);
        double max = 0;
        for (int i = 24000; i < 48000; i++) {
            max = Math.max(max, Math.abs(x[0][i]));
        }
        assertEquals(6.0, 20 * Math.log10(max), 0.01);
    }

    @Test
    void compressorFollowsItsStaticCurve() {
        Compressor c = new Compressor(48000, 1, -20, 4, 0, 1, 50, 0, false, 0);
        assertEquals(0, c.staticGainDb(-30), 1e-12);
        assertEquals(-7.5, c.staticGainDb(-10), 1e-9, "10 dB over at 4:1 leaves 2.5 dB over");
        Compressor knee = new Compressor(48000, 1, -20, 4, 6, 1, 50, 0, false, 0);
        assertEquals(0, knee.staticGainDb(-23), 1e-12, "below the knee");
        assertEquals((1 / 4.0 - 1) * 9 / 12.0, knee.staticGainDb(-20), 1e-9, "knee centre");
        // A steady -10 dBFS peak level settles at -7.5 dB of gain.
        float[][] x = new float[1][48000];
        for (int i = 0; i < x[0].length; i++) {
            x[0][i] = (float) (Math.pow(10, -10 / 20.0) * (i % 2 == 0 ? 1 : -1));
        }
        c.process(x, x[0].length);
        assertEquals(-10 - 7.5, 20 * Math.log10(Math.abs(x[0][47999])), 0.05);
    }

    @Test
    void limiterKeepsTruePeakUnderTheCeilingOnMusicLikeMaterial() {
        int rate = 48000;
        int n = rate * 8;
        float[][] x = new float[2][n];
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < n; i++) {
            double beat = (i % (rate / 2)) < 2000 ? 2.5 * Math.exp(-(i % (rate / 2)) / 400.0) : 0;
            double tone = 0.6 * Math.sin(2 * Math.PI * 55 * i / rate) + 0.3 * Math.sin(2 * Math.PI * 11025.5 * i / rate + 0.7);
            x[0][i] = (float) (tone + beat * Math.sin(2 * Math.PI * 60 * i / rate) + 0.1 * r.nextGaussian());
            x[1][i] = (float) (tone * 0.9 + beat * Math.sin(2 * Math.PI * 60 * i / rate) + 0.1 * r.nextGaussian());
        }
        TruePeakLimiter lim = new TruePeakLimiter(rate, 2, -1.0, 5, 80);
        for (int off = 0; off < n; off += 4096) {
            int k = Math.min(4096, n - off);
            float[][] blk = new float[2][k];
            System.arraycopy(x[0], off, blk[0], 0, k);
            System.arraycopy(x[1], off, blk[1], 0, k);
            lim.process(blk, k);
            System.arraycopy(blk[0], 0, x[0], off, k);
            System.arraycopy(blk[1], 0, x[1], off, k);
        }
        LoudnessMeter m = new LoudnessMeter(2, rate);
        m.accept(x, n);
        LoudnessResult res = m.result();
        assertTrue(res.truePeakDbtp() <= -1.0, "true peak " + res.truePeakDbtp());
        assertTrue(lim.minGain() < 0.5, "it had work to do");
    }

    @Test
    void limiterDistortionOnASineBelowTheCeilingIsNil() {
        int rate = 48000;
        float[][] x = new float[1][rate];
        for (int i = 0; i < rate; i++) {
            x[0][i] = (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / rate));
        }
        TruePeakLimiter lim = new TruePeakLimiter(rate, 1, -1.0, 5, 80);
        lim.process(x, rate);
        int lat = lim.latencySamples();
        double err = 0;
        for (int i = lat + 1000; i < rate; i++) {
            err = Math.max(err, Math.abs(x[0][i] - 0.5 * Math.sin(2 * Math.PI * 1000 * (i - lat + 1) / rate)));
        }
        assertTrue(err < 1e-5, "a signal under the ceiling passes unchanged (delayed): " + err);
    }
}
