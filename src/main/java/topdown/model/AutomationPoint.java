package topdown.model;

/**
 * One automation point: time in session samples and value in the lane's unit (linear gain factor for
 * gain lanes, -1..1 for pan). {@code shape} carries a format's per-point curve (Reaper) or 0.
 */
public record AutomationPoint(long sample, double value, double shape) {
    public static AutomationPoint of(long sample, double value) {
        return new AutomationPoint(sample, value, 0.0);
    }
}
