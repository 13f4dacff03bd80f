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
        RenderRequest req = RenderRequest.all(stemsDir, WavWriter.Encoding.FLOAT32).withProcessors(proc);
        RenderResult r = SessionRenderer.render(in, req, progress);
        return new Result(analyzeStems(in.session(), r, reference, target, in.file() == null ? in.session().name()
                : in.file().toString(), progress), r, stemsDir);
    }

    public static AnalysisReport analyzeStems(Session s, RenderResult r, Path reference, DeliveryPreset target, String input,
                                              Progress progress) throws IOException {
        Map<String, Path> all = new LinkedHashMap<>();
        all.put("\u0000master", r.master());
        r.buses().forEach((k, v) -> all.put("bus\u0000" + k, v));
        r.tracks().forEach((k, v) -> all.put("track\u0000" + k, v));
        if (reference != null) {
            all.put("\u0000reference", reference);
        }
        Map<String, StemAnalysis> done = analyseAll(all, progress);
        StemAnalysis master = done.get("\u0000master");
        List<StemAnalysis> buses = new ArrayList<>();
        r.buses().keySet().forEach(k -> buses.add(done.get("bus\u0000" + k)));
        List<StemAnalysis> tracks = new ArrayList<>();
        r.tracks().keySet().forEach(k -> tracks.add(done.get("track\u0000" + k)));
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
