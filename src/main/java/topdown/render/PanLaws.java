package topdown.render;

import topdown.model.PanLaw;

/**
 * Left/right gains for a pan position p in [-1, 1] (a = (p + 1) / 2 is the DAW's 0..1 azimuth).
 *
 * <ul>
 * <li>ARDOUR, mono source: Ardour's "Equal Power" panner, -3 dB at centre:
 * L = (1-a)·(s·(1-a) + 1 - s), R = a·(s·a + 1 - s), s = 2 - 4·10^(-3/20).
 * Stereo source: Ardour's "Stereo Balance": a &gt; 0.5 turns L down to 2·(1-a), a &lt; 0.5 turns R down to
 * 2·a, centre leaves both at unity.</li>
 * <li>EQUAL_POWER_MINUS_3DB: L = cos(a·π/2), R = sin(a·π/2). EQUAL_POWER_0DB: the same times √2.</li>
 * <li>LINEAR_MINUS_6DB: L = 1 - a, R = a.</li>
 * <li>BALANCE: L = min(1, 2·(1-a)), R = min(1, 2·a).</li>
 * </ul>
 * Stereo sources under every law other than ARDOUR use the balance form too (the common DAW default).
 */
public final class PanLaws {
    private static final double ARDOUR_S = 2 - 4 * Math.pow(10, -3 / 20.0);

    private PanLaws() {
    }

    /** Gains {left, right} for a mono source. */
    public static double[] mono(PanLaw law, double p) {
        double a = Math.max(0, Math.min(1, (p + 1) / 2));
        switch (law) {
            case ARDOUR:
                return new double[] {(1 - a) * (ARDOUR_S * (1 - a) + 1 - ARDOUR_S), a * (ARDOUR_S * a + 1 - ARDOUR_S)};
            case EQUAL_POWER_0DB:
                return new double[] {Math.sqrt(2) * Math.cos(a * Math.PI / 2), Math.sqrt(2) * Math.sin(a * Math.PI / 2)};
            case LINEAR_MINUS_6DB:
                return new double[] {1 - a, a};
            case BALANCE:
                return balance(a);
            case EQUAL_POWER_MINUS_3DB:
            default:
                return new double[] {Math.cos(a * Math.PI / 2), Math.sin(a * Math.PI / 2)};
        }
    }

    /** Gains {left-channel, right-channel} for a stereo source (balance). */
    public static double[] stereo(PanLaw law, double p) {
        double a = Math.max(0, Math.min(1, (p + 1) / 2));
        return balance(a);
    }

    /**
     * Gains {left→L, left→R, right→L, right→R} for a stereo source under a width panner (Ardour's "Equal
     * Power Stereo"): each channel is panned as a mono source, the left one at p - w and the right one at
     * p + w (clamped to -1..1).
     */
    public static double[] stereoWidth(PanLaw law, double p, double w) {
        double[] l = mono(law, Math.max(-1, Math.min(1, p - w)));
        double[] r = mono(law, Math.max(-1, Math.min(1, p + w)));
        return new double[] {l[0], l[1], r[0], r[1]};
    }

    private static double[] balance(double a) {
        return new double[] {Math.min(1, 2 * (1 - a)), Math.min(1, 2 * a)};
    }
}
