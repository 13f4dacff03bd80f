package topdown.model;

import java.util.Objects;

/**
 * Pan position from -1 (hard left) through 0 (centre) to +1 (hard right), and stereo width
 * (1 = as recorded, 0 = collapsed to mono, -1 = swapped). Width matters only for stereo channels, and
 * only when {@code stereo} is {@link Stereo#WIDTH}.
 */
public record Pan(double position, double width, Stereo stereo) {
    public static final Pan CENTRE = new Pan(0.0, 1.0);

    /** How a stereo source is panned. */
    public enum Stereo {
        /** A balance control: the position turns one side down and leaves the other (width unused). */
        BALANCE,
        /**
         * Each channel is a mono source placed by the pan law: left at position - width, right at
         * position + width (on the -1..1 scale; Ardour's "Equal Power Stereo" panner).
         */
        WIDTH
    }

    public Pan {
        if (!(position >= -1.0 && position <= 1.0)) {
            throw new IllegalArgumentException("pan position outside -1..1: " + position);
        }
        if (!(width >= -1.0 && width <= 1.0)) {
            throw new IllegalArgumentException("pan width outside -1..1: " + width);
        }
        Objects.requireNonNull(stereo, "stereo");
    }

    public Pan(double position, double width) {
        this(position, width, Stereo.BALANCE);
    }

    public static Pan of(double position) {
        return new Pan(position, 1.0);
    }
}
