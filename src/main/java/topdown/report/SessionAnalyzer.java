package topdown.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import topdown.analysis.AnalysisReport;
import topdown.analysis.DeliveryPreset;
import topdown.analysis.Masking;
import topdown.analysis.StemAnalysis;
import topdown.audio.io.WavWriter;
import topdown.format.MediaResolver;
import topdown.format.ReadResult;
import topdown.model.Bus;
import topdown.model.BusId;
import topdown.model.Session;
import topdown.model.Track;
import topdown.render.ProcessorFactory;
import topdown.render.RenderRequest;
import topdown.render.RenderResult;
import topdown.render.SessionRenderer;

/**
 * Top-down analysis of a session: renders master, buses and tracks as 32-bit float stems into a
 * scratch folder (deleted afterwards), analyses every stem in parallel, and measures masking between
 * groups and between the tracks inside each group (kick against bass is among the track pairs when they
 * share a group, and always compared).
 */
public final class SessionAnalyzer {
    private SessionAnalyzer() {
    }

    public record Result(AnalysisReport report, RenderResult render, Path stemsDir) {
    }

    public static AnalysisReport analyze(ReadResult in, Path reference, DeliveryPreset target, ProcessorFactory proc,
                                         Progress progress) throws IOException {
        Path scratch = Files.createTempDirectory("topdown-analyze-");
        try {
            return analyzeInto(in, reference, target, proc, scratch, progress).report();
        } finally {
            deleteTree(scratch);
        }
    }

    /** Renders into {@code stemsDir} (kept) and analyses. */
    public static Result analyzeInto(ReadResult in, Path reference, DeliveryPreset target, ProcessorFactory proc,
                                     Path stemsDir, Progress progress) throws IOException {
        return analyzeInto(in, reference, target, proc, stemsDir, progress, null);
    }

    /**
     * The analyses of one measurement, by what determines each stem (the track or bus with everything feeding
     * it, and the session-wide settings a render depends on). Given to the next measurement of a changed
     * session, it lets that render write and analyse only the stems whose inputs changed (the master always),
     * which is what a mix pass that moves one group or only the master chain needs. Holds one measurement.
     */
    public static final class StemCache implements AutoCloseable {
        private Map<Object, StemAnalysis> entries = new java.util.HashMap<>();
        private int reused;
        private int replays;
        private Path dir;
        private Object inputKey; // what the saved master input was rendered from
        private Path input;
        private long inputStart;
        private long inputFrames;

        /** Stems taken from the previous measurement so far (over all measurements). */
        public int reused() {
            return reused;
        }

        /** Measurements whose master was rendered from the saved master input (the mix unchanged below it). */
        public int replays() {
            return replays;
        }

        /** Deletes the saved master input. */
        @Override
        public void close() {
            deleteTree(dir);
            dir = null;
            input = null;
            inputKey = null;
        }
    }

    /** As {@link #analyzeInto(ReadResult, Path, DeliveryPreset, ProcessorFactory, Path, Progress)}, reusing {@code cache}. */
    public static Result analyzeInto(ReadResult in, Path reference, DeliveryPreset target, ProcessorFactory proc,
                                     Path stemsDir, Progress progress, StemCache cache) throws IOException {
        return analyzeInto(in, reference, target, proc, stemsDir, progress, cache, false);
    }

    /**
     * With {@code writeAll}, every stem is written (for the user) even where {@code cache} already holds its
     * analysis; only the analysis is reused.
     */
    public static Result analyzeInto(ReadResult in, Path reference, DeliveryPreset target, ProcessorFactory proc,
                                     Path stemsDir, Progress progress, StemCache cache, boolean writeAll)
            throws IOException {
        Session s = in.session();
        Map<String, Object> keys = cache == null ? new java.util.HashMap<>() : stemKeys(s, reference);
        Map<Object, StemAnalysis> known = cache == null ? new java.util.HashMap<>() : cache.entries;
        RenderRequest req = RenderRequest.all(stemsDir, WavWriter.Encoding.FLOAT32).withProcessors(proc);
        if (cache != null && !writeAll) {
            req = req.withStemFilter(stem -> !known.containsKey(keys.get(stem)));
        }
        RenderResult r = cache == null ? SessionRenderer.render(in, req, progress) : renderViaMasterInput(in, req, cache,
                keys.get("master-input"), writeAll, progress);        Map<String, Path> files = new LinkedHashMap<>();
        files.put("\u0000master", r.master());
        r.buses().forEach((k, v) -> {
            if (!known.containsKey(keys.get("bus:" + k))) {
                files.put("bus\u0000" + k, v);
            }
        });
        r.tracks().forEach((k, v) -> {
            if (!known.containsKey(keys.get("track:" + k))) {
                files.put("track\u0000" + k, v);
            }
        });
        boolean refCached = cache != null && reference != null && cache.entries.containsKey(keys.get("reference"));
        if (reference != null && !refCached) {
            files.put("\u0000reference", reference);
        }
        Map<String, StemAnalysis> done = analyseAll(files, progress);
        List<String> trackNames = new ArrayList<>();
        for (Track t : s.tracks()) {
            if (t.kind() == topdown.model.TrackKind.AUDIO) {
                trackNames.add(t.name());
            }
        }
        List<String> busNames = SessionRenderer.busOrder(s);
        if (cache != null) {
            Map<Object, StemAnalysis> next = new java.util.HashMap<>();
            for (String t : trackNames) {
                take(cache, done, next, "track\u0000" + t, keys.get("track:" + t));
            }
            for (String b : busNames) {
                take(cache, done, next, "bus\u0000" + b, keys.get("bus:" + b));
            }
            if (reference != null) {
                take(cache, done, next, "\u0000reference", keys.get("reference"));
            }
            cache.entries = next;
        }
        trackNames.removeIf(t -> !done.containsKey("track\u0000" + t));
        busNames.removeIf(b -> !done.containsKey("bus\u0000" + b));
        return new Result(assemble(s, done, trackNames, busNames, target, in.file() == null ? s.name()
                : in.file().toString()), r, stemsDir);
    }

    /**
     * Renders in two steps: the session with a bare master (no inserts, unity gain: its master stem is exactly
     * the sum entering the master) unless the cache holds that sum for an unchanged mix, then the master chain
     * alone on that sum, played back by one unity track (bit-exact: a float file through unity gains). A pass
     * that changes only the master chain costs one stereo file through the chain instead of the whole mix.
     */
    private static RenderResult renderViaMasterInput(ReadResult in, RenderRequest req, StemCache cache, Object inputKey,
                                                     boolean writeAll, Progress progress) throws IOException {
        Session s = in.session();
        Bus m = s.master();
        List<String> skipped = new ArrayList<>();
        Map<String, Path> trackFiles = Map.of();
        Map<String, Path> busFiles = Map.of();
        if (writeAll || cache.input == null || !cache.inputKey.equals(inputKey)) {
            Bus bare = new Bus(m.id(), m.name(), m.kind(), m.channels(), topdown.model.Gain.UNITY, topdown.model.Gain.UNITY,
                    m.pan(), false, false, false, m.output(), List.of(), List.of(), List.of(), m.carry());
            ReadResult b = new ReadResult(in.file(), in.format(), s.withMaster(bare), in.nativeDocument(), in.problems(),
                    in.media());
            RenderResult r = SessionRenderer.render(b, req, progress);
            if (cache.dir == null) {
                cache.dir = Files.createTempDirectory("topdown-master-input-");
            }
            Path keep = cache.dir.resolve("master-input-" + (cache.replays + cache.reused + System.nanoTime()) + ".wav");
            Files.move(r.master(), keep);
            if (cache.input != null) {
                Files.deleteIfExists(cache.input);
            }
            cache.input = keep;
            cache.inputKey = inputKey;
            cache.inputStart = req.startSample() > 0 ? req.startSample() : SessionRenderer.defaultStart(s);
            cache.inputFrames = r.frames();
            trackFiles = r.tracks();
            busFiles = r.buses();
            skipped.addAll(r.skippedInserts());
        } else {
            cache.replays++;
        }
        // The master chain on the saved sum: one track, unity gain, centred (balance: 1 and 1), into the master.
        topdown.model.Source src = topdown.format.topdown.SourceProbe.probe("master-input", cache.input.toString(),
                cache.input, null);
        topdown.model.Clip clip = topdown.model.Clip.of("master input", src, cache.inputStart, cache.inputFrames);
        Track t = new Track(new topdown.model.TrackId("master-input"), "master input", topdown.model.TrackKind.AUDIO,
                m.channels(), List.of(clip), topdown.model.Gain.UNITY, topdown.model.Gain.UNITY, topdown.model.Pan.CENTRE,
                false, false, false, BusId.MASTER, List.of(), List.of(), List.of(), topdown.model.Carry.NONE);
        // (Every session-wide setting kept: pan law, timecode start, playback model; the range is given below.)
        Session replay = s.withTracks(List.of(t)).withBuses(List.of()).withMaster(m);
        ReadResult rr = new ReadResult(in.file(), in.format(), replay, null, List.of(), MediaResolver.files(null));
        RenderResult chain = SessionRenderer.render(rr, new RenderRequest(req.outDir(), java.util.Set.of(
                topdown.render.StemKind.MASTER), req.encoding(), 0, req.processors(), cache.inputStart,
                cache.inputStart + cache.inputFrames), progress);
        for (String k : chain.skippedInserts()) {
            if (k.startsWith("Master")) {
                skipped.add(k);
            }
        }
        return new RenderResult(trackFiles, busFiles, chain.master(), skipped, chain.frames(), chain.sampleRate());
    }

    private static void take(StemCache cache, Map<String, StemAnalysis> done, Map<Object, StemAnalysis> next, String name,
                             Object key) {
        StemAnalysis a = done.get(name);
        if (a == null && key != null && cache.entries.containsKey(key)) {
            a = cache.entries.get(key);
            done.put(name, a);
            cache.reused++;
        }
        if (a != null && key != null) {
            next.put(key, a);
        }
    }

    /**
     * What determines each stem: "track:NAME" is the track (clips, gains, pan, inserts, automation, output) with
     * the session-wide settings and its destination's width; "bus:NAME" the bus and the keys of everything that
     * feeds it; "reference" the file with its size and time. Equal keys mean equal stems.
     */
    static Map<String, Object> stemKeys(Session s, Path reference) throws IOException {
        boolean anySolo = s.tracks().stream().anyMatch(Track::solo);
        List<Object> global = java.util.Arrays.asList(s.sampleRate(), s.panLaw(), s.lengthSamples(),
                s.contentEndSamples(), SessionRenderer.defaultStart(s), anySolo, s.timecodeStartSamples());
        Map<BusId, Integer> width = new java.util.HashMap<>();
        for (Bus b : s.buses()) {
            width.put(b.id(), b.channels());
        }
        width.put(BusId.MASTER, s.master().channels());
        Map<String, Object> keys = new java.util.HashMap<>();
        Map<BusId, List<Object>> feeds = new java.util.HashMap<>();
        for (Track t : s.tracks()) {
            Object k = java.util.Arrays.asList("track", t, global, width.get(t.output()));
            keys.put("track:" + t.name(), k);
            feed(feeds, t.output(), k);
            t.extraOutputs().forEach(x -> feed(feeds, x, k));
            for (topdown.model.Send sd : t.sends()) {
                feed(feeds, sd.to(), k);
            }
        }
        Map<BusId, Bus> byId = new java.util.HashMap<>();
        for (Bus b : s.buses()) {
            byId.put(b.id(), b);
        }
        for (String name : SessionRenderer.busOrder(s)) {
            Bus b = s.buses().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
            Object k = java.util.Arrays.asList("bus", b, global, width.get(b.output()),
                    feeds.getOrDefault(b.id(), List.of()));
            keys.put("bus:" + name, k);
            feed(feeds, b.output(), k);
            b.extraOutputs().forEach(x -> feed(feeds, x, k));
            for (topdown.model.Send sd : b.sends()) {
                feed(feeds, sd.to(), k);
            }
        }
        keys.put("master-input", java.util.Arrays.asList("master-input", global, s.master().channels(),
                feeds.getOrDefault(BusId.MASTER, List.of())));
        if (reference != null) {
            keys.put("reference", java.util.Arrays.asList("reference", reference.toAbsolutePath().normalize().toString(),
                    Files.size(reference), Files.getLastModifiedTime(reference).toMillis()));
        }
        return keys;
    }

    private static void feed(Map<BusId, List<Object>> feeds, BusId to, Object key) {
        if (to != null) {
            feeds.computeIfAbsent(to, x -> new ArrayList<>()).add(key);
        }
    }

    /** The report from the analyses of the stems ("\u0000master", "bus\u0000NAME", "track\u0000NAME", "\u0000reference"). */
    static AnalysisReport assemble(Session s, Map<String, StemAnalysis> done, List<String> trackNames,
                                   List<String> busNames, DeliveryPreset target, String input) {
        StemAnalysis master = done.get("\u0000master");
        List<StemAnalysis> buses = new ArrayList<>();
        busNames.forEach(k -> buses.add(done.get("bus\u0000" + k)));
        List<StemAnalysis> tracks = new ArrayList<>();
        trackNames.forEach(k -> tracks.add(done.get("track\u0000" + k)));
        List<StemAnalysis> groups = new ArrayList<>();
        List<List<StemAnalysis>> perGroup = new ArrayList<>();
        for (Bus b : s.buses()) {
            StemAnalysis ga = done.get("bus\u0000" + b.name());
            if (ga != null && b.kind() == topdown.model.BusKind.GROUP) {
                groups.add(ga);
            }
            List<StemAnalysis> members = new ArrayList<>();
            for (Track t : s.tracks()) {
                if (b.id().equals(t.output()) && done.containsKey("track\u0000" + t.name())) {
                    members.add(done.get("track\u0000" + t.name()));
                }
            }
            perGroup.add(members);
        }
        // Tracks going straight to the master count as their own group.
        for (Track t : s.tracks()) {
            if (BusId.MASTER.equals(t.output()) && done.containsKey("track\u0000" + t.name())) {
                groups.add(done.get("track\u0000" + t.name()));
            }
        }
        List<Masking.Result> masking = new ArrayList<>(AnalysisReport.masking(groups, perGroup));
        StemAnalysis kick = find(tracks, "kick", "bd", "bassdrum");
        final StemAnalysis bassTrack = find(tracks, "bass");
        StemAnalysis bass = bassTrack;
        if (bassTrack != null) {
            // Compare the kick with the bass as it is heard: through its group bus when that bus holds only bass.
            for (Bus b : s.buses()) {
                List<Track> members = s.tracks().stream().filter(t -> b.id().equals(t.output())).toList();
                if (!members.isEmpty() && members.stream().anyMatch(t -> t.name().equals(bassTrack.name))
                        && members.stream().noneMatch(t -> kick != null && t.name().equals(kick.name))
                        && done.containsKey("bus\u0000" + b.name())) {
                    bass = done.get("bus\u0000" + b.name());
                }
            }
        }
        final StemAnalysis bassHeard = bass;
        if (kick != null && bassHeard != null && kick != bassHeard && masking.stream().noneMatch(m ->
                m.a().equals(kick.name) && m.b().equals(bassHeard.name)
                        || m.a().equals(bassHeard.name) && m.b().equals(kick.name))) {
            masking.add(Masking.between(kick.name, kick.barkFrames, bassHeard.name, bassHeard.barkFrames));
        }
        masking.sort(Comparator.comparingDouble(Masking.Result::score).reversed());
        return new AnalysisReport(input, master, buses, tracks, masking, done.get("\u0000reference"), target, 24);
    }

    static StemAnalysis find(List<StemAnalysis> stems, String... words) {
        for (StemAnalysis s : stems) {
            String n = s.name.toLowerCase(java.util.Locale.ROOT);
            for (String w : words) {
                if (n.matches(".*\\b" + w + "\\b.*") && !(w.equals("bass") && n.contains("drum"))) {
                    return s;
                }
            }
        }
        return null;
    }

    static Map<String, StemAnalysis> analyseAll(Map<String, Path> files, Progress progress) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        Map<String, StemAnalysis> out = new LinkedHashMap<>();
        try {
            Map<String, Future<StemAnalysis>> futures = new LinkedHashMap<>();
            for (Map.Entry<String, Path> e : files.entrySet()) {
                String display = e.getKey().substring(e.getKey().indexOf('\u0000') + 1);
                if (display.equals("reference")) {
                    display = e.getValue().getFileName().toString();
                }
                String name = display.equals("master") ? "Master" : display;
                futures.put(e.getKey(), pool.submit(() -> StemAnalysis.of(name, e.getValue())));
            }
            progress.start("analyse", futures.size());
            for (Map.Entry<String, Future<StemAnalysis>> f : futures.entrySet()) {
                try {
                    out.put(f.getKey(), f.getValue().get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IOException) {
                        throw (IOException) e.getCause();
                    }
                    throw new IOException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
                progress.advance(1);
            }
            progress.done();
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    public static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort for scratch space
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }
}
