package topdown.model;

public enum TrackKind {
    AUDIO, MIDI, INSTRUMENT;

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
