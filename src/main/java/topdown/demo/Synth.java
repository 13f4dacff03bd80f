package topdown.demo;

import java.util.SplittableRandom;

/**
 * Small synthesis toolkit for the demo song: oscillators, envelopes, filters and mixing into fixed
 * buffers. Everything is deterministic from the random generator handed in.
 */
final class Synth {
    private Synth() {
    }

    static double midiHz(double note) {
        return 440.0 * Math.pow(2.0, (note - 69.0) / 12.0);
    }

    /** Adds {@code src} (one channel) into {@code dst} at {@code at}, scaled. */
    static void addInto(float[] dst, double[] src, int at, double gain) {
        for (int i = 0; i < src.length; i++) {
            int j = at + i;
            if (j >= 0 && j < dst.length) {
                dst[j] += (float) (src[i] * gain);
            }
        }
    }

    /** Band-limited-ish sawtooth from a sum of harmonics below Nyquist (up to {@code maxHarm}). */
    static double[] additive(double hz, double seconds, int rate, int maxHarm, double tilt, double vibratoHz,
                             double vibratoCents, double detuneCents) {
        int n = (int) (seconds * rate);
        double[] out = new double[n];
        double f0 = hz * Math.pow(2, detuneCents / 1200.0);
        int harmonics = (int) Math.min(maxHarm, Math.floor(0.45 * rate / f0));
        double[] weights = new double[harmonics + 1];
        for (int h = 1; h <= harmonics; h++) {
            weights[h] = 1.0 / Math.pow(h, tilt);
        }
        double phase = 0;
        for (int i = 0; i < n; i++) {
            double t = i / (double) rate;
            double f = f0 * Math.pow(2, vibratoCents / 1200.0 * Math.sin(2 * Math.PI * vibratoHz * t)
                    * Math.min(1.0, t / 0.3));
            phase += 2 * Math.PI * f / rate;
            if (phase > 2 * Math.PI) {
                phase -= 2 * Math.PI;
            }
            // sin(h·x) by the Chebyshev recurrence: one multiply-add per harmonic.
            double s1 = Math.sin(phase);
            double twoCos = 2 * Math.cos(phase);
            double prev = 0;
            double cur = s1;
            double s = 0;
            for (int h = 1; h <= harmonics; h++) {
                s += cur * weights[h];
                double next = twoCos * cur - prev;
                prev = cur;
                cur = next;
            }
            out[i] = s;
        }
        return out;
    }

    /** Attack/decay/sustain/release envelope applied in place (times in seconds). */
    static void adsr(double[] x, int rate, double a, double d, double s, double r) {
        int n = x.length;
        int rel = Math.min(n, (int) (r * rate));
        for (int i = 0; i < n; i++) {
            double t = i / (double) rate;
            double e;
            if (t < a) {
                e = t / a;
            } else if (t < a + d) {
                e = 1 - (1 - s) * (t - a) / d;
            } else {
                e = s;
            }
            int fromEnd = n - i;
            if (fromEnd < rel) {
                e *= fromEnd / (double) rel;
            }
            x[i] *= e;
        }
    }

    static void expDecay(double[] x, int rate, double tau) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= Math.exp(-i / (rate * tau));
        }
    }

    /** One-pole low-pass in place. */
    static void lowpass(double[] x, int rate, double hz) {
        double a = Math.exp(-2 * Math.PI * hz / rate);
        double y = 0;
        for (int i = 0; i < x.length; i++) {
            y = (1 - a) * x[i] + a * y;
            x[i] = y;
        }
    }

    /** One-pole high-pass in place. */
    static void highpass(double[] x, int rate, double hz) {
        double a = Math.exp(-2 * Math.PI * hz / rate);
        double y = 0;
        double prev = 0;
        for (int i = 0; i < x.length; i++) {
            y = a * (y + x[i] - prev);
            prev = x[i];
            x[i] = y;
        }
    }

    /** Two-pole resonant band-pass (RBJ constant-peak form) in place. */
    static void bandpass(double[] x, int rate, double hz, double q) {
        double w = 2 * Math.PI * hz / rate;
        double alpha = Math.sin(w) / (2 * q);
        double b0 = alpha;
        double b2 = -alpha;
        double a0 = 1 + alpha;
        double a1 = -2 * Math.cos(w);
        double a2 = 1 - alpha;
        double x1 = 0;
        double x2 = 0;
        double y1 = 0;
        double y2 = 0;
        for (int i = 0; i < x.length; i++) {
            double y = (b0 * x[i] + b2 * x2 - a1 * y1 - a2 * y2) / a0;
            x2 = x1;
            x1 = x[i];
            y2 = y1;
            y1 = y;
            x[i] = y;
        }
    }

    static double[] noise(SplittableRandom rnd, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = rnd.nextDouble() * 2 - 1;
        }
        return out;
    }

    static double peak(float[][] x) {
        double p = 0;
        for (float[] ch : x) {
            for (float v : ch) {
                p = Math.max(p, Math.abs(v));
            }
        }
        return p;
    }

    /** Scales all channels so the peak is {@code dbfs}. */
    static void normalise(float[][] x, double dbfs) {
        double p = peak(x);
        if (p == 0) {
            return;
        }
        float g = (float) (Math.pow(10, dbfs / 20) / p);
        for (float[] ch : x) {
            for (int i = 0; i < ch.length; i++) {
                ch[i] *= g;
            }
        }
    }
}
