package topdown.model;

import java.util.Objects;

/** A marker, or a range (region/loop/punch) when {@code endSamples} is greater than the position. */
public record Marker(String name, long positionSamples, long endSamples) {
    public Marker {
        Objects.requireNonNull(name, "name");
    }

    public static Marker at(String name, long positionSamples) {
        return new Marker(name, positionSamples, positionSamples);
    }
}
