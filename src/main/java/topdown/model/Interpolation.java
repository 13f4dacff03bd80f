package topdown.model;

/** How values between automation (or envelope) points are reached. */
public enum Interpolation {
    /** Hold the previous value until the next point. */
    STEP,
    /** Straight line in the parameter's stored unit (linear gain factor, pan position). */
    LINEAR,
    /** Straight line in dB (Ardour's "exponential"/gain-curve behaviour for fader automation). */
    LINEAR_DB,
    /**
     * Ardour's gain automation ("Exponential" in the session file; fader, send level, region envelope): a
     * straight line on the fader's position scale, pos(g) = ((6·log2(g) + 192) / 198)^8 with g the gain
     * factor over Ardour's default gain ceiling of 2 (+6 dB) times 2, i.e. g itself; the gain between two
     * points is pos⁻¹(pos(a) + f·(pos(b) - pos(a))). It is neither linear in gain nor linear in dB.
     */
    ARDOUR_GAIN,
    /** Reaper's per-point shapes approximated by the format's own curve; see the point's shape. */
    CURVE
}
