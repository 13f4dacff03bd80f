package topdown.render;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import topdown.audio.io.AudioSource;
import topdown.audio.io.ResamplingSource;
import topdown.format.MediaResolver;
import topdown.model.Clip;
import topdown.model.Fade;
import topdown.model.ClipChannel;
import topdown.model.Source;

/**
 * Plays the clips of one track into a block: source offset, clip gain and envelope, fades, mute and
 * polarity. Sources are opened when a clip first sounds and closed when the clip is over; sources at
 * another rate than the session are resampled on the fly.
 */
final class ClipPlayer implements AutoCloseable {
    private final MediaResolver media;
    private final int sessionRate;
    private final Map<String, Open> open = new HashMap<>();
    private final boolean ardourFades;
    private final DiskReads reads;
    private final Map<Integer, PieceEnvelope> pieceEnvelopes = new HashMap<>();
    private float[][] tmp = new float[1][0];

    /** A clip envelope's values over one disk-read piece of the clip. */
    private static final class PieceEnvelope {
        final CycleLane lane;
        long from = -1;
        long to = -1;
        float[] vec = new float[0];

        PieceEnvelope(CycleLane lane) {
            this.lane = lane;
        }

        float[] over(long p0, long p1) {
            if (p0 != from || p1 != to) {
                int n = (int) (p1 - p0);
                if (vec.length < n) {
                    vec = new float[n];
                }
                lane.fill(p0, n, vec);
                from = p0;
                to = p1;
            }
            return vec;
        }
    }

    private static final class Open {
        final AudioSource src;
        long next; // the frame the source will deliver next
        long lastUse;

        Open(AudioSource src) {
            this.src = src;
        }
    }

    ClipPlayer(MediaResolver media, int sessionRate) {
        this(media, sessionRate, false);
    }

    /**
     * With {@code ardourFades}, fades are evaluated the way Ardour reads them: the fade curve runs from
     * -140 dB (1e-7, the value Ardour stores) to unity and is sampled at x = i·L/(L-1), so the first sample
     * of a fade in is at the floor and its last sample at unity (fade outs mirrored).
     */
    ClipPlayer(MediaResolver media, int sessionRate, boolean ardourFades) {
        this(media, sessionRate, ardourFades, null);
    }

    /**
     * With {@code reads} (Ardour sessions under a disk-reading {@link topdown.model.Playback}) a clip's fades
     * and gain envelope are computed per disk read, as Ardour's AudioRegion::read_at does: each read covers
     * a piece of the clip, and each curve's vector is spread over its part of that piece (from its first
     * sample to the sample after its last). Without, a clip is one piece.
     */
    ClipPlayer(MediaResolver media, int sessionRate, boolean ardourFades, DiskReads reads) {
        this.media = media;
        this.sessionRate = sessionRate;
        this.ardourFades = ardourFades;
        this.reads = reads;
    }

    private Open source(Source s, int clipIndex) throws IOException {
        String key = clipIndex + "|" + s.id() + "|" + s.path();
        Open o = open.get(key);
        if (o == null) {
            AudioSource a = media.open(s);
            if (a.sampleRate() != sessionRate) {
                a = new ResamplingSource(a, sessionRate);
            }
            o = new Open(a);
            o.next = 0;
            open.put(key, o);
        }
        return o;
    }

    /** Adds clip {@code c} (index {@code ci} in its track) into buf[ch][0..n) for the block starting at b0. */
    void play(Clip c, int ci, long b0, int n, float[][] buf, LaneCursor envelope) throws IOException {
        play(c, ci, b0, n, buf, envelope, false);
    }

    /**
     * As {@link #play(Clip, int, long, int, float[][], LaneCursor)}; with {@code set}, for a clip that covers
     * the whole block and feeds every channel of {@code buf}, the clip replaces what the block holds (what
     * lies past the end of its source is silence) instead of being added to it.
     */
    void play(Clip c, int ci, long b0, int n, float[][] buf, LaneCursor envelope, boolean set) throws IOException {
        long from = Math.max(b0, c.positionSamples());
        long to = Math.min(b0 + n, c.endSamples());
        if (to <= from || c.muted()) {
            return;
        }
        int len = (int) (to - from);
        int at = (int) (from - b0);
        long inClip = from - c.positionSamples();
        int trackChannels = buf.length;
        int clipChannels = c.channels().size();
        double gain = c.gain().linear() * (c.polarityInverted() ? -1 : 1);
        if (tmp[0].length < len) {
            tmp = new float[1][len];
        }
        for (int k = 0; k < clipChannels; k++) {
            ClipChannel cc = c.channels().get(k);
            Open o = source(cc.source(), ci);
            if (tmp.length < o.src.channels()) {
                tmp = new float[o.src.channels()][Math.max(len, tmp[0].length)];
            }
            long want = c.offsetSamples() + inClip;
            if (o.next != want) {
                o.src.seek(want);
                o.next = want;
            }
            long fadeInEnd0 = c.fadeIn().lengthSamples();
            long fadeOutStart0 = c.lengthSamples() - c.fadeOut().lengthSamples();
            if (set && clipChannels == 1 && trackChannels == 1 && o.src.channels() == 1 && envelope == null
                    && inClip >= fadeInEnd0 && inClip + len <= fadeOutStart0) {
                // A mono clip filling a mono track's block at constant gain: read straight into the block.
                int got = 0;
                while (got < len) {
                    int r = o.src.read(buf, at + got, len - got);
                    if (r <= 0) {
                        break;
                    }
                    got += r;
                }
                o.next += got;
                float[] y = buf[0];
                java.util.Arrays.fill(y, at + got, at + len, 0f);
                float gf = (float) gain;
                if (gf != 1f) {
                    for (int i = at; i < at + got; i++) {
                        y[i] *= gf;
                    }
                }
                continue;
            }
            int got = 0;
            while (got < len) {
                int r = o.src.read(tmp, got, len - got);
                if (r <= 0) {
                    break; // past the end of the file: silence
                }
                got += r;
            }
            o.next += got;
            int srcCh = Math.min(cc.channel(), o.src.channels() - 1);
            float[] x = tmp[srcCh];
            // Destination channels: clip channel k -> track channel k; a mono clip fills every track channel.
            for (int d = 0; d < trackChannels; d++) {
                if (!(clipChannels == 1 || d == k)) {
                    continue;
                }
                float[] y = buf[d];
                long fadeInEnd = c.fadeIn().lengthSamples();
                long fadeOutStart = c.lengthSamples() - c.fadeOut().lengthSamples();
                if (set) {
                    java.util.Arrays.fill(y, at + got, at + len, 0f);
                }
                if (envelope == null && inClip >= fadeInEnd && inClip + got <= fadeOutStart) {
                    // Between the fades with no envelope: a constant gain (the common case, kept tight).
                    float gf = (float) gain;
                    if (set && at == 0) {
                        // (Same indices on both arrays: a loop the JIT vectorises.)
                        for (int i = 0; i < got; i++) {
                            y[i] = x[i] * gf;
                        }
                    } else if (set) {
                        for (int i = 0; i < got; i++) {
                            y[at + i] = x[i] * gf;
                        }
                    } else if (at == 0) {
                        for (int i = 0; i < got; i++) {
                            y[i] += x[i] * gf;
                        }
                    } else {
                        for (int i = 0; i < got; i++) {
                            y[at + i] += x[i] * gf;
                        }
                    }
                    continue;
                }
                if (set) {
                    java.util.Arrays.fill(y, at, at + got, 0f);
                }
                long p0 = 0;
                long p1 = c.lengthSamples();
                float[] env = null;
                PieceEnvelope pe = null;
                if (reads != null && envelope != null) {
                    pe = pieceEnvelopes.computeIfAbsent(ci, key -> new PieceEnvelope(
                            new CycleLane(c.gainEnvelope(), sessionRate, null)));
                }
                for (int i = 0; i < got; i++) {
                    long t = inClip + i; // position inside the clip
                    if (reads != null && (i == 0 || t >= p1)) {
                        long abs = c.positionSamples() + t;
                        p0 = Math.max(0, reads.readStart(abs) - c.positionSamples());
                        long e = reads.readEnd(abs);
                        p1 = e == Long.MAX_VALUE ? c.lengthSamples() : Math.min(c.lengthSamples(), e - c.positionSamples());
                        env = pe == null ? null : pe.over(p0, p1);
                    }
                    double g = gain;
                    if (t < fadeInEnd || t >= fadeOutStart) {
                        g *= ardourFades ? ardourFade(c, t, p0, p1) : fade(c, t);
                    }
                    if (env != null) {
                        g *= env[(int) (t - p0)];
                    } else if (envelope != null) {
                        g *= envelope.valueAt(t);
                    }
                    y[at + i] += (float) (x[i] * g);
                }
            }
        }
    }

    static double fade(Clip c, long t) {
        double g = 1;
        long fin = c.fadeIn().lengthSamples();
        if (fin > 0 && t < fin) {
            g *= FadeCurves.fadeIn(c.fadeIn().shape(), c.fadeIn().curve(), t / (double) fin);
        }
        long fout = c.fadeOut().lengthSamples();
        long fromEnd = c.lengthSamples() - t;
        if (fout > 0 && fromEnd <= fout) {
            g *= FadeCurves.fadeIn(c.fadeOut().shape(), c.fadeOut().curve(), fromEnd / (double) fout);
        }
        return g;
    }

    static final double ARDOUR_FADE_FLOOR = 1.0000000116860974e-07;

    private final java.util.Map<Fade, ArdourCurve> curves = new java.util.IdentityHashMap<>();

    /** {@link #ardourFade(Clip, long, long, long)} with the clip read in one piece. */
    double ardourFade(Clip c, long t) {
        return ardourFade(c, t, 0, c.lengthSamples());
    }

    /**
     * Ardour's fade gain at sample {@code t} of the clip, read in the piece [p0, p1) of the clip. The part
     * of a fade inside the piece, k samples from fade position x0, is read as one vector of k gains spread
     * evenly from x0 to x0 + k, i.e. at x = x0 + i·k/(k-1); for a fade of L samples read in one piece that
     * is x = i·L/(L-1), so a fade in starts at the stored floor and ends on unity (fade outs: their own
     * falling curve). The curve is the one Ardour stored (its breakpoints, joined by {@link ArdourCurve}); a
     * fade without stored points uses the shape formula from the floor to unity.
     */
    double ardourFade(Clip c, long t, long p0, long p1) {
        double g = 1;
        long fin = c.fadeIn().lengthSamples();
        if (fin > 1 && t < fin) {
            long k = Math.min(p1, fin) - p0;
            double x = k > 1 ? p0 + (t - p0) * (double) k / (k - 1) : p0;
            g *= ardourCurve(c.fadeIn(), x, false);
        }
        long fout = c.fadeOut().lengthSamples();
        long fs = c.lengthSamples() - fout; // the fade-out window's first sample
        if (fout > 1 && t >= fs) {
            long from = Math.max(p0, fs);
            long k = Math.min(p1, c.lengthSamples()) - from;
            double x = (from - fs) + (k > 1 ? (t - from) * (double) k / (k - 1) : 0);
            g *= ardourCurve(c.fadeOut(), x, true);
        }
        return g;
    }

    private double ardourCurve(Fade f, double x, boolean out) {
        if (f.points().isEmpty()) {
            double u = x / f.lengthSamples();
            return ARDOUR_FADE_FLOOR + (1 - ARDOUR_FADE_FLOOR) * FadeCurves.fadeIn(f.shape(), f.curve(), out ? 1 - u : u);
        }
        ArdourCurve k = curves.computeIfAbsent(f, p -> new ArdourCurve(p.points()));
        return (float) k.valueAt(k.first() + x);
    }

    /** Closes sources of clips that ended before {@code b0}. */
    void release(java.util.List<Clip> clips, long b0) throws IOException {
        java.util.Iterator<Map.Entry<String, Open>> it = open.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Open> e = it.next();
            int ci = Integer.parseInt(e.getKey().substring(0, e.getKey().indexOf('|')));
            if (clips.get(ci).endSamples() <= b0) {
                e.getValue().src.close();
                it.remove();
                pieceEnvelopes.remove(ci);
            }
        }
    }

    @Override
    public void close() throws IOException {
        for (Open o : open.values()) {
            o.src.close();
        }
        open.clear();
    }
}
