package topdown.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * EBU Tech 3341 (loudness) and Tech 3342 (loudness range) test signals, synthesised here: 1 kHz sines
 * (stereo, both channels at the stated level unless said otherwise), sequences of levels and durations as
 * the documents define them, checked with the documents' tolerances (±0.1 LU for integrated and
 * momentary/short-term, ±1 LU for LRA).
 */
class EbuComplianceTest {
    /** Feeds segments {dBFS per channel..., seconds} of 1 kHz sine, phase continuous, to a meter. */
    static LoudnessResult measure(int rate, int channels, double[][] segments) {
        LoudnessMeter m = new LoudnessMeter(channels, rate);
        float[][] buf = new float[channels][4800];
        long t = 0;
        for (double[] seg : segments) {
            long n = Math.round(seg[channels] * rate);
            for (long done = 0; done < n; ) {
                int k = (int) Math.min(buf[0].length, n - done);
                for (int i = 0; i < k; i++) {
                    double s = Math.sin(2 * Math.PI * 1000 * (t + i) / rate);
                    for (int c = 0; c < channels; c++) {
                        buf[c][i] = seg[c] == Double.NEGATIVE_INFINITY ? 0f : (float) (Math.pow(10, seg[c] / 20) * s);
                    }
                }
                m.accept(buf, k);
                done += k;
                t += k;
            }
        }
        return m.result();
    }

    static double[] stereo(double db, double seconds) {
        return new double[] {db, db, seconds};
    }

    @Test
    void tech3341Case1to5() {
        assertEquals(-23.0, measure(48000, 2, new double[][] {stereo(-23, 20)}).integratedLufs(), 0.1, "case 1");
        assertEquals(-33.0, measure(48000, 2, new double[][] {stereo(-33, 20)}).integratedLufs(), 0.1, "case 2");
        assertEquals(-23.0, measure(48000, 2, new double[][] {stereo(-36, 10), stereo(-23, 60), stereo(-36, 10)})
                .integratedLufs(), 0.1, "case 3");
        assertEquals(-23.0, measure(48000, 2, new double[][] {stereo(-72, 10), stereo(-36, 10), stereo(-23, 60),
            stereo(-36, 10), stereo(-72, 10)}).integratedLufs(), 0.1, "case 4");
        assertEquals(-23.0, measure(48000, 2, new double[][] {stereo(-26, 20), stereo(-20, 20.1), stereo(-26, 20)})
                .integratedLufs(), 0.1, "case 5");
    }

    @Test
    void tech3341Case6FiveChannels() {
        // Tech 3341 case 6: L and R at -28 dBFS, C at -24 dBFS, Ls and Rs at -30 dBFS (5.0): -23 LUFS.
        LoudnessResult r = measure(48000, 5, new double[][] {{-28, -28, -24, -30, -30, 20}});
        assertEquals(-23.0, r.integratedLufs(), 0.1);
        // 5.1 with the LFE carrying a loud tone: the LFE must not count.
        LoudnessResult lfe = measure(48000, 6, new double[][] {{-28, -28, -24, -6, -30, -30, 20}});
        assertEquals(-23.0, lfe.integratedLufs(), 0.1);
    }

    @Test
    void momentaryAndShortTermOfSteadyTones() {
        // Tech 3341 cases 9 and 12 style: a steady -23 dBFS stereo tone reads -23 LUFS momentary and short-term.
        LoudnessResult r = measure(48000, 2, new double[][] {stereo(-23, 10)});
        assertEquals(-23.0, r.momentaryMaxLufs(), 0.1);
        assertEquals(-23.0, r.shortTermMaxLufs(), 0.1);
        // At 44.1 and 96 kHz too (K-weighting derived per rate).
        assertEquals(-23.0, measure(44100, 2, new double[][] {stereo(-23, 20)}).integratedLufs(), 0.1);
        assertEquals(-23.0, measure(96000, 2, new double[][] {stereo(-23, 20)}).integratedLufs(), 0.1);
    }

    @Test
    void tech3342LoudnessRangeCases1to4() {
        assertEquals(10, measure(48000, 2, new double[][] {stereo(-20, 20), stereo(-30, 20)}).loudnessRangeLu(), 1);
        assertEquals(5, measure(48000, 2, new double[][] {stereo(-20, 20), stereo(-15, 20)}).loudnessRangeLu(), 1);
        assertEquals(20, measure(48000, 2, new double[][] {stereo(-40, 20), stereo(-20, 20)}).loudnessRangeLu(), 1);
        assertEquals(15, measure(48000, 2, new double[][] {stereo(-50, 20), stereo(-35, 20), stereo(-20, 20),
            stereo(-35, 20), stereo(-50, 20)}).loudnessRangeLu(), 1);
    }

    @Test
    void truePeakFindsInterSamplePeaks() {
        // A sine at fs/4 sampled 45 degrees off its peaks: samples reach 0.707·A, the waveform reaches A.
        int rate = 48000;
        LoudnessMeter m = new LoudnessMeter(1, rate);
        float[][] x = new float[1][rate];
        double a = 0.5;
        for (int i = 0; i < rate; i++) {
            x[0][i] = (float) (a * Math.sin(2 * Math.PI * i / 4 + Math.PI / 4));
        }
        m.accept(x, rate);
        LoudnessResult r = m.result();
        assertEquals(20 * Math.log10(a * Math.sqrt(0.5)), r.samplePeakDbfs(), 0.01);
        assertEquals(20 * Math.log10(a), r.truePeakDbtp(), 0.2, "true peak within the 4x detector's error");
        assertTrue(r.truePeakDbtp() > r.samplePeakDbfs() + 2.8);
    }

    @Test
    void silenceIsBelowTheGate() {
        LoudnessResult r = measure(48000, 2, new double[][] {{Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, 5}});
        assertTrue(Double.isNaN(r.integratedLufs()));
        assertEquals(Double.NEGATIVE_INFINITY, r.samplePeakDbfs());
    }
}
