package topdown.model;

/** How values between automation (or envelope) points are reached. */
public enum Interpolation {
    /** Hold the previous value until the next point. */
    STEP,
    /** Straight line in the parameter's stored unit (linear gain factor, pan position). */
    LINEAR,
    /** Straight line in dB (Ardour's "exponential"/gain-curve behaviour for fader automation). */
    LINEAR_DB,
    /** Reaper's per-point shapes approximated by the format's own curve; see the point's shape. */
    CURVE
}
