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
}
