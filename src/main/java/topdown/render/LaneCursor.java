package topdown.render;

import java.util.List;
import topdown.model.Automation;
import topdown.model.AutomationPoint;
import topdown.model.Interpolation;

/**
 * Evaluates an automation lane sample by sample, moving forward through its points (amortised O(1) per
 * sample for increasing times; a jump backwards restarts the search). Lanes of a session whose DAW reads
 * them per process cycle are read by {@link CycleReader} instead.
 */
final class LaneCursor {
    private final List<AutomationPoint> pts;
    private final Interpolation interp;
    private int idx;

    LaneCursor(Automation lane) {
        this.pts = lane.points();
        this.interp = lane.interpolation();
    }

    double valueAt(long t) {
        return valueAt((double) t);
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
