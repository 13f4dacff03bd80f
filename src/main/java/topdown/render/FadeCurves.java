package topdown.render;

import topdown.model.FadeShape;

/**
 * Fade gain curves. {@code fadeIn(shape, curve, t)} gives the gain at progress {@code t} in [0, 1] of a
 * fade in; a fade out of progress t uses {@code fadeIn(shape, curve, 1 - t)}.
 *
 * <ul>
 * <li>LINEAR: g = t (Reaper bends it with its curve value c: g = t^(2^(-2c)), c = 0 straight).</li>
 * <li>CONSTANT_POWER: g = sin(t·π/2) (equal power; -3 dB at the middle).</li>
 * <li>FAST (Ardour "fast"): a straight line in dB from -60 dB to 0 dB, offset to start at silence.</li>
 * <li>SLOW (Ardour "slow"): in dB, -u - 79·u² with u = 1 - t (Ardour merges a -1 dB and a -80 dB
 * fade in the dB domain, weighting the steep one by u), offset to start at silence.</li>
 * <li>SYMMETRIC, S_CURVE, REAPER_SLOW_START_END: g = (1 - cos(t·π)) / 2.</li>
 * <li>EXPONENTIAL, REAPER_FAST_END: g = t²; LOGARITHMIC, REAPER_FAST_START: g = 1 - (1 - t)².</li>
 * <li>REAPER_SHARP: g = t⁴ (steep end).</li>
 * </ul>
 */
public final class FadeCurves {
    private static final double FAST_FLOOR = Math.pow(10, -60 / 20.0);
    private static final double SLOW_FLOOR = Math.pow(10, -80 / 20.0);

    private FadeCurves() {
    }

    public static double fadeIn(FadeShape shape, double curve, double t) {
        if (t <= 0) {
            return 0;
        }
        if (t >= 1) {
            return 1;
        }
        switch (shape) {
            case LINEAR:
                return curve == 0 ? t : Math.pow(t, Math.pow(2, -2 * curve));
            case CONSTANT_POWER:
                return Math.sin(t * Math.PI / 2);
            case FAST:
                return fast(t);
            case SLOW:
                return slow(t);
            case SYMMETRIC:
            case S_CURVE:
            case REAPER_SLOW_START_END:
                return (1 - Math.cos(t * Math.PI)) / 2;
            case EXPONENTIAL:
            case REAPER_FAST_END:
                return t * t;
            case LOGARITHMIC:
            case REAPER_FAST_START:
                return 1 - (1 - t) * (1 - t);
            case REAPER_SHARP:
                return t * t * t * t;
            default:
                return t;
        }
    }

    private static double slow(double t) {
        double u = 1 - t;
        double g = Math.pow(10, (-u - 79 * u * u) / 20.0);
        return (g - SLOW_FLOOR) / (1 - SLOW_FLOOR);
    }

    private static double fast(double t) {
        double g = Math.pow(10, -60 * (1 - t) / 20.0);
        return (g - FAST_FLOOR) / (1 - FAST_FLOOR);
    }
}
