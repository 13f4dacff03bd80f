package topdown.render;

import topdown.model.Automation;
import topdown.model.Playback;

/**
 * Per-sample values of a lane as a DAW with a {@link Playback} cycle produces them: the render's timeline
 * is cut into process cycles (a first cycle of {@code outputLatency mod cycle} samples from the render
 * start, then whole cycles), and each cycle reads its vector from {@link CycleLane} over the lane-time
 * range {@code delay} samples before the cycle's audio.
 */
final class CycleReader {
    private final CycleLane lane;
    private final long start;
    private final long grid;   // first whole-cycle boundary
    private final int cycle;
    private final int delay;
    private final float[] vec;
    private long cycleStart = Long.MIN_VALUE;
    private int cycleLen;

    /**
     * @param delay how far behind the audio the lane is read (Ardour's gain stages: the output latency;
     *              panners: 0)
     * @param map   applied to the lane's values first (null: none)
     */
    CycleReader(Automation a, int sampleRate, topdown.model.Tempo tempo, Playback p, long start, int delay,
                java.util.function.DoubleUnaryOperator map) {
        this.lane = new CycleLane(map == null ? a : mapped(a, map), sampleRate, tempo);
        this.start = start;
        this.cycle = p.cycleSamples();
        this.grid = start + p.outputLatencySamples() % p.cycleSamples();
        this.delay = delay;
        this.vec = new float[p.cycleSamples()];
    }

    private static Automation mapped(Automation a, java.util.function.DoubleUnaryOperator map) {
        return new Automation(a.parameter(), a.points().stream()
                .map(q -> new topdown.model.AutomationPoint(q.sample(), map.applyAsDouble(q.value()), q.shape()))
                .toList(), a.interpolation(), a.active(), a.musicTime());
    }

    /** The lane's value at the render's start (what a gain stage has settled on before rolling). */
    float initial() {
        float[] one = new float[1];
        lane.fill(start, 1, one);
        return one[0];
    }

    /** Samples from audio sample t to the end of its cycle. */
    int untilCycleEnd(long t) {
        if (t < grid) {
            return (int) (grid - t);
        }
        return (int) (cycle - (t - grid) % cycle);
    }

    /** out[0, n) = the values for the audio samples [t0, t0 + n). */
    void fill(long t0, int n, float[] out) {
        int done = 0;
        while (done < n) {
            long t = t0 + done;
            if (t < cycleStart || t >= cycleStart + cycleLen) {
                long b;
                int len;
                if (t < grid) {
                    b = start;
                    len = (int) (grid - start);
                } else {
                    b = grid + (t - grid) / cycle * cycle;
                    len = cycle;
                }
                lane.fill(b - delay, len, vec);
                cycleStart = b;
                cycleLen = len;
            }
            int from = (int) (t - cycleStart);
            int k = Math.min(n - done, cycleLen - from);
            System.arraycopy(vec, from, out, done, k);
            done += k;
        }
    }
}
