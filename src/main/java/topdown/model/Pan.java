package topdown.model;

/**
 * Pan position from -1 (hard left) through 0 (centre) to +1 (hard right), and stereo width
 * (1 = as recorded, 0 = collapsed to mono, -1 = swapped). Width matters only for stereo channels.
 */
public record Pan(double position, double width) {
    public static final Pan CENTRE = new Pan(0.0, 1.0);

    public Pan {
        if (!(position >= -1.0 && position <= 1.0)) {
            throw new IllegalArgumentException("pan position outside -1..1: " + position);
        }
        if (!(width >= -1.0 && width <= 1.0)) {
            throw new IllegalArgumentException("pan width outside -1..1: " + width);
        }
    }

    public static Pan of(double position) {
        return new Pan(position, 1.0);
    }
}
