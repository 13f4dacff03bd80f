package topdown.model;

/** What an insert does, as CLI.md names it. */
public enum InsertKind {
    EQ, COMPRESSOR, LIMITER, GATE, REVERB, DELAY, SATURATION, OTHER;

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Guess the kind from a plugin name (used by every reader for third-party plugins). */
    public static InsertKind guess(String pluginName) {
        String n = pluginName == null ? "" : pluginName.toLowerCase(java.util.Locale.ROOT);
        if (n.contains("limit") || n.contains("maximi")) {
            return LIMITER;
        }
        if (n.contains("comp") || n.contains("1176") || n.contains("la-2") || n.contains("dynamics")) {
            return COMPRESSOR;
        }
        if (n.contains("gate") || n.contains("expander") || n.contains("a-exp")) {
            return GATE;
        }
        if (n.contains("eq") || n.contains("equal") || n.contains("filter") || n.contains("pultec")) {
            return EQ;
        }
        if (n.contains("reverb") || n.contains("verb") || n.contains("room") || n.contains("hall")) {
            return REVERB;
        }
        if (n.contains("delay") || n.contains("echo")) {
            return DELAY;
        }
        if (n.contains("satur") || n.contains("distort") || n.contains("drive") || n.contains("tape")) {
            return SATURATION;
        }
        return OTHER;
    }
}
