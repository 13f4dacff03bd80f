package topdown.model;

import java.util.List;

/** The tempo map: changes in time order; the first applies from the session start. */
public record Tempo(List<Change> changes) {
    public static final Tempo DEFAULT = new Tempo(List.of(new Change(0, 120.0, 4, 4)));

    public record Change(long sample, double bpm, int beatsPerBar, int noteValue) {
    }

    public Tempo {
        changes = List.copyOf(changes);
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("tempo map needs at least one change");
        }
    }

    public double bpm() {
        return changes.get(0).bpm();
    }
}
