package topdown.model;

import java.util.List;
import java.util.Objects;

/**
 * An automation lane (or a clip gain envelope). {@code active} is false when the DAW would not play
 * it back (Ardour "Manual"/"Off" state, Reaper's bypassed envelope): the renderer then ignores it.
 * {@code musicTime}: the DAW keeps the lane's times in beats (Ardour's {@code time-domain="BeatTime"}, the
 * default for pan lanes); the points still carry their sample times at the session tempo, and a renderer
 * that reads lanes per cycle (see {@link Playback}) reads such a lane on the DAW's beat grid.
 */
public record Automation(Parameter parameter, List<AutomationPoint> points, Interpolation interpolation,
                         boolean active, boolean musicTime) {
    public enum Parameter { GAIN, TRIM, PAN, WIDTH, MUTE, CLIP_GAIN }

    /** A lane in audio time. */
    public Automation(Parameter parameter, List<AutomationPoint> points, Interpolation interpolation, boolean active) {
        this(parameter, points, interpolation, active, false);
    }

    public Automation {
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(interpolation, "interpolation");
        points = List.copyOf(points);
        for (int i = 1; i < points.size(); i++) {
            if (points.get(i).sample() < points.get(i - 1).sample()) {
                throw new IllegalArgumentException(parameter + " automation points out of order at " + i);
            }
        }
    }

    public boolean isEmpty() {
        return points.isEmpty();
    }

    /** Value at a sample, following the lane's interpolation (before the first point: its value). */
    public double valueAt(long sample) {
        if (points.isEmpty()) {
            throw new IllegalStateException("empty automation");
        }
        AutomationPoint first = points.get(0);
        if (sample <= first.sample()) {
            return first.value();
        }
        int lo = 0;
        int hi = points.size() - 1;
        if (sample >= points.get(hi).sample()) {
            return points.get(hi).value();
        }
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (points.get(mid).sample() <= sample) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        AutomationPoint a = points.get(lo);
        AutomationPoint b = points.get(hi);
        double t = (double) (sample - a.sample()) / (double) (b.sample() - a.sample());
        switch (interpolation) {
            case STEP:
                return a.value();
            case LINEAR_DB: {
                if (a.value() <= 0 || b.value() <= 0) {
                    return a.value() + (b.value() - a.value()) * t;
                }
                double da = Math.log(a.value());
                double db = Math.log(b.value());
                return Math.exp(da + (db - da) * t);
            }
            case ARDOUR_GAIN:
                return ardourGain(a.value(), b.value(), t);
            case LINEAR:
            case CURVE:
            default:
                return a.value() + (b.value() - a.value()) * t;
        }
    }

    /**
     * Ardour's gain interpolation (see {@link Interpolation#ARDOUR_GAIN}): linear on the fader position
     * pos(g) = ((6·log2(g) + 192) / 198)^8 (pos(0) = 0), between gains a and b at fraction t.
     */
    public static double ardourGain(double a, double b, double t) {
        double pa = faderPosition(a);
        double pb = faderPosition(b);
        double p = pa + t * (pb - pa);
        return p == 0 ? 0 : Math.exp((Math.pow(p, 1.0 / 8.0) * 198.0 - 192.0) / 6.0 * Math.log(2.0));
    }

    private static double faderPosition(double g) {
        return g == 0 ? 0 : Math.pow((6.0 * Math.log(g) / Math.log(2.0) + 192.0) / 198.0, 8.0);
    }
}
