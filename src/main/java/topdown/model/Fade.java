package topdown.model;

import java.util.List;
import java.util.Objects;

/**
 * A clip fade: length in session samples, shape, and a shape parameter (Reaper's curve -1..1; 0
 * elsewhere). {@code points} optionally holds the fade's own gain curve as the DAW stored it (Ardour keeps
 * every fade as a list of breakpoints: times in session samples from the fade's start, possibly fractional,
 * and the gain there; a fade out's points fall). When present the renderer follows the points the way the
 * DAW does; the shape then only names the curve. Empty for formats that store a shape only.
 */
public record Fade(long lengthSamples, FadeShape shape, double curve, List<Point> points) {
    public static final Fade NONE = new Fade(0, FadeShape.LINEAR, 0.0);

    /** One stored breakpoint of a fade curve. */
    public record Point(double sample, double gain) {
    }

    public Fade {
        if (lengthSamples < 0) {
            throw new IllegalArgumentException("fade length < 0: " + lengthSamples);
        }
        Objects.requireNonNull(shape, "shape");
        points = List.copyOf(points);
        for (int i = 1; i < points.size(); i++) {
            if (points.get(i).sample() < points.get(i - 1).sample()) {
                throw new IllegalArgumentException("fade points out of order at " + i);
            }
        }
    }

    public Fade(long lengthSamples, FadeShape shape, double curve) {
        this(lengthSamples, shape, curve, List.of());
    }

    public static Fade of(long lengthSamples, FadeShape shape) {
        return new Fade(lengthSamples, shape, 0.0);
    }

    public Fade withPoints(List<Point> stored) {
        return new Fade(lengthSamples, shape, curve, stored);
    }

    public boolean isNone() {
        return lengthSamples == 0;
    }
}
