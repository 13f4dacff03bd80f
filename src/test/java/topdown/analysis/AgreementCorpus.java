package topdown.analysis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import topdown.audio.io.WavWriter;
import topdown.testing.Shared;

/**
 * The files the agreement tests measure with TopDown's meter and a reference (ffmpeg ebur128,
 * libebur128): signals synthesised here at 44.1, 48 and 96 kHz (noise, tones, music-like material,
 * 5.1 noise, a mono voice-like signal, an inter-sample-peak burst) and, when ../shared is present, every
 * stem and master of the shared multitrack songs: whole at their 48 kHz, and a 10 s excerpt (4 s to 14
 * s, the busiest part) resampled by sox to 44.1 and 96 kHz, which keeps the two agreement tests within
 * about a minute on two cores. Everything is written into the caller's temporary folder.
 *
 * <p>The broadband generated signals (noise, music) are low-passed at 17 kHz, as real programme is
 * by its production chain. BS.1770-4 Annex 2 specifies the true-peak interpolator for the audio band
 * only; close to Nyquist every short interpolator reads differently (on the unfiltered music signal,
 * whose hi-hats and saturation put energy up to fs/2, an ideal long sinc finds +3.26 dBTP where
 * TopDown's 4x Kaiser interpolator reads +2.70 and libebur128's 4x Hann one +2.40), which is filter
 * design, not agreement.
 */
final class AgreementCorpus {
    static final int[] RATES = {44100, 48000, 96000};

    record Item(String name, Path file, int rate) {
    }

    private AgreementCorpus() {
    }

    /** Builds the corpus in {@code dir}; {@code multitrack} adds the shared songs (skipped when absent). */
    static List<Item> build(Path dir, boolean multitrack) throws Exception {
        List<Item> items = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Item>> jobs = new ArrayList<>();
            for (int rate : RATES) {
                jobs.add(pool.submit(() -> write(dir, "noise", rate, lowPass(noise(rate), rate, 17000))));
                jobs.add(pool.submit(() -> write(dir, "tones", rate, tones(rate))));
                jobs.add(pool.submit(() -> write(dir, "music", rate, scale(lowPass(music(rate), rate, 17000), 0.8))));
                jobs.add(pool.submit(() -> write(dir, "surround51", rate, lowPass(surround(rate), rate, 17000))));
                jobs.add(pool.submit(() -> write(dir, "voice-mono", rate, voice(rate))));
                jobs.add(pool.submit(() -> write(dir, "isp-burst", rate, new float[][] {EbuComplianceTest.burst(rate, 1),
                    EbuComplianceTest.burst(rate, 2)})));
            }
            if (multitrack && Shared.hasTool("sox")) {
                addMultitrack(dir, pool, items, jobs);
            }
            for (Future<Item> f : jobs) {
                items.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        return items;
    }

    private static void addMultitrack(Path dir, ExecutorService pool, List<Item> items, List<Future<Item>> jobs) {
        {
            Path shared = Shared.dir();
            Path mt = shared.resolve("multitrack");
            List<Path> sources = new ArrayList<>();
            for (String song : new String[] {"pop120", "rock140", "soul90"}) {
                for (String stem : new String[] {"kick", "snare", "overheads", "bass", "keys", "pad", "guitar", "lead",
                    "backing"}) {
                    Path p = mt.resolve(song).resolve(stem + ".wav");
                    if (Files.isRegularFile(p)) {
                        sources.add(p);
                    }
                }
                Path master = shared.resolve("corpus/ardour-generated").resolve(song).resolve("export")
                        .resolve(song + "_master_f32.wav");
                if (Files.isRegularFile(master)) {
                    sources.add(master);
                }
            }
            Path loud = mt.resolve("reference_master/pop120_loud_master.wav");
            if (Files.isRegularFile(loud)) {
                sources.add(loud);
            }
            {
                for (Path src : sources) {
                    String name = src.getParent().getFileName() + "/" + src.getFileName().toString().replace(".wav", "");
                    if (name.startsWith("export/")) {
                        name = src.getParent().getParent().getFileName() + "/" + src.getFileName().toString().replace(".wav", "");
                    }
                    items.add(new Item(name, src, 48000));
                    for (int rate : new int[] {44100, 96000}) {
                        String n = name;
                        jobs.add(pool.submit(() -> {
                            Path out = dir.resolve(n.replace('/', '_') + "-" + rate + ".wav");
                            // 32-bit float output: no dither, so the reference and TopDown read the same samples.
                            Shared.run(null, 120, "sox", "-V1", src.toString(), "-e", "floating-point", "-b", "32",
                                    out.toString(), "trim", "4", "10", "rate", "-v", String.valueOf(rate));
                            return new Item(n, out, rate);
                        }));
                    }
                }
            }
        }
    }

    /** Linear-phase low-pass: Blackman-windowed sinc, 97 taps, cutoff {@code hz}. */
    static float[][] lowPass(float[][] x, int rate, double hz) {
        int half = 48;
        double fc = hz / rate;
        double[] h = new double[2 * half + 1];
        double sum = 0;
        for (int k = -half; k <= half; k++) {
            double sinc = k == 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * k) / (Math.PI * k);
            double w = 0.42 + 0.5 * Math.cos(Math.PI * k / half) + 0.08 * Math.cos(2 * Math.PI * k / half);
            h[k + half] = sinc * w;
            sum += h[k + half];
        }
        float[][] y = new float[x.length][];
        for (int c = 0; c < x.length; c++) {
            float[] in = x[c];
            float[] out = new float[in.length];
            for (int i = 0; i < in.length; i++) {
                double acc = 0;
                int lo = Math.max(-half, i - in.length + 1);
                int hi = Math.min(half, i);
                for (int k = lo; k <= hi; k++) {
                    acc += h[k + half] * in[i - k];
                }
                out[i] = (float) (acc / sum);
            }
            y[c] = out;
        }
        return y;
    }

    static float[][] scale(float[][] x, double g) {
        for (float[] c : x) {
            for (int i = 0; i < c.length; i++) {
                c[i] *= (float) g;
            }
        }
        return x;
    }

    private static Item write(Path dir, String name, int rate, float[][] x) throws Exception {
        Path p = dir.resolve(name + "-" + rate + ".wav");
        WavWriter.writeAll(p, x, rate, WavWriter.Encoding.FLOAT32);
        return new Item("gen/" + name, p, rate);
    }

    /** One-pole-smoothed "pink-ish" noise: sum of three octave-spaced low-passed noises plus white. */
    private static final class Pink {
        private final java.util.SplittableRandom r;
        private final double[] a;
        private final double[] z = new double[3];
        private final double[] norm = new double[3];

        Pink(long seed, int rate) {
            r = new java.util.SplittableRandom(seed);
            a = new double[3];
            double[] f = {60, 600, 6000};
            for (int i = 0; i < 3; i++) {
                a[i] = Math.exp(-2 * Math.PI * f[i] / rate);
                norm[i] = Math.sqrt(1 / (1 - a[i])) * 0.4;
            }
        }

        double next() {
            double s = 0;
            for (int i = 0; i < 3; i++) {
                z[i] = a[i] * z[i] + (1 - a[i]) * (r.nextDouble() - 0.5) * 3.4641; // unit-variance uniform
                s += z[i] * norm[i];
            }
            return s + 0.25 * (r.nextDouble() - 0.5) * 3.4641;
        }
    }

    /** 16 s stereo noise, partly correlated, with level steps and a slow swell (LRA of several LU). */
    static float[][] noise(int rate) {
        int n = rate * 16;
        float[][] x = new float[2][n];
        Pink common = new Pink(1, rate);
        Pink left = new Pink(2, rate);
        Pink right = new Pink(3, rate);
        for (int i = 0; i < n; i++) {
            double t = i / (double) rate;
            double db = t < 4 ? -30 : t < 8 ? -18 : t < 12 ? -24 + 6 * Math.sin(2 * Math.PI * t / 4) : -36 + 2 * (t - 12);
            double g = Math.pow(10, db / 20) * 0.3;
            double c = common.next();
            x[0][i] = (float) (g * (0.7 * c + 0.5 * left.next()));
            x[1][i] = (float) (g * (0.7 * c + 0.5 * right.next()));
        }
        return x;
    }

    /** 16 s stereo tones: 25 Hz to 15 kHz, -40 to -6 dBFS, with an anti-phase and a one-sided segment. */
    static float[][] tones(int rate) {
        double[][] seg = {{25, -20, 1}, {100, -12, 1}, {1000, -23, 1}, {3000, -40, 1}, {6000, -10, -1}, {10000, -18, 1},
            {15000, -6, 0}, {997, -14, 1}};
        int per = rate * 2;
        float[][] x = new float[2][per * seg.length];
        for (int s = 0; s < seg.length; s++) {
            double a = Math.pow(10, seg[s][1] / 20);
            for (int i = 0; i < per; i++) {
                double ramp = Math.min(1, Math.min(i, per - 1 - i) / (0.005 * rate));
                double v = a * ramp * Math.sin(2 * Math.PI * seg[s][0] * i / rate);
                x[0][s * per + i] = (float) v;
                x[1][s * per + i] = (float) (v * seg[s][2]);
            }
        }
        return x;
    }

    /**
     * 20 s of synthetic "music" at 120 bpm in A minor: kick, snare, hats, a bass line, a stereo pad and a
     * lead, arranged quiet intro / verse / loud chorus / breakdown / chorus, summed through a tanh
     * saturator so the loud parts produce inter-sample peaks near full scale.
     */
    static float[][] music(int rate) {
        int n = rate * 20;
        float[][] x = new float[2][n];
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        double beat = 0.5;
        double[] roots = {110.0, 87.31, 130.81, 98.0}; // A, F, C, G
        double[] melody = {440, 523.25, 587.33, 659.25, 587.33, 523.25, 493.88, 440};
        double hp = 0;
        double prevNoise = 0;
        for (int i = 0; i < n; i++) {
            double t = i / (double) rate;
            int bar = (int) (t / (4 * beat));
            double inBeat = t % beat;
            int beatNo = (int) (t / beat);
            double section = t < 3 ? 0.15 : t < 8 ? 0.5 : t < 13 ? 1.0 : t < 16 ? 0.25 : 1.0;
            boolean drums = t >= 3 && !(t >= 13 && t < 16);
            double root = roots[bar % 4];
            double kick = 0;
            double snare = 0;
            double hat = 0;
            double noiseSample = (r.nextDouble() - 0.5) * 3.4641;
            hp = noiseSample - prevNoise; // crude high-pass for hats
            prevNoise = noiseSample;
            if (drums) {
                double f = 45 + 80 * Math.exp(-inBeat * 30);
                kick = 0.9 * Math.exp(-inBeat * 9) * Math.sin(2 * Math.PI * f * inBeat);
                if (beatNo % 2 == 1) {
                    snare = 0.4 * Math.exp(-inBeat * 18) * (0.6 * noiseSample + Math.sin(2 * Math.PI * 190 * inBeat));
                }
                double e8 = t % (beat / 2);
                hat = 0.12 * Math.exp(-e8 * 60) * hp;
            }
            double bass = 0;
            for (int h = 1; h <= 4; h++) {
                bass += Math.sin(2 * Math.PI * root / 2 * h * t) / h;
            }
            bass *= 0.25 * (0.6 + 0.4 * Math.exp(-inBeat * 6));
            double padL = 0;
            double padR = 0;
            for (double ratio : new double[] {1, 1.2, 1.5}) {
                padL += Math.sin(2 * Math.PI * root * 2 * ratio * 1.002 * t);
                padR += Math.sin(2 * Math.PI * root * 2 * ratio * 0.998 * t + 0.3);
            }
            double swell = 0.5 - 0.5 * Math.cos(2 * Math.PI * (t % (8 * beat)) / (8 * beat));
            padL *= 0.08 * swell;
            padR *= 0.08 * swell;
            double lead = 0;
            if (t >= 8 && t < 13 || t >= 16) {
                double note = melody[(beatNo) % melody.length];
                double vib = 1 + 0.004 * Math.sin(2 * Math.PI * 5.5 * t);
                lead = 0.22 * Math.exp(-inBeat * 2) * (Math.sin(2 * Math.PI * note * vib * t)
                        + 0.3 * Math.sin(4 * Math.PI * note * vib * t));
            }
            double mono = kick + snare + bass;
            double l = section * (mono + padL + 0.8 * hat + 0.7 * lead);
            double rr = section * (mono + padR + 1.0 * hat + 0.5 * lead);
            x[0][i] = (float) (0.98 * Math.tanh(1.6 * l));
            x[1][i] = (float) (0.98 * Math.tanh(1.6 * rr));
        }
        return x;
    }

    /** 12 s of 5.1 noise (L R C LFE Ls Rs) at different levels; the LFE is loud and must not count. */
    static float[][] surround(int rate) {
        int n = rate * 12;
        double[] db = {-26, -27, -24, -10, -30, -31};
        float[][] x = new float[6][n];
        for (int c = 0; c < 6; c++) {
            Pink p = new Pink(10 + c, rate);
            double g = Math.pow(10, db[c] / 20) * 0.5;
            for (int i = 0; i < n; i++) {
                double t = i / (double) rate;
                double env = c == 3 ? 1 : 0.6 + 0.4 * Math.sin(2 * Math.PI * (t + c) / 7);
                x[c][i] = (float) (g * env * p.next());
            }
        }
        return x;
    }

    /** 10 s mono "voice": a buzzy 90-140 Hz source through moving formants, in syllables with pauses. */
    static float[][] voice(int rate) {
        int n = rate * 10;
        float[] x = new float[n];
        double phase = 0;
        for (int i = 0; i < n; i++) {
            double t = i / (double) rate;
            double f0 = 115 + 25 * Math.sin(2 * Math.PI * 0.3 * t);
            phase += f0 / rate;
            double syl = t % 0.25;
            double word = t % 2.0;
            double env = word < 1.5 ? Math.sin(Math.PI * syl / 0.25) : 0.0;
            double v = 0;
            double f1 = 500 + 300 * Math.sin(2 * Math.PI * 1.7 * t);
            double f2 = 1500 + 600 * Math.sin(2 * Math.PI * 1.1 * t);
            for (int h = 1; h <= 12; h++) {
                double fh = h * f0;
                double w = 1 / (1 + Math.pow((fh - f1) / 120, 2)) + 0.5 / (1 + Math.pow((fh - f2) / 200, 2));
                v += w * Math.sin(2 * Math.PI * h * phase) / Math.sqrt(h);
            }
            x[i] = (float) (0.15 * env * env * v);
        }
        return new float[][] {x};
    }
}
