package topdown.render;

import java.util.List;
import topdown.model.Automation;
import topdown.model.AutomationPoint;
import topdown.model.Interpolation;

/**
 * An automation lane read the way Ardour reads one for a process cycle (evoral {@code Curve::_get_vector}):
 * for the cycle's lane-time range [x0, x1) (x1 = the next cycle's first sample) it fills a vector of n
 * single-precision values.
 *
 * <ul>
 * <li>A range wholly before the first point or after the last gets that point's value throughout.</li>
 * <li>Where the range starts before the first point, the first floor(n·(first - x0)/(x1 - x0)) values hold
 * the first value; where it ends after the last point, the last floor(n·(x1 - last)/(x1 - x0)) hold the
 * last value. The rest spread evenly from max(x0, first) to min(x1, last) (step (hi - lo)/(rest - 1)).</li>
 * <li>Two points: the straight line (or the lane's gain / dB curve) in Ardour's closed form; more points:
 * each value looked up between its neighbouring points at positions accumulated step by step, truncated
 * to whole time units (Ardour's superclock, 282240000 per second).</li>
 * </ul>
 * Exponential lanes ({@link Interpolation#ARDOUR_GAIN}) use Ardour's {@code interpolate_gain} with its
 * 1e-7 denormal guard; Logarithmic ({@link Interpolation#LINEAR_DB}) from·(to/from)^f.
 *
 * <p>A lane in music time ({@link Automation#musicTime()}, at a constant tempo) is read on Ardour's beat
 * grid: its points at whole ticks (1920 per quarter note), the range's ends converted from samples to
 * ticks the way Ardour's tempo map rounds them ({@code TempoPoint::quarters_at_superclock}), and the
 * lookups of the multi-point case truncated to whole ticks. With more than one tempo the lane is read in
 * audio time.
 */
final class CycleLane {
    static final double SUPERCLOCK_PER_SECOND = 282_240_000.0;
    private static final double TINY = 0.0000001;

    private final double[] when; // superclock
    private final double[] value;
    private final Interpolation interp;
    private final int rate;
    private final double unit;  // superclock per sample (audio time)
    private final long snps;    // music time: Ardour's super-note-types per second (0: audio time)
    private final int noteType;
    private int cache = -1;     // lookup cursor for the multi-point case

    CycleLane(Automation lane, int sampleRate, topdown.model.Tempo tempo) {
        List<AutomationPoint> pts = lane.points();
        if (pts.isEmpty()) {
            throw new IllegalArgumentException("empty lane");
        }
        this.rate = sampleRate;
        this.unit = SUPERCLOCK_PER_SECOND / sampleRate;
        boolean beats = lane.musicTime() && tempo != null && tempo.changes().size() == 1;
        double bpm = beats ? tempo.bpm() : 0;
        this.snps = beats ? Math.round(bpm * BIG_NUMERATOR / 60) : 0;
        this.noteType = beats ? tempo.changes().get(0).noteValue() : 4;
        this.when = new double[pts.size()];
        this.value = new double[pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            long t = pts.get(i).sample();
            // music time: the point's whole tick (its sample time is that tick at the tempo, rounded)
            when[i] = beats ? Math.round(t * bpm * TICKS_PER_BEAT / (60.0 * sampleRate)) : t * unit;
            value[i] = pts.get(i).value();
        }
        this.interp = lane.interpolation();
    }

    static final long BIG_NUMERATOR = 508_032_000L;
    static final long TICKS_PER_BEAT = 1920;
    private static final long SCPS = 282_240_000L;

    /** A sample position in the lane's time unit: superclock, or whole ticks for a music-time lane. */
    double units(long sample) {
        if (snps == 0) {
            return sample * unit;
        }
        long sc = Math.floorDiv(sample * SCPS + rate / 2, rate); // Ardour's samples_to_superclock (rounded)
        long whole = Math.floorDiv(sc, SCPS);
        long rem = sc - whole * SCPS;
        long supernotes = snps * whole + divRound(snps * rem, SCPS);
        long superbeats = divRound(supernotes, noteType) * 4;
        long b = superbeats / BIG_NUMERATOR;
        long r = superbeats - b * BIG_NUMERATOR;
        return b * TICKS_PER_BEAT + divRound(TICKS_PER_BEAT * r, BIG_NUMERATOR);
    }

    private static long divRound(long x, long y) {
        return Math.floorDiv(x + y / 2, y);
    }

    /** Fills vec[0, n) for the lane-time sample range [from, from + n). */
    void fill(long from, int n, float[] vec) {
        if (n == 0) {
            return;
        }
        double start = units(from);
        double end = units(from + n);
        int np = when.length;
        if (np == 1) {
            java.util.Arrays.fill(vec, 0, n, (float) value[0]);
            return;
        }
        double maxX = when[np - 1];
        double minX = when[0];
        if (start > maxX) {
            java.util.Arrays.fill(vec, 0, n, (float) value[np - 1]);
            return;
        }
        if (end < minX) {
            java.util.Arrays.fill(vec, 0, n, (float) value[0]);
            return;
        }
        int off = 0;
        int len = n;
        if (start < minX) {
            long fill = Math.min((long) Math.floor(n * ((minX - start) / (end - start))), n);
            java.util.Arrays.fill(vec, 0, (int) fill, (float) value[0]);
            off = (int) fill;
            len -= (int) fill;
        }
        if (len > 0 && end > maxX) {
            long fill = Math.min((long) Math.floor(n * ((end - maxX) / (end - start))), len);
            java.util.Arrays.fill(vec, off + len - (int) fill, off + len, (float) value[np - 1]);
            len -= (int) fill;
        }
        double lx = Math.max(minX, start);
        double hx = Math.min(maxX, end);
        if (np == 2) {
            double lpos = when[0];
            double lval = value[0];
            double upos = when[1];
            double uval = value[1];
            if (len > 1) {
                double dxNum = hx - lx;
                double dxDen = len - 1;
                double mNum = uval - lval;
                double mDen = upos - lpos;
                double c = uval - (mNum * upos / mDen);
                for (int i = 0; i < len; i++) {
                    double v;
                    if (interp == Interpolation.LINEAR_DB) {
                        v = lval * Math.pow(uval / lval, (lx - lpos + i * dxNum / dxDen) / mDen);
                    } else if (interp == Interpolation.ARDOUR_GAIN) {
                        v = gain(lval, uval, (lx - lpos + i * dxNum / dxDen) / mDen);
                    } else {
                        v = (lx * (mNum / mDen) + mNum * i * dxNum / (mDen * dxDen)) + c;
                    }
                    vec[off + i] = (float) v;
                }
            } else {
                // one value left (or none: Ardour then writes the first one anyway)
                double f = (lx - lpos) / (upos - lpos);
                vec[off] = (float) (interp == Interpolation.LINEAR_DB ? lval * Math.pow(uval / lval, f)
                        : interp == Interpolation.ARDOUR_GAIN ? gain(lval, uval, f) : lval + f * (uval - lval));
            }
            return;
        }
        double dx = len > 1 ? (hx - lx) / (len - 1) : 0;
        double rx = lx;
        for (int i = 0; i < len; i++, rx += dx) {
            vec[off + i] = (float) eval(Math.floor(rx));
        }
    }

    /** Ardour's multipoint lookup at time x (superclock). */
    private double eval(double x) {
        int n = when.length;
        if (cache < 0 || cache >= n || when[cache] > x) {
            cache = 0;
        }
        while (cache < n && when[cache] < x) {
            cache++;
        }
        // cache = first point at or after x
        if (cache < n && when[cache] == x) {
            return value[cache];
        }
        if (cache == 0) {
            return value[0];
        }
        if (cache == n) {
            cache = n - 1;
            return value[n - 1];
        }
        int a = cache - 1;
        int b = cache;
        double vdelta = value[b] - value[a];
        if (vdelta == 0.0) {
            return value[a];
        }
        double f = (x - when[a]) / (when[b] - when[a]);
        switch (interp) {
            case STEP:
                return value[a];
            case LINEAR_DB:
                return value[a] * Math.pow(value[b] / value[a], f);
            case ARDOUR_GAIN:
                return gain(value[a], value[b], f);
            default:
                return value[a] + vdelta * f;
        }
    }

    /** Ardour's {@code interpolate_gain} for a gain lane (upper limit 2, so no rescaling). */
    static double gain(double f, double t, double fraction) {
        double from = f + TINY;
        double to = t + TINY;
        if (Math.abs(to - from) < TINY) {
            return to;
        }
        double g0 = position(from);
        double g1 = position(to);
        double p = g0 + fraction * (g1 - g0);
        return p == 0 ? 0 : Math.exp(((Math.pow(p, 1.0 / 8.0) * 198.0) - 192.0) / 6.0 * Math.log(2.0));
    }

    private static double position(double g) {
        return g == 0 ? 0 : Math.pow((6.0 * Math.log(g) / Math.log(2.0) + 192.0) / 198.0, 8.0);
    }
}
