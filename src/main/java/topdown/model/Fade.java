package topdown.model;

import java.util.Objects;

/**
 * A clip fade: length in session samples, shape, and a shape parameter (Reaper's curve -1..1; 0
 * elsewhere).
 */
public record Fade(long lengthSamples, FadeShape shape, double curve) {
    public static final Fade NONE = new Fade(0, FadeShape.LINEAR, 0.0);

    public Fade {
        if (lengthSamples < 0) {
            throw new IllegalArgumentException("fade length < 0: " + lengthSamples);
        }
        Objects.requireNonNull(shape, "shape");
    }

    public static Fade of(long lengthSamples, FadeShape shape) {
        return new Fade(lengthSamples, shape, 0.0);
    }

    public boolean isNone() {
        return lengthSamples == 0;
    }
}
