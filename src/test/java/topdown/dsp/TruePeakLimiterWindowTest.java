package topdown.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The limiter's running minimum (a monotonic deque), its mirrored interpolation history and its per-channel
 * estimate pass (two channels at once) against the plain definition — the minimum over every slot of the
 * look-ahead window, a ring history — sample for sample, bit for bit, over block sizes that do and do not
 * fork, on bursts that make the gain move.
 */
class TruePeakLimiterWindowTest {

    /** The definition, written plainly (one sample at a time, the window scanned whole). */
    static final class Plain {
        final int channels;
        final int lookahead;
        final double ceiling;
        final double releaseCoeff;
        final double[][] phases;
        final int factor;
        final double[][] hist;
        final int[] hpos;
        final float[][] delay;
        final double[] need;
        final double[] ramp;
        int pos;
        int rampPos;
        double avgSum;
        double gain = 1;

        Plain(int rate, int channels, double ceilingDbtp, double lookaheadMs, double releaseMs) {
            this.channels = channels;
            lookahead = Math.max(8, (int) Math.round(rate * lookaheadMs / 1000));
            ceiling = Math.pow(10, (ceilingDbtp - 0.05) / 20);
            releaseCoeff = Math.exp(-1 / (rate * releaseMs / 1000));
            factor = rate < 96000 ? 4 : rate < 192000 ? 2 : 1;
            phases = new double[factor][24];
            double beta = 8.0;
            double i0 = SincResampler.bessel0(beta);
            for (int p = 0; p < factor; p++) {
                for (int k = 0; k < 24; k++) {
                    double tau = (11 + p / (double) factor) - k;
                    double r = tau / 12;
                    double w = Math.abs(r) >= 1 ? 0 : SincResampler.bessel0(beta * Math.sqrt(1 - r * r)) / i0;
                    phases[p][k] = (tau == 0 ? 1 : Math.sin(Math.PI * tau) / (Math.PI * tau)) * w;
                }
            }
            hist = new double[channels][24];
            hpos = new int[channels];
            delay = new float[channels][lookahead];
            need = new double[lookahead];
            java.util.Arrays.fill(need, 1.0);
            ramp = new double[Math.max(1, lookahead / 2)];
            java.util.Arrays.fill(ramp, 1.0);
            avgSum = ramp.length;
        }

        void process(float[][] x, int n) {
            for (int i = 0; i < n; i++) {
                double peak = 0;
                float[] late = new float[channels];
                for (int c = 0; c < channels; c++) {
                    double[] h = hist[c];
                    h[hpos[c]] = x[c][i];
                    int newest = hpos[c];
                    hpos[c] = (hpos[c] + 1) % 24;
                    double pk = Math.abs(h[(newest - 11 + 24) % 24]);
                    for (int p = 1; p < factor; p++) {
                        double acc = 0;
                        for (int k = 0; k < 24; k++) {
                            acc += phases[p][k] * h[(newest - k + 24) % 24];
                        }
                        pk = Math.max(pk, Math.abs(acc));
                    }
                    pk = Math.max(pk, Math.abs(h[(newest - 10 + 24) % 24]));
                    peak = Math.max(peak, pk);
                    late[c] = (float) h[(newest - 11 + 24) % 24];
                }
                double req = peak > ceiling ? ceiling / peak : 1.0;
                double held = req;
                for (double v : need) {
                    held = Math.min(held, v);
                }
                need[pos] = req;
                avgSum += held - ramp[rampPos];
                ramp[rampPos] = held;
                rampPos = (rampPos + 1) % ramp.length;
                double smooth = Math.min(1.0, avgSum / ramp.length);
                gain = smooth <= gain ? smooth : releaseCoeff * gain + (1 - releaseCoeff) * smooth;
                for (int c = 0; c < channels; c++) {
                    float out = delay[c][pos];
                    delay[c][pos] = late[c];
                    x[c][i] = (float) (out * gain);
                }
                pos = (pos + 1) % lookahead;
            }
        }
    }

    @Test
    void sameBitsAsThePlainDefinition() {
        for (int channels = 1; channels <= 2; channels++) {
            Random rnd = new Random(40 + channels);
            int total = 48000;
            float[][] sig = new float[channels][total];
            for (int i = 0; i < total; i++) {
                double env = (i / 3000) % 3 == 0 ? 2.5 : 0.3; // bursts well over the ceiling
                for (int c = 0; c < channels; c++) {
                    sig[c][i] = (float) (env * Math.sin(i * (0.05 + 0.01 * c)) + 0.05 * rnd.nextGaussian());
                }
            }
            TruePeakLimiter fast = new TruePeakLimiter(48000, channels, -1, 5, 80);
            Plain plain = new Plain(48000, channels, -1, 5, 80);
            int at = 0;
            int[] sizes = {1, 7, 4096, 300, 2048, 16384, 5};
            for (int b = 0; at < total; b++) {
                int n = Math.min(total - at, sizes[b % sizes.length]);
                float[][] a = new float[channels][n];
                float[][] p = new float[channels][n];
                for (int c = 0; c < channels; c++) {
                    System.arraycopy(sig[c], at, a[c], 0, n);
                    System.arraycopy(sig[c], at, p[c], 0, n);
                }
                fast.process(a, n);
                plain.process(p, n);
                for (int c = 0; c < channels; c++) {
                    for (int i = 0; i < n; i++) {
                        assertEquals(Float.floatToRawIntBits(p[c][i]), Float.floatToRawIntBits(a[c][i]),
                                channels + " ch, channel " + c + ", sample " + (at + i));
                    }
                }
                at += n;
            }
            assertTrue(fast.minGain() < 0.5, "the bursts were limited: min gain " + fast.minGain());
        }
    }
}
