package topdown.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * EBU Tech 3341 (loudness) and Tech 3342 (loudness range) test signals, synthesised here: 1 kHz sines
 * (stereo, both channels at the stated level unless said otherwise), sequences of levels and durations as
 * the documents define them (Tech 3341 V3 2016 / V4 2023 Table 1: cases 1-6 and 9-23; Tech 3342 cases
 * 1-4), checked with the documents' tolerances (±0.1 LU for integrated and momentary/short-term, ±1 LU
 * for LRA, +0.2/-0.4 dB for true peak). Cases 7-8 and Tech 3342 5-6 need the EBU's programme files.
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

    // ---------------------------------------------------------------------------------------------
    // EBU Tech 3341 (V3 2016 / V4 2023) Table 1, cases 7-23, and Tech 3342 repetition.
    //
    // Cases 7 and 8 are "authentic programme" segments (NLR commercial/promo, WLR movie/drama) that
    // exist only as the EBU test-set files seq-3341-7_seq-3342-5-24bit.wav and
    // seq-3341-2011-8_seq-3342-6-24bit-v02.wav; they cannot be synthesised and we do not have them,
    // so they are not tested. Tech 3342 cases 5 and 6 are the same two programme files (LRA 5 and 15
    // LU): likewise not tested.
    // ---------------------------------------------------------------------------------------------

    /**
     * Plays phase-continuous 1 kHz sine segments ("similar to #1": every channel at the same
     * per-channel peak level, in phase) into one meter, so a test can read the meter between
     * segments as a live meter would.
     */
    static final class Tones {
        final LoudnessMeter meter;
        final int rate;
        final int channels;
        private final float[][] buf;
        private long t;

        Tones(int rate, int channels, boolean keepShortTerm) {
            this.meter = new LoudnessMeter(channels, rate, keepShortTerm);
            this.rate = rate;
            this.channels = channels;
            this.buf = new float[channels][4800];
        }

        /** {@code db} = -Infinity plays digital silence. */
        Tones play(double db, double seconds) {
            long n = Math.round(seconds * rate);
            double a = db == Double.NEGATIVE_INFINITY ? 0 : Math.pow(10, db / 20);
            for (long done = 0; done < n; ) {
                int k = (int) Math.min(buf[0].length, n - done);
                for (int i = 0; i < k; i++) {
                    float v = (float) (a * Math.sin(2 * Math.PI * 1000 * ((t + i) % rate) / rate));
                    for (int c = 0; c < channels; c++) {
                        buf[c][i] = v;
                    }
                }
                meter.accept(buf, k);
                done += k;
                t += k;
            }
            return this;
        }

        LoudnessResult result() {
            return meter.result();
        }
    }

    static final double SILENCE = Double.NEGATIVE_INFINITY;

    @Test
    void tech3341Case9ShortTermConstantAfter3s() {
        // (1.34 s at -20 dBFS; 1.66 s at -30 dBFS) x 5: S = -23.0 +-0.1 LUFS, constant after 3 s.
        Tones t = new Tones(48000, 2, true);
        for (int r = 0; r < 5; r++) {
            t.play(-20, 1.34).play(-30, 1.66);
        }
        float[] s = t.meter.shortTermSeries();
        int checked = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < s.length; k++) {
            double end = (k + 1) / 10.0; // the value at index k is the window ending at (k+1) x 100 ms
            if (end < 3.0 - 1e-9) {
                continue;
            }
            assertEquals(-23.0, s[k], 0.1, "case 9: short-term at " + end + " s");
            lo = Math.min(lo, s[k]);
            hi = Math.max(hi, s[k]);
            checked++;
        }
        System.out.printf("Tech 3341 case 9: S from 3 s on in [%.3f, %.3f] LUFS over %d readings%n", lo, hi, checked);
        assertEquals(121, checked, "15 s of signal: short-term readings from 3.0 s to 15.0 s at 10 Hz");
        assertEquals(-23.0, t.result().shortTermMaxLufs(), 0.1, "case 9: max S");
    }

    @Test
    void tech3341Case10MaxShortTermPerFile() {
        // File-based: 20 signals (i x 0.15 s silence; 3 s at -23 dBFS; 1 s silence), i = 0..19, each
        // measured with a fresh meter: max S = -23.0 +-0.1 LUFS for every one.
        StringBuilder got = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            double s = new Tones(48000, 2, false).play(SILENCE, i * 0.15).play(-23, 3).play(SILENCE, 1).result()
                    .shortTermMaxLufs();
            got.append(String.format(" %.3f", s));
            assertEquals(-23.0, s, 0.1, "case 10, signal " + (i + 1) + " (" + i * 0.15 + " s of leading silence)");
        }
        System.out.println("Tech 3341 case 10: max S per file:" + got);
    }

    @Test
    void tech3341Case11MaxShortTermLive() {
        // Live: one signal, i = 0..19: (i x 0.15 s silence; 3 s at (-38 + i) dBFS; (3 - i x 0.15) s
        // silence). Successive max S readings -38, -37, ..., -19 +-0.1 LUFS: read the meter's running
        // max S at the end of each 6 s segment (levels rise, so it is that segment's maximum).
        Tones t = new Tones(48000, 2, false);
        StringBuilder got = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            t.play(SILENCE, i * 0.15).play(-38 + i, 3).play(SILENCE, 3 - i * 0.15);
            double s = t.result().shortTermMaxLufs();
            got.append(String.format(" %.3f", s));
            assertEquals(-38.0 + i, s, 0.1, "case 11, segment " + i);
        }
        System.out.println("Tech 3341 case 11: successive max S:" + got);
    }

    /**
     * The momentary loudness of every 400 ms block ending on the 100 ms grid, recovered through the
     * public API: integrated loudness of the first n blocks is the power mean of their energies while
     * none is gated, so block n's energy is n E(n) - (n - 1) E(n - 1). (The meter exposes only the
     * maximum momentary value.)
     */
    static double[] momentaryBlocks(int rate, double[][] pattern, int repeats) {
        int step = rate / 10;
        long total = 0;
        for (double[] seg : pattern) {
            total += Math.round(seg[1] * rate);
        }
        int blocks = (int) ((total * repeats) / step) - 3;
        double[] out = new double[blocks];
        double prev = 0;
        for (int n = 1; n <= blocks; n++) {
            long want = (long) (n + 3) * step;
            Tones t = new Tones(rate, 2, false);
            long fed = 0;
            outer:
            for (int r = 0; r < repeats; r++) {
                for (double[] seg : pattern) {
                    long len = Math.round(seg[1] * rate);
                    long k = Math.min(len, want - fed);
                    t.play(seg[0], k / (double) rate);
                    fed += k;
                    if (fed == want) {
                        break outer;
                    }
                }
            }
            double e = Math.pow(10, (t.result().integratedLufs() + 0.691) / 10);
            out[n - 1] = -0.691 + 10 * Math.log10(n * e - (n - 1) * prev);
            prev = e;
        }
        return out;
    }

    @Test
    void tech3341Case12MomentaryConstantAfter1s() {
        // (0.18 s at -20 dBFS; 0.22 s at -30 dBFS) x 25: M = -23.0 +-0.1 LUFS, constant after 1 s.
        double[] m = momentaryBlocks(48000, new double[][] {{-20, 0.18}, {-30, 0.22}}, 25);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int checked = 0;
        for (int k = 0; k < m.length; k++) {
            double end = (k + 4) / 10.0;
            if (end < 1.0 - 1e-9) {
                continue;
            }
            assertEquals(-23.0, m[k], 0.1, "case 12: momentary at " + end + " s");
            lo = Math.min(lo, m[k]);
            hi = Math.max(hi, m[k]);
            checked++;
        }
        System.out.printf("Tech 3341 case 12: M from 1 s on in [%.3f, %.3f] LUFS over %d blocks%n", lo, hi, checked);
        assertEquals(91, checked, "10 s of signal: momentary blocks ending at 1.0 .. 10.0 s");
        LoudnessResult r = new Tones(48000, 2, false).play(-20, 0.18).play(-30, 0.22).play(-20, 0.18).play(-30, 0.22)
                .play(-20, 0.18).play(-30, 0.22).result();
        assertEquals(-23.0, r.momentaryMaxLufs(), 0.1, "case 12: max M");
    }

    @Test
    void tech3341Case13MaxMomentaryPerFile() {
        // File-based: 20 signals (i x 20 ms silence; 400 ms at -23 dBFS; 1 s silence), i = 0..19, each
        // measured with a fresh meter: max M = -23.0 +-0.1 LUFS for every one.
        StringBuilder got = new StringBuilder();
        java.util.List<String> failed = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            double m = new Tones(48000, 2, false).play(SILENCE, i * 0.02).play(-23, 0.4).play(SILENCE, 1).result()
                    .momentaryMaxLufs();
            got.append(String.format(" %.3f", m));
            if (Math.abs(m + 23.0) > 0.1) {
                failed.add("signal " + (i + 1) + " (" + i * 20 + " ms lead): " + String.format("%.3f", m));
            }
        }
        System.out.println("Tech 3341 case 13: max M per file:" + got);
        assertTrue(failed.isEmpty(), "case 13: max M outside -23.0 +-0.1 LUFS: " + failed);
    }

    @Test
    void tech3341Case14MaxMomentaryLive() {
        // Live: one signal, i = 0..19: (i x 20 ms silence; 400 ms at (-38 + i) dBFS; (400 - i x 20) ms
        // silence). Successive max M readings -38, -37, ..., -19 +-0.1 LUFS, read at each segment's end.
        Tones t = new Tones(48000, 2, false);
        StringBuilder got = new StringBuilder();
        java.util.List<String> failed = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            t.play(SILENCE, i * 0.02).play(-38 + i, 0.4).play(SILENCE, 0.4 - i * 0.02);
            double m = t.result().momentaryMaxLufs();
            got.append(String.format(" %.3f", m));
            if (Math.abs(m - (-38.0 + i)) > 0.1) {
                failed.add("segment " + i + ": " + String.format("%.3f", m) + " (expected " + (-38 + i) + ")");
            }
        }
        System.out.println("Tech 3341 case 14: successive max M:" + got);
        assertTrue(failed.isEmpty(), "case 14: " + failed);
    }

    /** Tech 3342: "the expected response is unchanged if the test signal is repeated one or more times". */
    @Test
    void tech3342Cases1to4Repeated() {
        double[][][] cases = {{{-20, 20}, {-30, 20}}, {{-20, 20}, {-15, 20}}, {{-40, 20}, {-20, 20}},
            {{-50, 20}, {-35, 20}, {-20, 20}, {-35, 20}, {-50, 20}}};
        double[] expected = {10, 5, 20, 15};
        for (int c = 0; c < cases.length; c++) {
            Tones t = new Tones(48000, 2, false);
            for (int r = 0; r < 2; r++) {
                for (double[] seg : cases[c]) {
                    t.play(seg[0], seg[1]);
                }
            }
            double lra = t.result().loudnessRangeLu();
            System.out.printf("Tech 3342 case %d played twice: LRA %.3f LU (expected %.0f +-1)%n", c + 1, lra, expected[c]);
            assertEquals(expected[c], lra, 1.0, "Tech 3342 case " + (c + 1) + " repeated");
        }
    }

    // --- True peak: Tech 3341 cases 15-23, expected max true-peak level +0.2/-0.4 dB ------------------

    static double truePeakOf(float[] mono, int rate) {
        LoudnessMeter m = new LoudnessMeter(2, rate);
        float[][] st = {mono, mono}; // "stereo sine wave": the same signal in both channels
        for (int off = 0; off < mono.length; off += 8192) {
            int k = Math.min(8192, mono.length - off);
            float[][] blk = {java.util.Arrays.copyOfRange(st[0], off, off + k), java.util.Arrays.copyOfRange(st[1], off, off + k)};
            m.accept(blk, k);
        }
        return m.result().truePeakDbtp();
    }

    /** Linear 10 ms fade-in and fade-out ("the tone should be tapered with a 10 ms fade-in and fade out"). */
    static void taper(float[] x, int rate, double seconds) {
        int f = (int) Math.round(seconds * rate);
        for (int i = 0; i < f; i++) {
            double g = i / (double) f;
            x[i] *= (float) g;
            x[x.length - 1 - i] *= (float) g;
        }
    }

    /** Case 15-19 signal: sine of frequency fs / divisor, amplitude in FFS, start phase in degrees, 1 s. */
    static float[] sine(int rate, int divisor, double amplitude, double phaseDeg) {
        float[] x = new float[rate];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * (i % divisor) / divisor + Math.toRadians(phaseDeg)));
        }
        taper(x, rate, 0.010);
        return x;
    }

    static void assertTruePeak(double expected, double measured, String what) {
        assertTrue(measured <= expected + 0.2 && measured >= expected - 0.4,
                what + ": max true peak " + String.format("%.3f", measured) + " dBTP outside " + expected + " +0.2/-0.4");
    }

    @Test
    void tech3341Cases15to19TruePeakOfSines() {
        // {case, fs divisor, amplitude FFS, phase degrees, expected dBTP}
        double[][] cases = {{15, 4, 0.50, 0.0, -6.0}, {16, 4, 0.50, 45.0, -6.0}, {17, 6, 0.50, 60.0, -6.0},
            {18, 8, 0.50, 67.5, -6.0}, {19, 4, 1.41, 45.0, 3.0}};
        for (int rate : new int[] {48000, 44100, 96000}) {
            StringBuilder got = new StringBuilder();
            for (double[] c : cases) {
                double tp = truePeakOf(sine(rate, (int) c[1], c[2], c[3]), rate);
                got.append(String.format(" #%d %.3f", (int) c[0], tp));
                assertTruePeak(c[4], tp, "case " + (int) c[0] + " at " + rate + " Hz");
            }
            System.out.println("Tech 3341 cases 15-19 at " + rate + " Hz, max TP dBTP:" + got);
        }
    }

    /**
     * Case 20-23 signal: an fs/6 sine of amplitude 0.50 containing one period of an fs/4 sine of
     * amplitude 1.00, continuous in phase on both sides (both join at rising zero crossings),
     * synthesised at 4 fs, low-pass (anti-alias) filtered there and downsampled to fs keeping every 4th
     * sample from {@code offset}; short (10 ms) fades. The low-pass is a Blackman-windowed sinc at 4 fs
     * with its cutoff at the target Nyquist frequency, fs / 2 (the document leaves the filter open).
     */
    static float[] burst(int rate, int offset) {
        return burst(rate, offset, 3);
    }

    static float[] burst(int rate, int offset, int seconds) {
        int up = 4;
        int n4 = seconds * rate * up;
        double[] x = new double[n4];
        int p6 = 6 * up; // fs/6 has 24 samples per period at 4 fs
        int p4 = 4 * up; // fs/4 has 16
        int start = (n4 / 2) / p6 * p6; // a rising zero crossing of the fs/6 sine
        for (int i = 0; i < n4; i++) {
            if (i < start) {
                x[i] = 0.5 * Math.sin(2 * Math.PI * (i % p6) / p6);
            } else if (i < start + p4) {
                x[i] = Math.sin(2 * Math.PI * (i - start) / p4);
            } else {
                x[i] = 0.5 * Math.sin(2 * Math.PI * ((i - start - p4) % p6) / p6);
            }
        }
        int half = 64 * up;
        double fc = 0.5 / up; // cycles per 4 fs sample: the fs/2 of the target rate
        double[] h = new double[2 * half + 1];
        for (int k = -half; k <= half; k++) {
            double sinc = k == 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * k) / (Math.PI * k);
            double w = 0.42 + 0.5 * Math.cos(Math.PI * k / half) + 0.08 * Math.cos(2 * Math.PI * k / half);
            h[k + half] = sinc * w;
        }
        double dc = 0;
        for (double v : h) {
            dc += v;
        }
        float[] y = new float[(n4 - offset + up - 1) / up];
        for (int m = 0; m < y.length; m++) {
            int c = m * up + offset;
            double acc = 0;
            for (int k = -half; k <= half; k++) {
                int j = c - k;
                if (j >= 0 && j < n4) {
                    acc += h[k + half] * x[j];
                }
            }
            y[m] = (float) (acc / dc);
        }
        taper(y, rate, 0.010);
        return y;
    }

    @Test
    void tech3341Cases20to23TruePeakOfBurstInSine() {
        for (int rate : new int[] {48000, 44100, 96000}) {
            StringBuilder got = new StringBuilder();
            for (int offset = 0; offset < 4; offset++) {
                float[] x = burst(rate, offset, 1); // "the total duration ... does not matter"
                double tp = truePeakOf(x, rate);
                double sp = 0;
                for (float v : x) {
                    sp = Math.max(sp, Math.abs(v));
                }
                got.append(String.format(" #%d %.3f (sample peak %.3f)", 20 + offset, tp, 20 * Math.log10(sp)));
                if (rate >= 96000 && offset % 2 == 1) {
                    // Not an EBU rate: the EBU signals are 48 kHz. At 96 kHz the meter oversamples 2x, as
                    // BS.1770-4 Annex 2 allows ("for an incoming signal at 96 kHz ... 2x over-sampling would be
                    // sufficient"; libebur128 does the same and ffmpeg's 192 kHz resampling is 2x here). The
                    // scaled signal's burst is at fs/4 = 24 kHz, ultrasonic, and with an odd 4 fs offset its
                    // peak lies a quarter input sample off the 2x grid: a pure fs/4 tone then reads at worst
                    // cos(pi/8) = -0.69 dB. So cases 21 and 23 are held to that bound at 96 kHz, not +0.2/-0.4.
                    assertTrue(tp <= 0.2 && tp >= 20 * Math.log10(Math.cos(Math.PI / 8)) && tp >= 20 * Math.log10(sp),
                            "case " + (20 + offset) + " at 96 kHz: " + tp);
                } else {
                    assertTruePeak(0.0, tp, "case " + (20 + offset) + " at " + rate + " Hz");
                }
            }
            System.out.println("Tech 3341 cases 20-23 at " + rate + " Hz, max TP dBTP:" + got);
        }
    }

    @Test
    void silenceIsBelowTheGate() {
        LoudnessResult r = measure(48000, 2, new double[][] {{Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, 5}});
        assertTrue(Double.isNaN(r.integratedLufs()));
        assertEquals(Double.NEGATIVE_INFINITY, r.samplePeakDbfs());
    }
}
