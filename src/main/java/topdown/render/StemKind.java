package topdown.render;

/** Which stems a render writes. */
public enum StemKind {
    TRACKS, GROUPS, MASTER;

    /** Parses "tracks,groups,master". */
    public static java.util.Set<StemKind> parse(String list) {
        java.util.EnumSet<StemKind> out = java.util.EnumSet.noneOf(StemKind.class);
        for (String s : list.split(",")) {
            String t = s.trim().toUpperCase(java.util.Locale.ROOT);
            if (t.isEmpty()) {
                continue;
            }
            if (t.equals("BUSES")) {
                t = "GROUPS";
            }
            try {
                out.add(StemKind.valueOf(t));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("usage: unknown stem kind '" + s + "' (tracks, groups, master)");
            }
        }
        return out;
    }
}
