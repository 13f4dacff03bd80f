package topdown.format.dawproject;

import java.util.ArrayList;
import java.util.List;

/**
 * Beats to seconds and back for a DAWproject tempo map: the transport tempo, then TempoAutomation points
 * (bpm; {@code linear} ramps or {@code hold} steps). A linear ramp is linear in beats, so its time is the
 * exact integral {@code 60/k * ln(bpm(b)/bpm0)}; steps are straight lines.
 */
final class DpTempoMap {
    /** One segment starting at {@code beat}/{@code seconds} with tempo {@code bpm} and slope {@code k} bpm per beat. */
    record Segment(double beat, double seconds, double bpm, double k) {
    }

    /** A tempo point: position in beats or seconds, bpm, and whether it ramps linearly to the next. */
    record Point(double time, boolean timeInSeconds, double bpm, boolean linear) {
    }

    private final List<Segment> segments;

    private DpTempoMap(List<Segment> segments) {
        this.segments = List.copyOf(segments);
    }

    static DpTempoMap constant(double bpm) {
        return new DpTempoMap(List.of(new Segment(0, 0, check(bpm), 0)));
    }

    private static double check(double bpm) {
        if (!(bpm >= 1 && bpm <= 10_000)) {
            throw new IllegalArgumentException("implausible tempo " + bpm + " bpm");
        }
        return bpm;
    }

    /** Builds the map from the transport tempo and automation points (in time order); linear in the point count. */
    static DpTempoMap of(double initialBpm, List<Point> points) {
        List<Segment> segs = new ArrayList<>();
        segs.add(new Segment(0, 0, check(initialBpm), 0));
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            double bpm = check(p.bpm());
            Segment last = segs.get(segs.size() - 1);
            // Points are in time order, so each one lies in the last segment built so far.
            double beat = p.timeInSeconds() ? beatsIn(last, p.time()) : p.time();
            double sec = p.timeInSeconds() ? p.time() : secondsIn(last, p.time());
            if (beat < last.beat() - 1e-12) {
                throw new IllegalArgumentException("tempo points out of order at " + p.time());
            }
            double k = 0;
            if (p.linear() && i + 1 < points.size()) {
                Point n = points.get(i + 1);
                // For a seconds-based next point, its beat follows from this segment's slope; a constant tempo first
                // guess is used (the corpus and Bitwig write beats).
                double nb = n.timeInSeconds() ? beat + (n.time() - sec) * bpm / 60.0 : n.time();
                if (nb > beat) {
                    k = (check(n.bpm()) - bpm) / (nb - beat);
                }
            }
            if (beat <= last.beat()) {
                segs.set(segs.size() - 1, new Segment(last.beat(), last.seconds(), bpm, k));
            } else {
                segs.add(new Segment(beat, sec, bpm, k));
            }
        }
        return new DpTempoMap(segs);
    }

    private static double secondsIn(Segment s, double beat) {
        double db = beat - s.beat();
        if (s.k() == 0) {
            return s.seconds() + db * 60.0 / s.bpm();
        }
        return s.seconds() + 60.0 / s.k() * Math.log((s.bpm() + s.k() * db) / s.bpm());
    }

    private static double beatsIn(Segment s, double seconds) {
        double ds = seconds - s.seconds();
        if (s.k() == 0) {
            return s.beat() + ds * s.bpm() / 60.0;
        }
        return s.beat() + (s.bpm() * Math.exp(s.k() * ds / 60.0) - s.bpm()) / s.k();
    }

    List<Segment> segments() {
        return segments;
    }

    /** The last segment starting at or before {@code x} (binary search on beats or seconds). */
    private Segment at(double x, boolean bySeconds) {
        int lo = 0;
        int hi = segments.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            Segment m = segments.get(mid);
            if ((bySeconds ? m.seconds() : m.beat()) <= x) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return segments.get(lo);
    }

    /** Seconds from the timeline start at a beat position (negative beats use the first tempo). */
    double seconds(double beat) {
        return secondsIn(at(beat, false), beat);
    }

    /** The beat position at a time in seconds. */
    double beats(double seconds) {
        return beatsIn(at(seconds, true), seconds);
    }

    /** Tempo (bpm) at a beat position. */
    double bpmAt(double beat) {
        Segment s = at(beat, false);
        return s.bpm() + s.k() * (beat - s.beat());
    }
}
