package topdown.format;

/**
 * One thing a target format cannot hold (a row of the {@code topdown.loss/1} report). kind is one of
 * clip-gain-envelope, fade-shape, automation, send, plugin, routing, marker, tempo, pan-law, polarity,
 * trim, midi, other. Times are seconds (NaN when not time-bound).
 */
public record Loss(String kind, String track, double startSeconds, double endSeconds, String detail) {
    public static Loss of(String kind, String track, String detail) {
        return new Loss(kind, track, Double.NaN, Double.NaN, detail);
    }

    /** One routing loss per further output connection of a track or bus, for a format that keeps one. */
    public static java.util.List<Loss> extraOutputs(topdown.model.Session s, String format) {
        java.util.List<Loss> out = new java.util.ArrayList<>();
        for (topdown.model.Track t : s.tracks()) {
            for (topdown.model.BusId x : t.extraOutputs()) {
                out.add(of("routing", t.name(), "also feeds '" + s.bus(x).map(topdown.model.Bus::name).orElse(x.value())
                        + "': " + format + " gets the first output connection only"));
            }
        }
        for (topdown.model.Bus b : s.buses()) {
            for (topdown.model.BusId x : b.extraOutputs()) {
                out.add(of("routing", b.name(), "also feeds '" + s.bus(x).map(topdown.model.Bus::name).orElse(x.value())
                        + "': " + format + " gets the first output connection only"));
            }
        }
        return out;
    }
}
