package topdown.grouping;

import java.util.Locale;

/** The groups TopDown assigns tracks to (CLI.md's suggest-groups names). */
public enum Group {
    DRUMS, BASS, VOCALS, BACKINGS, GUITARS, KEYS, STRINGS, BRASS, FX, OTHER;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Bus name a mix engineer would give the group. */
    public String busName() {
        switch (this) {
            case FX: return "FX";
            case BACKINGS: return "Backing Vocals";
            default: return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
        }
    }
}
