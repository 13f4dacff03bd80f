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

    /** Builds the map from the transport tempo and automation points (in time order). */
    static DpTempoMap of(double initialBpm, List<Point> points) {
        List<Segment> segs = new ArrayList<>();
        segs.add(new Segment(0, 0, check(initialBpm), 0));
        DpTempoMap partial = new DpTempoMap(segs);
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            double bpm = check(p.bpm());
            double beat = p.timeInSeconds() ? partial.beats(p.time()) : p.time();
            double sec = p.timeInSeconds() ? p.time() : partial.seconds(p.time());
            Segment last = segs.get(segs.size() - 1);
            if (beat < last.beat()) {
                throw new IllegalArgumentException("tempo points out of order at " + p.time());
            }
            double k = 0;
            if (p.linear() && i + 1 < points.size()) {
                Point n = points.get(i + 1);
                // The next point's beat position is only known once this segment's slope is: for seconds-based
                // points solve with a constant tempo first and refine once (the corpus uses beats).
                double nb = n.timeInSeconds() ? beat + (n.time() - sec) * bpm / 60.0 : n.time();
                if (nb > beat) {
                    k = (check(n.bpm()) - bpm) / (nb - beat);
                }
            }
            if (beat == last.beat()) {
                segs.set(segs.size() - 1, new Segment(beat, sec, bpm, k));
            } else {
                segs.add(new Segment(beat, sec, bpm, k));
            }
            partial = new DpTempoMap(segs);
        }
        return new DpTempoMap(segs);
    }

    List<Segment> segments() {
        return segments;
    }

    private Segment atBeat(double beat) {
        Segment s = segments.get(0);
        for (Segment x : segments) {
            if (x.beat() <= beat) {
                s = x;
            } else {
                break;
            }
        }
        return s;
    }

    private Segment atSeconds(double sec) {
        Segment s = segments.get(0);
        for (Segment x : segments) {
            if (x.seconds() <= sec) {
                s = x;
            } else {
                break;
            }
        }
        return s;
    }

    /** Seconds from the timeline start at a beat position (negative beats use the first tempo). */
    double seconds(double beat) {
        Segment s = atBeat(beat);
        double db = beat - s.beat();
        if (s.k() == 0) {
            return s.seconds() + db * 60.0 / s.bpm();
        }
        double bpmEnd = s.bpm() + s.k() * db;
        return s.seconds() + 60.0 / s.k() * Math.log(bpmEnd / s.bpm());
    }

    /** The beat position at a time in seconds. */
    double beats(double seconds) {
        Segment s = atSeconds(seconds);
        double ds = seconds - s.seconds();
        if (s.k() == 0) {
            return s.beat() + ds * s.bpm() / 60.0;
        }
        return s.beat() + (s.bpm() * Math.exp(s.k() * ds / 60.0) - s.bpm()) / s.k();
    }

    /** Tempo (bpm) at a beat position. */
    double bpmAt(double beat) {
        Segment s = atBeat(beat);
        return s.bpm() + s.k() * (beat - s.beat());
    }
}
