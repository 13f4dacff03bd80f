package topdown.model;

/**
 * Fade curve shapes across the formats. The renderer implements each with the owning DAW's formula.
 * Ardour: LINEAR, FAST, SLOW, CONSTANT_POWER, SYMMETRIC. Reaper (FADEIN/FADEOUT shape 0..6 with a curve
 * value): LINEAR, REAPER_FAST_START, REAPER_FAST_END, REAPER_SLOW_START_END (S), REAPER_SHARP,
 * CONSTANT_POWER. AAF/DAWproject: LINEAR, CONSTANT_POWER, EXPONENTIAL, LOGARITHMIC, S_CURVE.
 */
public enum FadeShape {
    LINEAR,
    CONSTANT_POWER,
    FAST,
    SLOW,
    SYMMETRIC,
    EXPONENTIAL,
    LOGARITHMIC,
    S_CURVE,
    REAPER_FAST_START,
    REAPER_FAST_END,
    REAPER_SLOW_START_END,
    REAPER_SHARP
}
