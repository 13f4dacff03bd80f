package topdown.render;

import java.util.List;
import topdown.model.Automation;
import topdown.model.AutomationPoint;
import topdown.model.Interpolation;

/**
 * Evaluates an automation lane sample by sample, moving forward through its points (amortised O(1) per
 * sample for increasing times; a jump backwards restarts the search).
 *
 * <p>With a {@code cycle} (Ardour sessions) the lane is read the way Ardour reads it: once per process
 * cycle of {@code cycle} samples counted from {@code origin} (the render start), as a vector of n values
 * spread evenly from the cycle's first sample to the next cycle's first sample, i.e. at
 * x = b + i·n/(n-1) for sample b + i of a cycle [b, b + n). The last value of each cycle is therefore the
 * lane's value at the start of the next one.
 */
final class LaneCursor {
    private final List<AutomationPoint> pts;
    private final Interpolation interp;
    private final long origin;
    private final long end;
    private final int cycle;
    private int idx;

    LaneCursor(Automation lane) {
        this(lane, 0, Long.MAX_VALUE, 0);
    }

    LaneCursor(Automation lane, long origin, long end, int cycle) {
        this.pts = lane.points();
        this.interp = lane.interpolation();
        this.origin = origin;
        this.end = end;
        this.cycle = cycle;
    }

    double valueAt(long t) {
        if (cycle <= 1 || t < origin) {
            return valueAt((double) t);
        }
        long b = origin + (t - origin) / cycle * cycle;
        long n = Math.min(cycle, end - b);
        if (n <= 1) {
            return valueAt((double) t);
        }
        return valueAt(b + (t - b) * (double) n / (n - 1));
    }

    double valueAt(double t) {
        int n = pts.size();
        if (t <= pts.get(0).sample()) {
            idx = 0;
            return pts.get(0).value();
        }
        if (t >= pts.get(n - 1).sample()) {
            idx = n - 1;
            return pts.get(n - 1).value();
        }
        if (idx >= n - 1 || pts.get(idx).sample() > t) {
            idx = 0;
        }
        while (idx + 1 < n && pts.get(idx + 1).sample() <= t) {
            idx++;
        }
        AutomationPoint a = pts.get(idx);
        AutomationPoint b = pts.get(idx + 1);
        if (interp == Interpolation.STEP || b.sample() == a.sample()) {
            return a.value();
        }
        double f = (t - a.sample()) / (double) (b.sample() - a.sample());
        if (interp == Interpolation.ARDOUR_GAIN) {
            return Automation.ardourGain(a.value(), b.value(), f);
        }
        if (interp == Interpolation.LINEAR_DB && a.value() > 0 && b.value() > 0) {
            return Math.exp(Math.log(a.value()) + (Math.log(b.value()) - Math.log(a.value())) * f);
        }
        return a.value() + (b.value() - a.value()) * f;
    }
}
