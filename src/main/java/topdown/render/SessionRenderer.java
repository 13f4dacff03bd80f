package topdown.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import topdown.audio.io.WavWriter;
import topdown.format.MissingMediaException;
import topdown.format.ReadResult;
import topdown.model.Automation;
import topdown.model.Bus;
import topdown.model.BusId;
import topdown.model.BusKind;
import topdown.model.Clip;
import topdown.model.ClipChannel;
import topdown.model.Insert;
import topdown.model.Pan;
import topdown.model.PanLaw;
import topdown.model.Send;
import topdown.model.Session;
import topdown.model.Track;
import topdown.report.Progress;

/**
 * Offline renderer: mixes a session the way its DAW plays it, block by block over the routing graph
 * (tracks in parallel, then buses in dependency order, then the master), and writes the requested
 * stems. Memory holds one block per track and bus, whatever the session's length.
 *
 * <p>Per track: clips (offset, gain, envelope, fades, mute, polarity) → TopDown inserts → trim → polarity
 * → pre-fader sends → fader (or its automation) and mute/solo → pan (the session's pan law) → output bus
 * and post-fader sends. Buses: inputs → inserts → trim, polarity → fader → pan → output and sends.
 * Master: inputs → inserts → fader. Stems are what each track or bus sends to its output (post-fader,
 * post-pan), so a bus stem equals the sum of its inputs' stems through its own fader; the master stem is
 * the final mix.
 */
public final class SessionRenderer {
    public static final int BLOCK = 16384;

    /**
     * Ardour evaluates automation once per process cycle (see {@link LaneCursor}); its headless export
     * (ardour7-export, the Dummy backend) runs 1024-sample cycles, so Ardour sessions are rendered with that
     * cycle. A GUI export at another period differs by at most one sample's worth of automation movement.
     */
    static final int ARDOUR_CYCLE = 1024;

    private SessionRenderer() {
    }

    /** Paths of missing media the render would need (empty when everything is there). */
    public static List<String> missingMedia(Session s) {
        List<String> missing = new ArrayList<>();
        for (Track t : s.tracks()) {
            if (t.kind() != topdown.model.TrackKind.AUDIO) {
                continue;
            }
            for (Clip c : t.clips()) {
                for (ClipChannel ch : c.channels()) {
                    if (!ch.source().found() && !missing.contains(ch.source().path())) {
                        missing.add(ch.source().path());
                    }
                }
            }
        }
        return missing;
    }

    /**
     * Where a whole-session render starts: 0, unless the first clip comes a minute or more into the timeline (an
     * AAF from a post session whose programme starts at 01:00:00:00): then at that clip, rounded down to a whole
     * second, so that an hour of silence is not rendered and measured. Stems carry their BWF time reference, so
     * they still line up in a DAW.
     */
    public static long defaultStart(Session s) {
        long first = Long.MAX_VALUE;
        for (topdown.model.Track t : s.tracks()) {
            for (topdown.model.Clip c : t.clips()) {
                first = Math.min(first, c.positionSamples());
            }
        }
        if (first == Long.MAX_VALUE || first < 60L * s.sampleRate()) {
            return 0;
        }
        return first - first % s.sampleRate();
    }

    public static RenderResult render(ReadResult in, RenderRequest req, Progress progress) throws IOException {
        Session s = in.session();
        List<String> missing = missingMedia(s);
        if (!missing.isEmpty()) {
            throw new MissingMediaException(in.file() == null ? s.name() : in.file().getFileName().toString(), missing);
        }
        if (req.sampleRate() != 0 && req.sampleRate() != s.sampleRate()) {
            throw new IllegalArgumentException("usage: rendering at " + req.sampleRate() + " Hz from a "
                    + s.sampleRate() + " Hz session is not supported; render at the session rate");
        }
        RoutingGraph graph = RoutingGraph.of(s);
        long start = req.startSample() > 0 ? req.startSample() : defaultStart(s);
        long end = req.endSample() > 0 ? req.endSample()
                : (s.lengthSamples() > 0 ? s.lengthSamples() : s.contentEndSamples());
        if (end <= start) {
            end = start;
        }
        return new Run(in, s, graph, req, start, end, progress == null ? Progress.NONE : progress).go();
    }

    /** One render in progress. */
    private static final class Run {
        final ReadResult in;
        final Session s;
        final RoutingGraph graph;
        final RenderRequest req;
        final long start;
        final long end;
        final Progress progress;
        final List<String> skipped = new ArrayList<>();
        final Map<BusId, BusNode> buses = new LinkedHashMap<>();
        final List<TrackNode> tracks = new ArrayList<>();
        final List<BusNode> busWriters = new ArrayList<>();
        final List<BusNode> destinations = new ArrayList<>();
        BusNode master;
        final boolean anySolo;

        Run(ReadResult in, Session s, RoutingGraph graph, RenderRequest req, long start, long end, Progress p) {
            this.in = in;
            this.s = s;
            this.graph = graph;
            this.req = req;
            this.start = start;
            this.end = end;
            this.progress = p;
            this.anySolo = s.tracks().stream().anyMatch(Track::solo);
        }

        List<BlockProcessor> processors(List<Insert> inserts, String owner, int channels) {
            List<BlockProcessor> out = new ArrayList<>();
            for (Insert i : inserts) {
                BlockProcessor p = null;
                if (!i.bypassed() && req.processors() != null) {
                    p = req.processors().create(i, channels, s.sampleRate());
                }
                if (p != null) {
                    out.add(p);
                } else if (!i.bypassed()) {
                    skipped.add(owner + ": " + i.name());
                }
            }
            return out;
        }

        RenderResult go() throws IOException {
            Map<String, Path> trackFiles = new LinkedHashMap<>();
            Map<String, Path> busFiles = new LinkedHashMap<>();
            Path masterFile = null;
            Set<String> usedTrackNames = new java.util.HashSet<>();
            Set<String> usedBusNames = new java.util.HashSet<>();
            master = new BusNode(s.master(), processors(s.master().inserts(), "Master", s.master().channels()), this);
            for (Bus b : graph.order()) {
                buses.put(b.id(), new BusNode(b, processors(b.inserts(), b.name(), b.channels()), this));
            }
            for (Track t : s.tracks()) {
                if (t.kind() != topdown.model.TrackKind.AUDIO) {
                    if (!t.clips().isEmpty()) {
                        skipped.add(t.name() + ": " + t.kind().jsonName() + " track not rendered (no instrument)");
                    }
                    continue;
                }
                BusNode dest = t.output() == null ? null : node(t.output());
                tracks.add(new TrackNode(t, dest, processors(t.inserts(), t.name(), t.channels()),
                        new ClipPlayer(in.media(), s.sampleRate(), s.panLaw() == PanLaw.ARDOUR), this));
            }
            List<WavWriter> writers = new ArrayList<>();
            boolean ok = false;
            try {
                if (req.outDir() != null) {
                    long tref = start + s.timecodeStartSamples();
                    if (req.stems().contains(StemKind.TRACKS)) {
                        for (TrackNode t : tracks) {
                            Path p = req.outDir().resolve("tracks").resolve(fileName(t.track.name(), usedTrackNames) + ".wav");
                            t.writer = new WavWriter(p, t.outChannels, s.sampleRate(), req.encoding(), tref,
                                    "TopDown track stem: " + t.track.name());
                            writers.add(t.writer);
                            trackFiles.put(t.track.name(), p);
                        }
                    }
                    if (req.stems().contains(StemKind.GROUPS)) {
                        for (BusNode b : buses.values()) {
                            Path p = req.outDir().resolve("buses").resolve(fileName(b.bus.name(), usedBusNames) + ".wav");
                            b.writer = new WavWriter(p, b.outChannels, s.sampleRate(), req.encoding(), tref,
                                    "TopDown bus stem: " + b.bus.name());
                            writers.add(b.writer);
                            busFiles.put(b.bus.name(), p);
                        }
                    }
                    if (req.stems().contains(StemKind.MASTER)) {
                        masterFile = req.outDir().resolve("master.wav");
                        master.writer = new WavWriter(masterFile, master.outChannels, s.sampleRate(), req.encoding(),
                                tref, "TopDown master: " + s.name());
                        writers.add(master.writer);
                    }
                }
                for (BusNode b : buses.values()) {
                    if (b.writer != null) {
                        busWriters.add(b);
                    }
                }
                destinations.add(master);
                destinations.addAll(buses.values());
                if (master.writer != null) {
                    busWriters.add(master);
                }
                progress.start("render " + s.name(), end - start);
                for (long b0 = start; b0 < end; b0 += BLOCK) {
                    int n = (int) Math.min(BLOCK, end - b0);
                    block(b0, n);
                    progress.advance(n);
                }
                progress.done();
                ok = true;
            } finally {
                for (TrackNode t : tracks) {
                    t.player.close();
                }
                for (WavWriter w : writers) {
                    if (ok) {
                        w.close();
                    } else {
                        w.abort();
                    }
                }
            }
            return new RenderResult(trackFiles, busFiles, masterFile, skipped, end - start, s.sampleRate());
        }

        BusNode node(BusId id) {
            return id.isMaster() ? master : buses.get(id);
        }

        void block(long b0, int n) throws IOException {
            master.clear(n);
            for (BusNode b : buses.values()) {
                b.clear(n);
            }
            // Tracks in parallel, each writing its own stem (each writer has its own dither, so the files do
            // not depend on the order); then the sums into the buses, the buses and the master in order, and
            // the bus and master stems written in parallel.
            try {
                tracks.parallelStream().forEach(t -> {
                    try {
                        t.process(this, b0, n);
                        if (t.writer != null) {
                            t.writer.write(t.out, 0, n);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            // Each destination sums its inputs in track order, destinations in parallel (same sums as
            // delivering track by track).
            destinations.parallelStream().forEach(d -> {
                for (TrackNode t : tracks) {
                    t.deliverTo(this, d, n);
                }
            });
            for (BusNode b : buses.values()) {
                b.processBus(this, b0, n);
            }
            master.processMaster(this, b0, n);
            try {
                busWriters.parallelStream().forEach(b -> {
                    try {
                        b.writer.write(b.out, 0, n);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }

    static String fileName(String name, Set<String> used) {
        String base = name.replaceAll("[^A-Za-z0-9._ -]", "_").trim();
        if (base.isEmpty() || base.startsWith(".")) {
            base = "stem" + base;
        }
        String n = base;
        for (int i = 2; !used.add(n.toLowerCase(java.util.Locale.ROOT)); i++) {
            n = base + "-" + i;
        }
        return n;
    }

    /** Pans {@code in} (its channel count) into {@code out} (the destination's), adding with gain. */
    static void panInto(float[][] in, float[][] out, int n, PanLaw law, Pan pan, double gain, LaneCursor panLane,
                        long b0, double[] scratch) {
        int ic = in.length;
        int oc = out.length;
        if (oc == 2 && ic == 2 && pan.stereo() == Pan.Stereo.WIDTH) {
            double[] g = PanLaws.stereoWidth(law, pan.position(), pan.width());
            for (int i = 0; i < n; i++) {
                if (panLane != null) {
                    g = PanLaws.stereoWidth(law, Math.max(-1, Math.min(1, panLane.valueAt(b0 + i))), pan.width());
                }
                float l = in[0][i];
                float r = in[1][i];
                out[0][i] += (float) ((l * g[0] + r * g[2]) * gain);
                out[1][i] += (float) ((l * g[1] + r * g[3]) * gain);
            }
            return;
        }
        panInto(in, out, n, law, pan.position(), gain, panLane, b0, scratch);
    }

    static void panInto(float[][] in, float[][] out, int n, PanLaw law, double pan, double gain, LaneCursor panLane,
                        long b0, double[] scratch) {
        int ic = in.length;
        int oc = out.length;
        if (oc == 2 && (ic == 1 || ic == 2)) {
            double[] g = ic == 1 ? PanLaws.mono(law, pan) : PanLaws.stereo(law, pan);
            if (panLane == null) {
                // Constant gains: the same arithmetic as below (float sample times double gains, rounded to
                // float, added), as straight loops over a double copy of the input, which the JIT keeps fast.
                double[] t = scratch;
                widen(in[0], t, n);
                addScaled(in[0], t, out[0], n, g[0], gain);
                if (ic == 2) {
                    widen(in[1], t, n);
                }
                addScaled(in[ic == 1 ? 0 : 1], t, out[1], n, g[1], gain);
                return;
            }
            for (int i = 0; i < n; i++) {
                if (panLane != null) {
                    double p = Math.max(-1, Math.min(1, panLane.valueAt(b0 + i)));
                    g = ic == 1 ? PanLaws.mono(law, p) : PanLaws.stereo(law, p);
                }
                if (ic == 1) {
                    float x = in[0][i];
                    out[0][i] += (float) (x * g[0] * gain);
                    out[1][i] += (float) (x * g[1] * gain);
                } else {
                    out[0][i] += (float) (in[0][i] * g[0] * gain);
                    out[1][i] += (float) (in[1][i] * g[1] * gain);
                }
            }
            return;
        }
        for (int c = 0; c < oc; c++) {
            float[] src = in[ic == 1 ? 0 : c % ic];
            float[] dst = out[c];
            for (int i = 0; i < n; i++) {
                dst[i] += (float) (src[i] * gain);
            }
        }
    }

    static void widen(float[] x, double[] t, int n) {
        for (int i = 0; i < n; i++) {
            t[i] = x[i];
        }
    }

    /**
     * {@code out[i] += (float) (x[i] * g * gain)} for i in [0, n), {@code t} holding x widened to double
     * (a product with 1.0 is exact, so it is left out).
     */
    static void addScaled(float[] x, double[] t, float[] out, int n, double g, double gain) {
        if (g == 1.0 && gain == 1.0) {
            for (int i = 0; i < n; i++) {
                out[i] += x[i];
            }
        } else if (gain == 1.0) {
            for (int i = 0; i < n; i++) {
                out[i] += (float) (t[i] * g);
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[i] += (float) (t[i] * g * gain);
            }
        }
    }

    /** A track's per-block state. */
    private static final class TrackNode {
        final Track track;
        final BusNode dest;
        final List<BlockProcessor> inserts;
        final ClipPlayer player;
        final int outChannels;
        final float[][] pre;
        final float[][] out;
        final LaneCursor gainLane;
        final LaneCursor trimLane;
        final LaneCursor panLane;
        final Map<Integer, LaneCursor> envelopes = new HashMap<>();
        float[][] preCopy;
        final double[] scratch = new double[BLOCK];
        WavWriter writer;
        int clipCursor;

        TrackNode(Track t, BusNode dest, List<BlockProcessor> inserts, ClipPlayer player, Run run) {
            this.track = t;
            this.dest = dest;
            this.inserts = inserts;
            this.player = player;
            this.outChannels = dest != null ? dest.bus.channels() : Math.max(2, t.channels());
            this.pre = new float[t.channels()][BLOCK];
            this.out = new float[outChannels][BLOCK];
            this.gainLane = lane(t.automation(Automation.Parameter.GAIN), run);
            this.trimLane = lane(t.automation(Automation.Parameter.TRIM), run);
            this.panLane = lane(t.automation(Automation.Parameter.PAN), run);
            List<Clip> clips = t.clips();
            for (int i = 0; i < clips.size(); i++) {
                Automation env = clips.get(i).gainEnvelope();
                if (env != null && env.active() && !env.isEmpty()) {
                    envelopes.put(i, new LaneCursor(env));
                }
            }
        }

        void process(Run run, long b0, int n) throws IOException {
            for (float[] c : pre) {
                java.util.Arrays.fill(c, 0, n, 0f);
            }
            for (float[] c : out) {
                java.util.Arrays.fill(c, 0, n, 0f);
            }
            List<Clip> clips = track.clips();
            for (int i = 0; i < clips.size(); i++) {
                Clip c = clips.get(i);
                if (c.endSamples() > b0 && c.positionSamples() < b0 + n) {
                    player.play(c, i, b0, n, pre, envelopes.get(i));
                }
            }
            player.release(clips, b0);
            for (BlockProcessor p : inserts) {
                p.process(pre, n);
            }
            double trim = track.trim().linear() * (track.polarityInverted() ? -1 : 1);
            if (trimLane != null) {
                for (int i = 0; i < n; i++) {
                    double g = trim * trimLane.valueAt(b0 + i);
                    for (float[] c : pre) {
                        c[i] *= (float) g;
                    }
                }
            } else if (trim != 1) {
                for (float[] c : pre) {
                    for (int i = 0; i < n; i++) {
                        c[i] *= (float) trim;
                    }
                }
            }
            boolean silent = track.mute() || (run.anySolo && !track.solo());
            if (hasPreSends()) {
                if (preCopy == null) {
                    preCopy = new float[pre.length][BLOCK];
                }
                for (int c = 0; c < pre.length; c++) {
                    System.arraycopy(pre[c], 0, preCopy[c], 0, n);
                }
            }
            // Fader (automation replaces the fader value when the lane plays back).
            double fader = track.fader().linear();
            if (gainLane != null && !silent) {
                for (int i = 0; i < n; i++) {
                    double g = gainLane.valueAt(b0 + i);
                    for (float[] c : pre) {
                        c[i] *= (float) g;
                    }
                }
            } else {
                float g = silent ? 0f : (float) fader;
                for (float[] c : pre) {
                    for (int i = 0; i < n; i++) {
                        c[i] *= g;
                    }
                }
            }
            panInto(pre, out, n, run.s.panLaw(), track.pan(), 1.0, panLane, b0, scratch);
        }

        boolean hasPreSends() {
            return track.sends().stream().anyMatch(Send::preFader);
        }

        /**
         * Adds this block's contributions to one destination: its output if that is {@code target}, then its
         * sends to {@code target}, in send order (the order {@link #deliver} adds them in).
         */
        void deliverTo(Run run, BusNode target, int n) {
            if (dest == target) {
                for (int c = 0; c < out.length; c++) {
                    float[] d = dest.in[c];
                    float[] x = out[c];
                    for (int i = 0; i < n; i++) {
                        d[i] += x[i];
                    }
                }
            }
            boolean silent = track.mute() || (run.anySolo && !track.solo());
            for (Send sd : track.sends()) {
                BusNode to = run.node(sd.to());
                if (to != target || to == null || sd.muted() || silent) {
                    continue;
                }
                float[][] src = sd.preFader() ? preCopy : pre;
                panInto(src, to.in, n, run.s.panLaw(), track.pan(), sd.gain().linear(), null, 0, target.scratch);
            }
        }

        static LaneCursor lane(Automation a, Run run) {
            if (a == null || !a.active() || a.isEmpty()) {
                return null;
            }
            return run.s.panLaw() == PanLaw.ARDOUR ? new LaneCursor(a, run.start, run.end, ARDOUR_CYCLE) : new LaneCursor(a);
        }
    }

    /** A bus's per-block state. */
    private static final class BusNode {
        final Bus bus;
        final List<BlockProcessor> inserts;
        final float[][] in;
        final float[][] out;
        final int outChannels;
        final LaneCursor gainLane;
        final LaneCursor panLane;
        final double[] scratch = new double[BLOCK];
        WavWriter writer;

        BusNode(Bus b, List<BlockProcessor> inserts, Run run) {
            this.bus = b;
            this.inserts = inserts;
            this.in = new float[b.channels()][BLOCK];
            this.outChannels = b.channels();
            this.out = new float[outChannels][BLOCK];
            this.gainLane = TrackNode.lane(b.automation(Automation.Parameter.GAIN), run);
            this.panLane = TrackNode.lane(b.automation(Automation.Parameter.PAN), run);
        }

        void clear(int n) {
            for (float[] c : in) {
                java.util.Arrays.fill(c, 0, n, 0f);
            }
            for (float[] c : out) {
                java.util.Arrays.fill(c, 0, n, 0f);
            }
        }

        void applyFader(long b0, int n) {
            double g0 = bus.mute() ? 0 : bus.fader().linear() * bus.trim().linear() * (bus.polarityInverted() ? -1 : 1);
            if (gainLane == null || bus.mute()) {
                float gf = (float) g0;
                for (float[] c : in) {
                    for (int i = 0; i < n; i++) {
                        c[i] *= gf;
                    }
                }
                return;
            }
            for (int i = 0; i < n; i++) {
                double g = gainLane != null && !bus.mute() ? gainLane.valueAt(b0 + i) * bus.trim().linear() : g0;
                for (float[] c : in) {
                    c[i] *= (float) g;
                }
            }
        }

        void processBus(Run run, long b0, int n) {
            for (BlockProcessor p : inserts) {
                p.process(in, n);
            }
            float[][] pre = null;
            if (bus.sends().stream().anyMatch(Send::preFader)) {
                pre = new float[in.length][n];
                for (int c = 0; c < in.length; c++) {
                    System.arraycopy(in[c], 0, pre[c], 0, n);
                }
            }
            applyFader(b0, n);
            // A bus's own output signal (its stem), panned into its destination's layout.
            BusNode dest = bus.output() == null ? null : run.node(bus.output());
            int oc = dest != null ? dest.in.length : outChannels;
            float[][] panned = oc == out.length ? out : new float[oc][n];
            panInto(in, panned, n, run.s.panLaw(), bus.pan(), 1.0, panLane, b0, scratch);
            if (dest != null) {
                for (int c = 0; c < oc; c++) {
                    for (int i = 0; i < n; i++) {
                        dest.in[c][i] += panned[c][i];
                    }
                }
            }
            for (Send sd : bus.sends()) {
                BusNode to = run.node(sd.to());
                if (to == null || sd.muted() || bus.mute()) {
                    continue;
                }
                panInto(sd.preFader() ? pre : in, to.in, n, run.s.panLaw(), bus.pan(), sd.gain().linear(),
                        null, 0, scratch);
            }
        }

        void processMaster(Run run, long b0, int n) {
            for (BlockProcessor p : inserts) {
                p.process(in, n);
            }
            applyFader(b0, n);
            for (int c = 0; c < out.length; c++) {
                System.arraycopy(in[c], 0, out[c], 0, n);
            }
        }
    }
}
