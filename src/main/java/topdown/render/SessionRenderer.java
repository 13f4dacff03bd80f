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

    /** The render's worker threads (daemons), one per core, shared by all renders. */
    private static final java.util.concurrent.ForkJoinPool WORKERS = new java.util.concurrent.ForkJoinPool(
            Runtime.getRuntime().availableProcessors(), pool -> {
                java.util.concurrent.ForkJoinWorkerThread t =
                        java.util.concurrent.ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
                t.setName("render worker " + t.getPoolIndex());
                t.setDaemon(true);
                return t;
            }, null, false);

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

    /** The buses' names in the order a render processes (and lists) them: every bus after the buses feeding it. */
    public static List<String> busOrder(Session s) throws IOException {
        List<String> names = new ArrayList<>();
        for (Bus b : RoutingGraph.of(s).order()) {
            names.add(b.name());
        }
        return names;
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
        topdown.audio.io.Simd.expect(samplesToProcess(s, req));
        return new Run(in, s, graph, req, start, end, progress == null ? Progress.NONE : progress).go();
    }

    /**
     * About how many samples a render of {@code s} decodes and writes (clip frames times channels, stem
     * frames times channels): what it announces to {@link topdown.audio.io.Simd#expect}.
     */
    public static long samplesToProcess(Session s, RenderRequest req) {
        long n = 0;
        for (Track t : s.tracks()) {
            for (Clip c : t.clips()) {
                n += c.lengthSamples() * c.channels().size();
            }
        }
        long frames = s.lengthSamples() > 0 ? s.lengthSamples() : s.contentEndSamples();
        int stems = (req.stems().contains(StemKind.MASTER) ? 1 : 0)
                + (req.stems().contains(StemKind.GROUPS) ? s.buses().size() : 0)
                + (req.stems().contains(StemKind.TRACKS) ? s.tracks().size() : 0);
        return n + frames * 2 * stems;
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
            DiskReads reads = s.playback().diskBufferSeconds() > 0
                    ? new DiskReads(s.playback(), s.sampleRate(), start, end) : null;
            for (Track t : s.tracks()) {
                if (t.kind() != topdown.model.TrackKind.AUDIO) {
                    if (!t.clips().isEmpty()) {
                        skipped.add(t.name() + ": " + t.kind().jsonName() + " track not rendered (no instrument)");
                    }
                    continue;
                }
                BusNode dest = t.output() == null ? null : node(t.output());
                tracks.add(new TrackNode(t, dest, processors(t.inserts(), t.name(), t.channels()),
                        new ClipPlayer(in.media(), s.sampleRate(), s.panLaw() == PanLaw.ARDOUR, reads), this));
            }
            boolean ok = false;
            try {
                if (req.outDir() != null) {
                    long tref = start + s.timecodeStartSamples();
                    if (req.stems().contains(StemKind.TRACKS)) {
                        for (TrackNode t : tracks) {
                            if (!req.writes("track", t.track.name())) {
                                continue;
                            }
                            Path p = req.outDir().resolve("tracks").resolve(fileName(t.track.name(), usedTrackNames) + ".wav");
                            t.writer = new WavWriter(p, t.outChannels, s.sampleRate(), req.encoding(), tref,
                                    "TopDown track stem: " + t.track.name());
                            writers.add(t.writer);
                            trackFiles.put(t.track.name(), p);
                        }
                    }
                    if (req.stems().contains(StemKind.GROUPS)) {
                        for (BusNode b : buses.values()) {
                            if (!req.writes("bus", b.bus.name())) {
                                continue;
                            }
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
                plan();
                progress.start("render " + s.name(), end - start);
                onWorkers(() -> {
                    int k = 0;
                    for (long b0 = start; b0 < end; b0 += BLOCK) {
                        int n = (int) Math.min(BLOCK, end - b0);
                        block(b0, n);
                        progress.advance(n);
                        if (++k % FLUSH_BLOCKS == 0) {
                            flushStems();
                        }
                    }
                    return null;
                });
                awaitStemWrite();
                awaitFlush();
                progress.done();
                ok = true;
            } finally {
                if (stemWriter != null) {
                    if (!ok) {
                        try {
                            awaitStemWrite(); // the writers must be idle before they are aborted
                        } catch (IOException | RuntimeException ignored) {
                            // the render already failed; that failure is the one reported
                        }
                    }
                    stemWriter.shutdownNow();
                }
                if (flusher != null) {
                    if (!ok) {
                        try {
                            awaitFlush(); // no flush may run into an abort
                        } catch (IOException | RuntimeException ignored) {
                            // the render already failed; that failure is the one reported
                        }
                    }
                    flusher.shutdownNow();
                }
                for (TrackNode t : tracks) {
                    t.player.close();
                }
                if (ok) {
                    closeAll(writers);
                } else {
                    for (WavWriter w : writers) {
                        w.abort();
                    }
                }
            }
            return new RenderResult(trackFiles, busFiles, masterFile, skipped, end - start, s.sampleRate());
        }

        /**
         * Runs the block loop on the render workers, so the parallel streams in {@link #block} fork there: one
         * pool thread per core that lives as long as the program (the common pool's threads lose their
         * thread-local read buffers after every task, which cost a 64 KB allocation per track and block).
         */
        private void onWorkers(java.util.concurrent.Callable<Void> loop) throws IOException {
            await(WORKERS.submit(loop));
        }

        BusNode node(BusId id) {
            return id.isMaster() ? master : buses.get(id);
        }

        /**
         * Closes the stems, several at a time: each close flushes its file to disk before moving it into place,
         * and those waits overlap. If one fails, the others still close; the first failure is thrown.
         */
        void closeAll(List<WavWriter> writers) throws IOException {
            if (writers.size() <= 1) {
                for (WavWriter w : writers) {
                    w.close();
                }
                return;
            }
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                    Math.min(8, writers.size()), r -> {
                        Thread t = new Thread(r, "stem close");
                        t.setDaemon(true);
                        return t;
                    });
            try {
                List<java.util.concurrent.Future<?>> closing = new ArrayList<>();
                for (WavWriter w : writers) {
                    closing.add(pool.submit(() -> {
                        w.close();
                        return null;
                    }));
                }
                IOException first = null;
                for (java.util.concurrent.Future<?> f : closing) {
                    try {
                        f.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        if (first == null) {
                            first = e.getCause() instanceof IOException ? (IOException) e.getCause()
                                    : new IOException(e.getCause());
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while closing stems", e);
                    }
                }
                if (first != null) {
                    throw first;
                }
            } finally {
                pool.shutdown();
            }
        }

        /**
         * The work of one block, planned once: tracks that only feed one destination (no stem file, no sends)
         * are mixed straight into a partial sum of up to {@link #DIRECT_GROUP} consecutive such tracks
         * (their post-fader, post-pan signal never needs its own buffer); the other tracks render into their
         * own output buffer and deliver from it. Each destination then adds, in track order, its partial sums
         * and its deliveries. The plan depends only on the session and the request, so renders are repeatable.
         */
        static final int DIRECT_GROUP = 8;
        final List<Object> jobs = new ArrayList<>(); // TrackNode (buffered) or Partial
        final Map<BusNode, List<Object>> deliveries = new LinkedHashMap<>(); // per destination: TrackNode or Partial

        void plan() {
            for (BusNode d : destinations) {
                deliveries.put(d, new ArrayList<>());
            }
            for (TrackNode t : tracks) {
                if (!t.direct()) {
                    jobs.add(t);
                    for (BusNode d : destinations) {
                        if (t.dest == d || (t.dest != null && t.track.extraOutputs().contains(d.bus.id()))
                                || t.track.sends().stream().anyMatch(sd -> node(sd.to()) == d)) {
                            deliveries.get(d).add(t);
                        }
                    }
                    continue;
                }
                List<Object> into = deliveries.get(t.dest);
                Object last = into.isEmpty() ? null : into.get(into.size() - 1);
                if (last instanceof Partial && ((Partial) last).tracks.size() < DIRECT_GROUP) {
                    ((Partial) last).tracks.add(t);
                } else {
                    Partial p = new Partial(t.dest);
                    p.tracks.add(t);
                    into.add(p);
                    jobs.add(p);
                }
            }
            // A destination fed by tracks through one partial sum only: the tracks mix straight into its input
            // (the first one writes it, so it needs no clearing and no second pass; x + 0 is x, same bits).
            for (Map.Entry<BusNode, List<Object>> e : deliveries.entrySet()) {
                List<Object> into = e.getValue();
                if (into.size() == 1 && into.get(0) instanceof Partial) {
                    ((Partial) into.get(0)).sum = e.getKey().in;
                    e.getKey().fedDirect = true;
                    into.clear();
                }
            }
            deliveries.values().removeIf(List::isEmpty);
            // The tracks of a partial sum run one after another on one thread and keep nothing in their pre-fader
            // block between blocks: they share one per channel count, which stays in cache.
            for (Object j : jobs) {
                if (j instanceof Partial) {
                    Map<Integer, float[][]> shared = new HashMap<>();
                    for (TrackNode t : ((Partial) j).tracks) {
                        t.pre = shared.computeIfAbsent(t.pre.length, c -> t.pre);
                    }
                }
            }
        }

        void block(long b0, int n) throws IOException {
            master.clear(n);
            for (BusNode b : buses.values()) {
                b.clear(n);
            }
            // Buffered tracks (each writing its own stem: each writer has its own dither, so the files do not
            // depend on the order) and partial sums of direct tracks, all in parallel; then each destination
            // sums its inputs in track order, destinations in parallel; the buses and the master in order;
            // the bus and master stems written in parallel.
            try {
                jobs.parallelStream().forEach(j -> {
                    try {
                        if (j instanceof Partial) {
                            ((Partial) j).mix(this, b0, n);
                        } else {
                            TrackNode t = (TrackNode) j;
                            t.process(this, b0, n, t.out, false);
                            if (t.writer != null) {
                                t.writer.write(t.out, 0, n);
                            }
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            deliveries.entrySet().parallelStream().forEach(e -> {
                BusNode d = e.getKey();
                for (Object j : e.getValue()) {
                    if (j instanceof Partial) {
                        ((Partial) j).addTo(d, n);
                    } else {
                        ((TrackNode) j).deliverTo(this, d, n);
                    }
                }
            });
            for (BusNode b : buses.values()) {
                b.processBus(this, b0, n);
            }
            master.processMaster(this, b0, n);
            writeBusStems(n);
        }

        /**
         * The bus and master stems of a block are written on a writer thread while the next block renders:
         * the block is copied to a spare buffer per stem (at most one block in flight), so the dither and the
         * file writes overlap the mixing instead of following it.
         */
        java.util.concurrent.ExecutorService stemWriter;
        java.util.concurrent.Future<?> pendingWrite;
        /** Every stem file of this render. */
        final List<WavWriter> writers = new ArrayList<>();

        void writeBusStems(int n) throws IOException {
            if (busWriters.isEmpty()) {
                return;
            }
            awaitStemWrite();
            if (stemWriter == null) {
                stemWriter = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "stem writer");
                    t.setDaemon(true);
                    return t;
                });
            }
            for (BusNode b : busWriters) {
                if (b.spare == null) {
                    b.spare = new float[b.out.length][BLOCK];
                }
                for (int c = 0; c < b.out.length; c++) {
                    System.arraycopy(b.out[c], 0, b.spare[c], 0, n);
                }
            }
            pendingWrite = stemWriter.submit(() -> {
                for (BusNode b : busWriters) {
                    b.writer.write(b.spare, 0, n);
                }
                return null;
            });
        }

        /**
         * Every {@link #FLUSH_BLOCKS} blocks (about 11 s of audio at 48 kHz) the stems written so far are pushed to
         * the disk on a flusher thread (skipped while the last push still runs), so the disk writes while the
         * render goes on; the closing flush then only has the tail. Without it the page cache held the first
         * gigabytes until the end and the disk wrote after the render (55 stems: 4.7 GB).
         */
        static final int FLUSH_BLOCKS = 32;
        java.util.concurrent.ExecutorService flusher;
        java.util.concurrent.Future<?> pendingFlush;

        void flushStems() throws IOException {
            if (writers.isEmpty() || (pendingFlush != null && !pendingFlush.isDone())) {
                return;
            }
            awaitFlush(); // done: reports its failure, if any
            if (flusher == null) {
                flusher = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "stem flusher");
                    t.setDaemon(true);
                    return t;
                });
            }
            List<WavWriter> all = List.copyOf(writers);
            pendingFlush = flusher.submit(() -> {
                for (WavWriter w : all) {
                    w.flushWritten();
                }
                return null;
            });
        }

        void awaitFlush() throws IOException {
            java.util.concurrent.Future<?> f = pendingFlush;
            pendingFlush = null;
            await(f);
        }

        void awaitStemWrite() throws IOException {
            java.util.concurrent.Future<?> f = pendingWrite;
            pendingWrite = null;
            await(f);
        }
    }

    /** Waits for {@code f} (nothing when null), rethrowing what it threw. */
    static void await(java.util.concurrent.Future<?> f) throws IOException {
        if (f == null) {
            return;
        }
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("render interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException) {
                throw (IOException) c;
            }
            if (c instanceof RuntimeException) {
                throw (RuntimeException) c;
            }
            if (c instanceof Error) {
                throw (Error) c;
            }
            throw new IOException(c);
        }
    }

    /** The sum of consecutive direct tracks into one destination, for one block. */
    private static final class Partial {
        final BusNode dest;
        final List<TrackNode> tracks = new ArrayList<>();
        /** The partial sum; the destination's input itself when this is all the destination gets from tracks. */
        float[][] sum;

        Partial(BusNode dest) {
            this.dest = dest;
            this.sum = new float[dest.in.length][BLOCK];
        }

        void mix(Run run, long b0, int n) throws IOException {
            for (int k = 0; k < tracks.size(); k++) {
                tracks.get(k).process(run, b0, n, sum, k > 0);
            }
        }

        void addTo(BusNode d, int n) {
            for (int c = 0; c < sum.length; c++) {
                float[] x = sum[c];
                float[] y = d.in[c];
                for (int i = 0; i < n; i++) {
                    y[i] += x[i];
                }
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

    /**
     * Pans {@code in} (its channel count) into {@code out} (the destination's) with gain, adding to it or
     * (without {@code add}) replacing it.
     */
    static void panInto(float[][] in, float[][] out, int n, PanLaw law, Pan pan, double gain, LaneCursor panLane,
                        long b0, boolean add) {
        int ic = in.length;
        int oc = out.length;
        if (oc == 2 && ic == 2 && pan.stereo() == Pan.Stereo.WIDTH) {
            if (!add) {
                for (float[] c : out) {
                    java.util.Arrays.fill(c, 0, n, 0f);
                }
            }
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
        panInto(in, out, n, law, pan.position(), gain, panLane, b0, add);
    }

    /**
     * Pans {@code in} into {@code out} with {@code gain}: adding to it, or (without {@code add}) replacing
     * what it holds. Constant pans run in single precision, as the DAWs' mixers do (Ardour's pan gains are
     * floats applied by mix_buffers_with_gain), in straight loops the JIT vectorises.
     */
    static void panInto(float[][] in, float[][] out, int n, PanLaw law, double pan, double gain, LaneCursor panLane,
                        long b0, boolean add) {
        int ic = in.length;
        int oc = out.length;
        if (!add && (panLane != null || !(oc == 2 && (ic == 1 || ic == 2)))) {
            for (float[] c : out) {
                java.util.Arrays.fill(c, 0, n, 0f);
            }
            add = true;
        }
        if (oc == 2 && (ic == 1 || ic == 2)) {
            double[] g = ic == 1 ? PanLaws.mono(law, pan) : PanLaws.stereo(law, pan);
            if (panLane == null) {
                scaled(in[0], out[0], n, (float) (g[0] * gain), add);
                scaled(in[ic == 1 ? 0 : 1], out[1], n, (float) (g[1] * gain), add);
                return;
            }
            for (int i = 0; i < n; i++) {
                double p = Math.max(-1, Math.min(1, panLane.valueAt(b0 + i)));
                g = ic == 1 ? PanLaws.mono(law, p) : PanLaws.stereo(law, p);
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
        float gf = (float) gain;
        for (int c = 0; c < oc; c++) {
            float[] src = in[ic == 1 ? 0 : c % ic];
            float[] dst = out[c];
            for (int i = 0; i < n; i++) {
                dst[i] += src[i] * gf;
            }
        }
    }

    /** {@code out[i] (+)= x[i] * g} for i in [0, n). */
    static void scaled(float[] x, float[] out, int n, float g, boolean add) {
        if (add) {
            if (g == 1f) {
                for (int i = 0; i < n; i++) {
                    out[i] += x[i];
                }
            } else {
                for (int i = 0; i < n; i++) {
                    out[i] += x[i] * g;
                }
            }
        } else if (g == 0f) {
            java.util.Arrays.fill(out, 0, n, 0f);
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = x[i] * g;
            }
        }
    }

    /**
     * An automated gain stage (fader or trim) under a cycle {@link topdown.model.Playback}: its lane read per
     * process cycle, {@code outputLatencySamples} behind the audio, and applied through the stage's smoothing
     * when the playback has one (else multiplied in as read).
     */
    static final class GainStage {
        final CycleReader lane;
        final SmoothedGain smooth;
        final float[] target = new float[BLOCK];

        GainStage(Automation a, Run run) {
            topdown.model.Playback p = run.s.playback();
            this.lane = new CycleReader(a, run.s.sampleRate(), run.s.tempo(), p, run.start, p.outputLatencySamples(), null);
            this.smooth = p.gainSmoothingPerSecond() > 0
                    ? new SmoothedGain(p.gainSmoothingPerSecond(), run.s.sampleRate(), lane.initial()) : null;
        }

        /** Applies the stage to buf[c][0, n), the audio samples [b0, b0 + n), cycle by cycle. */
        void apply(float[][] buf, long b0, int n) {
            for (int done = 0; done < n; ) {
                int k = Math.min(n - done, lane.untilCycleEnd(b0 + done));
                lane.fill(b0 + done, k, target);
                if (smooth != null) {
                    smooth.apply(buf, done, k, target);
                } else {
                    for (float[] c : buf) {
                        for (int i = 0; i < k; i++) {
                            c[done + i] *= target[i];
                        }
                    }
                }
                done += k;
            }
        }

        static GainStage of(Automation a, Run run) {
            if (a == null || !a.active() || a.isEmpty() || run.s.playback().cycleSamples() == 0) {
                return null;
            }
            return new GainStage(a, run);
        }
    }

    /**
     * A pan lane under a cycle playback, read per process cycle at the audio's own position (the panner runs
     * in the route's output, aligned with its audio); values are Ardour azimuths 0..1.
     */
    static CycleReader panReader(Automation a, Run run) {
        if (a == null || !a.active() || a.isEmpty() || run.s.playback().cycleSamples() == 0) {
            return null;
        }
        return new CycleReader(a, run.s.sampleRate(), run.s.tempo(), run.s.playback(), run.start, 0, p -> (p + 1) / 2);
    }

    /**
     * Pans {@code in} into {@code out} (adding) with per-sample azimuths az[0, n) (0 = left, 1 = right). A
     * mono source under Ardour's law is panned the way Ardour's automated 1in2out panner computes it, in
     * single precision: R = a·(s·a + 1 - s), L the same of 1 - a, s = -0.831783138 (2 - 4·10^(-3/20)).
     * A stereo source under Ardour's "Stereo Balance" panner as its automated path does: L = 2 - 2a above
     * the centre, R = 2a below it, the other side at unity (computed in double, stored as float gains).
     * Other layouts use the law's gains for the position 2a - 1.
     */
    static void panAutomated(float[][] in, float[][] out, int n, PanLaw law, Pan pan, float[] az) {
        if (out.length == 2 && in.length == 2 && law == PanLaw.ARDOUR && pan.stereo() == Pan.Stereo.BALANCE) {
            for (int i = 0; i < n; i++) {
                float pos = az[i];
                float gl = pos > .5 ? (float) (2 - 2. * pos) : 1.0f;
                float gr = pos < .5 ? (float) (2. * pos) : 1.0f;
                out[0][i] += in[0][i] * gl;
                out[1][i] += in[1][i] * gr;
            }
            return;
        }
        if (out.length == 2 && in.length == 1 && law == PanLaw.ARDOUR) {
            final float scale = -0.831783138f;
            float[] x = in[0];
            for (int i = 0; i < n; i++) {
                float panR = az[i];
                float panL = 1 - panR;
                float gl = panL * (scale * panL + 1.0f - scale);
                float gr = panR * (scale * panR + 1.0f - scale);
                out[0][i] += x[i] * gl;
                out[1][i] += x[i] * gr;
            }
            return;
        }
        float[][] one = new float[in.length][1];
        float[][] o = new float[out.length][1];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < in.length; c++) {
                one[c][0] = in[c][i];
            }
            for (float[] oc : o) {
                oc[0] = 0;
            }
            double p = Math.max(-1, Math.min(1, 2.0 * az[i] - 1));
            panInto(one, o, 1, law, new Pan(p, pan.width(), pan.stereo()), 1.0, null, 0, true);
            for (int c = 0; c < out.length; c++) {
                out[c][i] += o[c][0];
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
        /** The block before the fader; direct tracks of one partial sum share theirs (see {@code plan}). */
        float[][] pre;
        final float[][] out;
        final LaneCursor gainLane;
        final LaneCursor trimLane;
        final LaneCursor panLane;
        final GainStage gainStage;
        final GainStage trimStage;
        final CycleReader panCycles;
        final float[] az = new float[BLOCK];
        final Map<Integer, LaneCursor> envelopes = new HashMap<>();
        float[][] preCopy;
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
            this.gainStage = GainStage.of(t.automation(Automation.Parameter.GAIN), run);
            this.trimStage = GainStage.of(t.automation(Automation.Parameter.TRIM), run);
            this.panCycles = panReader(t.automation(Automation.Parameter.PAN), run);
            List<Clip> clips = t.clips();
            for (int i = 0; i < clips.size(); i++) {
                Automation env = clips.get(i).gainEnvelope();
                if (env != null && env.active() && !env.isEmpty()) {
                    envelopes.put(i, new LaneCursor(env));
                }
            }
        }

        /**
         * A direct track feeds one destination and nothing else (no stem file, no sends): it is mixed straight
         * into a partial sum.
         */
        boolean direct() {
            return writer == null && dest != null && track.sends().isEmpty() && track.extraOutputs().isEmpty();
        }

        /**
         * Renders this block: clips, inserts, trim, fader, pan into {@code target} (adding to it, or with
         * {@code add} false replacing it). Without automation or post-fader sends the fader is applied with
         * the pan gains in one pass.
         */
        void process(Run run, long b0, int n, float[][] target, boolean add) throws IOException {
            List<Clip> clips = track.clips();
            // A clip that covers the whole block and every channel writes the block instead of adding to zeros.
            int cover = -1;
            for (int i = 0; i < clips.size(); i++) {
                Clip c = clips.get(i);
                if (c.endSamples() > b0 && c.positionSamples() < b0 + n) {
                    if (c.positionSamples() <= b0 && c.endSamples() >= b0 + n && !c.muted()
                            && (c.channels().size() == 1 || c.channels().size() == pre.length)) {
                        cover = i;
                    }
                    break;
                }
            }
            if (cover < 0) {
                for (float[] c : pre) {
                    java.util.Arrays.fill(c, 0, n, 0f);
                }
            }
            for (int i = 0; i < clips.size(); i++) {
                Clip c = clips.get(i);
                if (c.endSamples() > b0 && c.positionSamples() < b0 + n) {
                    player.play(c, i, b0, n, pre, envelopes.get(i), i == cover);
                }
            }
            player.release(clips, b0);
            for (BlockProcessor p : inserts) {
                p.process(pre, n);
            }
            double trim = track.trim().linear() * (track.polarityInverted() ? -1 : 1);
            if (trimStage != null) {
                // polarity, then the trim stage, whose lane replaces the trim's value while it plays back
                if (track.polarityInverted()) {
                    for (float[] c : pre) {
                        for (int i = 0; i < n; i++) {
                            c[i] = -c[i];
                        }
                    }
                }
                trimStage.apply(pre, b0, n);
            } else if (trimLane != null) {
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
            double panGain = 1.0;
            if (gainStage != null && !silent) {
                gainStage.apply(pre, b0, n);
            } else if (gainLane != null && !silent) {
                for (int i = 0; i < n; i++) {
                    double g = gainLane.valueAt(b0 + i);
                    for (float[] c : pre) {
                        c[i] *= (float) g;
                    }
                }
            } else if (hasPostSends() || panCycles != null) {
                float g = silent ? 0f : (float) fader;
                for (float[] c : pre) {
                    for (int i = 0; i < n; i++) {
                        c[i] *= g;
                    }
                }
            } else {
                panGain = silent ? 0 : fader; // post-fader signal only needed panned: one pass
            }
            if (panCycles != null) {
                if (!add) {
                    for (float[] c : target) {
                        java.util.Arrays.fill(c, 0, n, 0f);
                    }
                }
                panCycles.fill(b0, n, az);
                panAutomated(pre, target, n, run.s.panLaw(), track.pan(), az);
            } else {
                panInto(pre, target, n, run.s.panLaw(), track.pan(), panGain, panLane, b0, add);
            }
        }

        boolean hasPostSends() {
            return track.sends().stream().anyMatch(sd -> !sd.preFader());
        }

        boolean hasPreSends() {
            return track.sends().stream().anyMatch(Send::preFader);
        }

        /**
         * Adds this block's contributions to one destination: its output if that is {@code target}, then its
         * sends to {@code target}, in send order (the order {@link #deliver} adds them in).
         */
        void deliverTo(Run run, BusNode target, int n) {
            if (dest == target || (dest != null && track.extraOutputs().contains(target.bus.id()))) {
                // the output signal, port by port (an extra destination with fewer channels takes the first ones)
                for (int c = 0; c < Math.min(out.length, target.in.length); c++) {
                    float[] d = target.in[c];
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
                panInto(src, to.in, n, run.s.panLaw(), track.pan(), sd.gain().linear(), null, 0, true);
            }
        }

        static LaneCursor lane(Automation a, Run run) {
            if (a == null || !a.active() || a.isEmpty() || run.s.playback().cycleSamples() > 0) {
                return null; // absent, or read per cycle (GainStage, panReader)
            }
            return new LaneCursor(a);
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
        final GainStage gainStage;
        final CycleReader panCycles;
        final float[] az = new float[BLOCK];
        WavWriter writer;
        float[][] spare; // the block the stem writer is writing

        BusNode(Bus b, List<BlockProcessor> inserts, Run run) {
            this.bus = b;
            this.inserts = inserts;
            this.in = new float[b.channels()][BLOCK];
            this.outChannels = b.channels();
            this.out = new float[outChannels][BLOCK];
            this.gainLane = TrackNode.lane(b.automation(Automation.Parameter.GAIN), run);
            this.panLane = TrackNode.lane(b.automation(Automation.Parameter.PAN), run);
            this.gainStage = GainStage.of(b.automation(Automation.Parameter.GAIN), run);
            this.panCycles = panReader(b.automation(Automation.Parameter.PAN), run);
        }

        /** Set when one partial sum of tracks writes {@link #in} first in every block (see {@code plan}). */
        boolean fedDirect;

        /** Clears the input for the block (unless tracks write it first); the output is always written whole. */
        void clear(int n) {
            if (fedDirect) {
                return;
            }
            for (float[] c : in) {
                java.util.Arrays.fill(c, 0, n, 0f);
            }
        }

        void applyFader(long b0, int n) {
            if (gainStage != null && !bus.mute()) {
                // polarity and trim (each its own stage), then the automated fader
                float t = (float) (bus.trim().linear() * (bus.polarityInverted() ? -1 : 1));
                if (t != 1f) {
                    for (float[] c : in) {
                        for (int i = 0; i < n; i++) {
                            c[i] *= t;
                        }
                    }
                }
                gainStage.apply(in, b0, n);
                return;
            }
            double g0 = bus.mute() ? 0 : bus.fader().linear() * bus.trim().linear() * (bus.polarityInverted() ? -1 : 1);
            if (gainLane == null || bus.mute()) {
                float gf = (float) g0;
                if (gf == 1f) {
                    return;
                }
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
            // A bus's own output signal (its stem), panned into its destination's layout.
            BusNode dest = bus.output() == null ? null : run.node(bus.output());
            int oc = dest != null ? dest.in.length : outChannels;
            // A constant fader with no automation and no post-fader send goes into the pan gains: one pass, as
            // for tracks (and the same arithmetic whichever stems are written).
            boolean fold = gainStage == null && gainLane == null && panCycles == null && oc == out.length
                    && bus.sends().stream().allMatch(Send::preFader);
            double faderGain = 1.0;
            if (fold) {
                faderGain = bus.mute() ? 0 : bus.fader().linear() * bus.trim().linear()
                        * (bus.polarityInverted() ? -1 : 1);
            } else {
                applyFader(b0, n);
            }
            if (fold && writer == null && dest != null && bus.extraOutputs().isEmpty()) {
                // no stem: straight into the destination (the same sums as through the output buffer)
                if (!bus.mute()) {
                    panInto(in, dest.in, n, run.s.panLaw(), bus.pan(), faderGain, panLane, b0, true);
                }
                sendsFrom(run, pre, n);
                return;
            }
            float[][] panned = oc == out.length ? out : new float[oc][n];
            if (panned != out) {
                // the stem is the bus's own (unpanned) layout
                for (int c = 0; c < out.length; c++) {
                    System.arraycopy(in[c], 0, out[c], 0, n);
                }
            }
            if (panCycles != null) {
                for (float[] c : panned) {
                    java.util.Arrays.fill(c, 0, n, 0f);
                }
                panCycles.fill(b0, n, az);
                panAutomated(in, panned, n, run.s.panLaw(), bus.pan(), az);
            } else {
                panInto(in, panned, n, run.s.panLaw(), bus.pan(), faderGain, panLane, b0, false);
            }
            if (dest != null) {
                for (int c = 0; c < oc; c++) {
                    for (int i = 0; i < n; i++) {
                        dest.in[c][i] += panned[c][i];
                    }
                }
                // further output connections get the same signal, port by port
                for (BusId x : bus.extraOutputs()) {
                    BusNode to = run.node(x);
                    for (int c = 0; to != null && c < Math.min(oc, to.in.length); c++) {
                        for (int i = 0; i < n; i++) {
                            to.in[c][i] += panned[c][i];
                        }
                    }
                }
            }
            sendsFrom(run, pre, n);
        }

        /** The bus's sends: pre-fader ones from {@code pre}, post-fader ones from the faded input. */
        private void sendsFrom(Run run, float[][] pre, int n) {
            for (Send sd : bus.sends()) {
                BusNode to = run.node(sd.to());
                if (to == null || sd.muted() || bus.mute()) {
                    continue;
                }
                panInto(sd.preFader() ? pre : in, to.in, n, run.s.panLaw(), bus.pan(), sd.gain().linear(),
                        null, 0, true);
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
