package topdown.dsp;

import java.util.Map;

/**
 * A model of Ardour's ACE EQ (LV2 {@code urn:ardour:a-eq}, Ardour 7.3), so that a session holding one renders
 * the way Ardour plays it. Written from a study of the plugin's design (not its code):
 * <ul>
 * <li>six sections in series: a low shelf, four peaking bands, a high shelf, each a linear trapezoidal
 * state-variable filter (Cytomic, "SvfLinearTrapOptimised2") in double precision whose output is rounded to float
 * between sections, then a master gain;</li>
 * <li>peaking band: g = tan(π f/fs), k = 1/(Q·A), A = 10^(dB/40), Q = 2^(bw/2)/(2^bw − 1) from the bandwidth
 * {@code bw} in octaves; out = x + k(A²−1)·band;</li>
 * <li>shelves: fixed resonance Q = 0.7071068, k = 1/Q, the corner g = tan(π f/fs) NOT scaled by √A; low shelf
 * out = x + k(A−1)·band + (A²−1)·low, high shelf out = A²·x + kA(1−A)·band + (1−A²)·low;</li>
 * <li>parameter smoothing: the plugin's working values start at 0 and move towards the ports by a one-pole step
 * τ = 1 − e^(−2π·64·25/fs) per 64-sample block, in float, and stop once within 0.1 Hz, 0.05 dB (gains;
 * towards 0 dB when a section or the plugin is off), 0.001 octave (bandwidth), 0.1 dB (master). Ardour runs
 * plugins on silence before an export starts, so a static setting is heard at the values where that
 * smoothing stopped: up to 0.1 Hz / 0.05 dB / 0.001 octave short of the ports ({@link #settle}).</li>
 * </ul>
 * Parameters are the plugin's port symbols (as in the session's {@code lv2} state) or Ardour's labels.
 */
public final class AceEq {
    public static final String URI = "urn:ardour:a-eq";
    /** Ardour's fixed shelf resonance. */
    public static final float SHELF_Q = 0.7071068f;

    static final String[] FREQ = {"freql", "freq1", "freq2", "freq3", "freq4", "freqh"};
    static final String[] GAIN = {"gl", "g1", "g2", "g3", "g4", "gh"};
    static final String[] BW = {null, "bw1", "bw2", "bw3", "bw4", null};
    static final String[] TOGGLE = {"filtogl", "filtog1", "filtog2", "filtog3", "filtog4", "filtogh"};
    static final String[] FREQ_LABEL = {"Frequency L", "Frequency 1", "Frequency 2", "Frequency 3", "Frequency 4",
        "Frequency H"};
    static final String[] GAIN_LABEL = {"Gain L", "Gain 1", "Gain 2", "Gain 3", "Gain 4", "Gain H"};
    static final String[] BW_LABEL = {null, "Bandwidth 1", "Bandwidth 2", "Bandwidth 3", "Bandwidth 4", null};
    static final String[] TOGGLE_LABEL = {"Filter L", "Filter 1", "Filter 2", "Filter 3", "Filter 4", "Filter H"};
    static final float[] FREQ_DEFAULT = {160, 300, 1000, 2500, 6000, 9000};

    private final int channels;
    /** Per section: the coefficients a1 a2 a3 m0 m1 m2 (null when the section is flat). */
    private final double[][] coef = new double[6][];
    private final double[][] s1;
    private final double[][] s2;
    private final double master;

    /** From the ports (by symbol or label); absent ports take the plugin's defaults. */
    public AceEq(double rate, int channels, Map<String, Double> ports) {
        this.channels = channels;
        float fs = (float) rate;
        boolean on = get(ports, "enable", "Enable", 1) > 0;
        float tau = tau(fs);
        for (int b = 0; b < 6; b++) {
            boolean sectionOn = on && get(ports, TOGGLE[b], TOGGLE_LABEL[b], 1) > 0;
            float f = settle((float) get(ports, FREQ[b], FREQ_LABEL[b], FREQ_DEFAULT[b]), 0.1f, tau);
            float g = settle(sectionOn ? (float) get(ports, GAIN[b], GAIN_LABEL[b], 0) : 0f, 0.05f, tau);
            float bw = BW[b] == null ? 0 : settle((float) get(ports, BW[b], BW_LABEL[b], 1), 0.001f, tau);
            if (g == 0f) {
                continue; // A = 1: the section passes its input unchanged
            }
            coef[b] = b == 0 ? lowShelf(g, fs, f, SHELF_Q) : b == 5 ? highShelf(g, fs, f, SHELF_Q) : peak(g, fs, f, bw);
        }
        float m = settle(on ? (float) get(ports, "master", "Master Gain", 0) : 0f, 0.1f, tau);
        this.master = Math.exp(m / 20.0 * Math.log(10.0));
        this.s1 = new double[6][channels];
        this.s2 = new double[6][channels];
    }

    static double get(Map<String, Double> p, String symbol, String label, double dflt) {
        Double v = p.get(symbol);
        if (v == null) {
            v = p.get(label);
        }
        return v == null ? dflt : v;
    }

    /** The smoothing step per 64-sample block. */
    static float tau(float fs) {
        return 1f - (float) Math.exp((float) (-2.0 * Math.PI * 64.0 * 25.0 / fs));
    }

    /** Where the plugin's float smoothing from 0 towards {@code target} stops (first value within {@code tol}). */
    public static float settle(float target, float tol, float tau) {
        float v = 0f;
        for (int i = 0; i < 100000 && !(Math.abs(v - target) < tol); i++) {
            v += tau * (target - v);
        }
        return v;
    }

    /** {@link #settle} at a sample rate with the tolerance of a frequency (0), gain (1) or bandwidth (2) port. */
    public static float settle(float target, int kind, double rate) {
        return settle(target, kind == 0 ? 0.1f : kind == 1 ? 0.05f : 0.001f, tau((float) rate));
    }

    private static double[] svf(double g, double k, double m0, double m1, double m2) {
        double a1 = 1.0 / (1.0 + g * (g + k));
        double a2 = g * a1;
        double a3 = g * a2;
        return new double[] {a1, a2, a3, m0, m1, m2};
    }

    static double[] peak(float gainDb, float fs, float hz, float bw) {
        double q = Math.pow(2.0, 0.5 * bw) / (Math.pow(2.0, bw) - 1.0);
        double a = Math.pow(10.0, gainDb / 40.0);
        double g = Math.tan(Math.PI * ((double) hz / fs));
        double k = 1.0 / (q * a);
        return svf(g, k, 1.0, k * (a * a - 1.0), 0.0);
    }

    static double[] lowShelf(float gainDb, float fs, float hz, float q) {
        double a = Math.pow(10.0, gainDb / 40.0);
        double g = Math.tan(Math.PI * ((double) hz / fs));
        double k = 1.0 / q;
        return svf(g, k, 1.0, k * (a - 1.0), a * a - 1.0);
    }

    static double[] highShelf(float gainDb, float fs, float hz, float q) {
        double a = Math.pow(10.0, gainDb / 40.0);
        double g = Math.tan(Math.PI * ((double) hz / fs));
        double k = 1.0 / q;
        return svf(g, k, a * a, k * (1.0 - a) * a, 1.0 - a * a);
    }

    public void process(float[][] x, int n) {
        for (int c = 0; c < x.length && c < channels; c++) {
            float[] v = x[c];
            for (int b = 0; b < 6; b++) {
                double[] k = coef[b];
                if (k == null) {
                    continue;
                }
                double z1 = s1[b][c];
                double z2 = s2[b][c];
                for (int i = 0; i < n; i++) {
                    double in = v[i];
                    double v3 = in - z2;
                    double v1 = k[0] * z1 + k[1] * v3;
                    double v2 = z2 + k[1] * z1 + k[2] * v3;
                    z1 = 2.0 * v1 - z1;
                    z2 = 2.0 * v2 - z2;
                    v[i] = (float) (k[3] * in + k[4] * v1 + k[5] * v2);
                }
                s1[b][c] = Double.isFinite(z1) ? z1 : 0;
                s2[b][c] = Double.isFinite(z2) ? z2 : 0;
            }
            if (master != 1.0) {
                for (int i = 0; i < n; i++) {
                    v[i] = (float) (v[i] * master);
                }
            }
        }
    }
}
