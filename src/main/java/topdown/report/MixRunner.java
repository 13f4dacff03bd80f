package topdown.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import topdown.analysis.AnalysisReport;
import topdown.analysis.DeliveryPreset;
import topdown.analysis.Masking;
import topdown.analysis.StemAnalysis;
import topdown.audio.io.AtomicFiles;
import topdown.format.ReadResult;
import topdown.format.SessionFormat;
import topdown.format.SessionFormats;
import topdown.format.topdown.SessionJson;
import topdown.format.topdown.SourceProbe;
import topdown.mix.MixAccess;
import topdown.mix.MixOptions;
import topdown.mix.MixStep;
import topdown.mix.TopDownMix;
import topdown.model.Bus;
import topdown.model.BusId;
import topdown.model.Carry;
import topdown.model.Clip;
import topdown.model.Gain;
import topdown.model.Insert;
import topdown.model.Pan;
import topdown.model.Session;
import topdown.model.Source;
import topdown.model.Track;
import topdown.model.TrackId;
import topdown.model.TrackKind;

/**
 * Runs {@link TopDownMix} with real renders and measurements and writes its results: the updated
 * session (a new file; the original is never touched), processed and unprocessed stems, report.json and
 * report.html.
 */
public final class MixRunner {
    private MixRunner() {
    }

    /**
     * A masking score counts as dropped in the check stage once it is this much below its value before the mix: the
     * frames are 85 ms long and the limiter moves levels by fractions of a dB, so a smaller drop is not one to rely on.
     */
    static final double CHECK_MARGIN = 0.005;
    /** How far (dB) the side below 120 Hz must have dropped against the mid for the width check to pass. */
    static final double WIDTH_MARGIN_DB = 1.0;

    /** Side minus mid below 120 Hz (the louder of the sub and bass bands), dB; NaN for mono. */
    static double sideBelow120(AnalysisReport a) {
        StemAnalysis m = a.master;
        if (m == null || m.channels < 2 || m.midSide.size() < 2) {
            return Double.NaN;
        }
        return Math.max(m.midSide.get(0).sideMinusMidDb(), m.midSide.get(1).sideMinusMidDb());
    }

    /** What a run produced. */
    public record Outcome(Session mixed, List<MixStep> steps, AnalysisReport before, AnalysisReport after, int inserts,
                          Path sessionFile, Path reportJson, Path reportHtml) {
    }

    public static Outcome run(ReadResult in, MixOptions opt, Path outDir, Progress p) throws IOException {
        TopDownMix mix = new TopDownMix(opt);
        List<StemAnalysis> refs = new ArrayList<>();
        for (Path r : opt.references()) {
            refs.add(StemAnalysis.of(r.getFileName().toString(), r));
        }
        double[] refCurve = refs.isEmpty() ? null : referenceCurve(refs, opt.weights());
        Path scratch = Files.createTempDirectory("topdown-mix-");
        // Every pass writes and analyses only the stems its changes reach; a pass that changes only the master
        // chain plays the saved sum entering the master through it.
        SessionAnalyzer.StemCache cache = new SessionAnalyzer.StemCache();
        try {
            Path unprocessed = opt.dryRun() ? scratch.resolve("before") : outDir.resolve("stems/unprocessed");
            Path firstRef = opt.references().isEmpty() ? null : opt.references().get(0);
            AnalysisReport before = measure(in, in.session(), unprocessed, firstRef, p, opt.target(), cache, false).report();
            Session s = in.session();
            List<String> masterActions = new ArrayList<>();
            List<MixStep> groupSteps = new ArrayList<>();
            Session s1 = groups(mix, s, before, groupSteps);
            List<MixStep> trackSteps = new ArrayList<>();
            Session s2 = tracks(mix, s1, before, trackSteps);
            // The master is set last, on the mix as the group and track moves left it (top-down, then revisited):
            // the low-end width stage from the side energy below 120 Hz and glue compression from the unprocessed mix's
            // dynamics, a matching EQ refined pass by pass toward the reference, and the gain into the true-peak limiter iterated to the delivery target.
            List<Insert> glue = new ArrayList<>(MixAccess.masterWidth(mix, before.master, masterActions));
            glue.addAll(MixAccess.glue(mix, before, masterActions));
            boolean matching = opt.eq() && refCurve != null;
            double[] match = matching ? new double[refCurve.length] : null;
            double firstResidual = Double.NaN;
            double lastResidual = Double.NaN;
            int passes = 0;
            double masterFader = s.master().fader().db();
            double target = opt.target().integratedLufs();
            double gain = target - before.master.loudness.integratedLufs();
            Session candidate = null;
            AnalysisReport after = null;
            boolean revisited = false;
            for (int iter = 0; iter < 7; iter++) {
                candidate = masterChain(mix, s2, masterFader, tone(passes > 0 ? match : null, glue), gain);
                Path dir = scratch.resolve("iter" + iter);
                after = measure(in, candidate, dir, firstRef, p, opt.target(), cache, false).report();
                SessionAnalyzer.deleteTree(dir);
                if (!revisited) {
                    // Revisit the groups once the first moves are measured: level changes can expose new masking.
                    revisited = true;
                    Session s3 = MixAccess.revisitGroups(mix, s2, after, groupSteps);
                    if (s3 != s2) {
                        s2 = s3;
                        continue;
                    }
                }
                double miss = target - after.master.loudness.integratedLufs();
                double[] res = matching ? MixAccess.residual(after.master, refCurve) : null;
                double dist = matching ? MixAccess.meanAbs(res) : 0;
                if (matching && passes == 0) {
                    firstResidual = dist;
                }
                lastResidual = dist;
                boolean loudOk = Math.abs(miss) <= 0.2 || Double.isNaN(miss);
                boolean toneOk = !matching || dist <= 0.3 || passes >= 4;
                if (loudOk && toneOk) {
                    break;
                }
                if (!Double.isNaN(miss)) {
                    gain += miss;
                }
                if (matching && !toneOk) {
                    match = MixAccess.refineMatch(mix, match, res);
                    passes++;
                }
            }
            // Check the result as an engineer would: while the worst masking pair has not dropped (by CHECK_MARGIN), or is a
            // pair the moves made worse (by more than 0.02), or kick against bass has not dropped (by CHECK_MARGIN),
            // separate it once more (at most four times), then bring the loudness back to the target.
            List<MixStep> checkSteps = new ArrayList<>();
            double worstBefore = before.masking.isEmpty() ? 0 : before.masking.get(0).score();
            Masking.Result kbBefore = kickBass(before);
            for (int check = 0; check < 4; check++) {
                boolean worstOk = after.masking.isEmpty() || after.masking.get(0).score() < worstBefore - CHECK_MARGIN
                        && after.masking.get(0).score() <= scoreOf(before, after.masking.get(0)) + 0.02;
                Masking.Result kbNow = kickBass(after);
                boolean kbOk = kbBefore == null || kbNow == null || kbNow.score() < kbBefore.score() - CHECK_MARGIN;
                if (worstOk && kbOk) {
                    break;
                }
                Session s3 = worstOk ? s2 : MixAccess.separateWorst(mix, s2, after, checkSteps);
                s3 = kbOk ? s3 : MixAccess.separateKickBass(mix, s3, after, checkSteps);
                if (s3 == s2) {
                    break;
                }
                s2 = s3;
                Landed l = landLoudness(in, mix, s2, masterFader, tone(passes > 0 ? match : null, glue), gain, target,
                        scratch, "check" + check, firstRef, p, opt.target(), cache);
                candidate = l.session();
                after = l.report();
                gain = l.gain();
            }
            // The low end in the side, checked on the result: group and track cuts lower the mid's low end, which
            // can leave the side as high as before against it; then the width stage goes deeper (a quarter at a
            // time, up to mono), each pass a replay of the unchanged mix through the new master chain.
            double sideBefore = sideBelow120(before);
            for (int w = 0; w < 3 && opt.width() && opt.blend() > 0 && !Double.isNaN(sideBefore); w++) {
                double sideNow = sideBelow120(after);
                if (!(sideNow >= sideBefore - WIDTH_MARGIN_DB)) {
                    break;
                }
                int at = -1;
                for (int i = 0; i < glue.size(); i++) {
                    if (topdown.mix.TopDownProcessors.WIDTH.equals(glue.get(i).topdownProcessor())) {
                        at = i;
                    }
                }
                double depth = at < 0 ? 0 : glue.get(at).parameters().getOrDefault("depth", 1.0);
                if (depth >= 1) {
                    break;
                }
                double next = Math.min(1, depth + 0.25);
                Insert deeper = topdown.mix.TopDownProcessors.width(120, next);
                if (at < 0) {
                    glue.add(0, deeper);
                } else {
                    glue.set(at, deeper);
                }
                masterActions.add(String.format(Locale.ROOT, "low-end width to %.0f%%: side minus mid below 120 Hz measured"
                        + " %.1f dB after the moves, %.1f dB before", next * 100, sideNow, sideBefore));
                Landed l = landLoudness(in, mix, s2, masterFader, tone(passes > 0 ? match : null, glue), gain, target,
                        scratch, "width" + w, firstRef, p, opt.target(), cache);
                candidate = l.session();
                after = l.report();
                gain = l.gain();
            }
            if (matching) {
                lastResidual = MixAccess.meanAbs(MixAccess.residual(after.master, refCurve));
            }
            if (matching && passes > 0) {
                masterActions.add(0, String.format(Locale.ROOT, "matching EQ toward the reference (linear-phase, mid, %d"
                        + " passes): %s; band difference %.2f -> %.2f dB (smoothed third octaves, loudness-matched)", passes,
                        MixAccess.describeMatch(match), firstResidual, lastResidual));
            }
            masterActions.add(String.format(Locale.ROOT, "gain %+.1f dB into a true-peak limiter at %.1f dBTP: integrated %.1f"
                    + " LUFS, target %.1f LUFS (%s)", gain, opt.target().maxTruePeakDbtp() - 0.3,
                    before.master.loudness.integratedLufs(), target, opt.target().name()));
            if (!opt.dryRun()) {
                Path processed = outDir.resolve("stems/processed");
                SessionAnalyzer.deleteTree(processed);
                after = measure(in, candidate, processed, firstRef, p, opt.target(), cache, true).report();
            }
            List<MixStep> steps = new ArrayList<>();
            steps.add(new MixStep("master", "Master", masterActions, masterMetrics(before, refCurve),
                    masterMetrics(after, refCurve)));
            for (MixStep g : groupSteps) {
                steps.add(new MixStep(g.stage(), g.target(), g.actions(), g.before(), groupAfter(after, g.target(),
                        after.buses.stream().filter(b -> b.name.equals(g.target())).findFirst().orElse(null))));
            }
            for (MixStep t : trackSteps) {
                steps.add(new MixStep(t.stage(), t.target(), t.actions(), t.before(), trackAfter(after, t.target())));
            }
            for (MixStep c : checkSteps) {
                steps.add(new MixStep(c.stage(), c.target(), c.actions(), c.before(), trackAfter(after, c.target())));
            }
            int inserts = mix.insertsAdded() + (int) candidate.master().inserts().stream()
                    .filter(i -> i.topdownProcessor() != null).count();
            Session mixed = candidate;
            Path sessionFile = null;
            Path reportJson = null;
            Path reportHtml = null;
            if (!opt.dryRun()) {
                mixed = withStemTracks(candidate, outDir.resolve("stems/processed"));
                sessionFile = writeSession(in, mixed, outDir);
                writeLosses(in, mixed, sessionFile, outDir);
                reportJson = AtomicFiles.writeString(outDir.resolve("report.json"),
                        SessionJson.mapper().writeValueAsString(reportJson(after, before, steps, inserts)) + "\n");
                reportHtml = AtomicFiles.writeString(outDir.resolve("report.html"), HtmlReport.page("TopDown mix: "
                        + in.session().name(), after, stepsHtml(steps, before, after, inserts)));
            }
            return new Outcome(mixed, steps, before, after, inserts, sessionFile, reportJson, reportHtml);
        } finally {
            cache.close();
            SessionAnalyzer.deleteTree(scratch);
        }
    }

    private record Landed(Session session, AnalysisReport report, double gain) {
    }

    /**
     * The master chain on {@code s}, measured, with the limiter gain moved by the measured miss (up to three
     * measurements) until the loudness is within 0.2 LU of {@code target}.
     */
    private static Landed landLoudness(ReadResult in, TopDownMix mix, Session s, double fader, List<Insert> tone,
                                       double gain, double target, Path scratch, String label, Path ref, Progress p,
                                       DeliveryPreset preset, SessionAnalyzer.StemCache cache) throws IOException {
        Session candidate = null;
        AnalysisReport after = null;
        for (int k = 0; k < 3; k++) {
            candidate = masterChain(mix, s, fader, tone, gain);
            Path dir = scratch.resolve(label + "-" + k);
            after = measure(in, candidate, dir, ref, p, preset, cache, false).report();
            SessionAnalyzer.deleteTree(dir);
            double miss = target - after.master.loudness.integratedLufs();
            if (Math.abs(miss) <= 0.2 || Double.isNaN(miss)) {
                break;
            }
            gain += miss;
        }
        return new Landed(candidate, after, gain);
    }

    // Indirections to keep TopDownMix's package-private decisions testable from here.
    static double[] referenceCurve(List<StemAnalysis> refs, List<Double> w) {
        return MixAccess.referenceCurve(refs, w);
    }

    /**
     * The master's tone stage: the matching EQ once it has a curve ({@code match} non-null), then the fixed stages
     * (low-end width, glue).
     */
    static List<Insert> tone(double[] match, List<Insert> glue) {
        List<Insert> tone = new ArrayList<>();
        if (match != null) {
            tone.add(MixAccess.matchInsert(match));
        }
        tone.addAll(glue);
        return tone;
    }

    static Session groups(TopDownMix m, Session s, AnalysisReport before, List<MixStep> out) {
        return MixAccess.groups(m, s, before, out);
    }

    static Session tracks(TopDownMix m, Session s, AnalysisReport before, List<MixStep> out) {
        return MixAccess.tracks(m, s, before, out);
    }

    static Session masterChain(TopDownMix m, Session s, double fader, List<Insert> tone, double gain) {
        return MixAccess.master(m, s, fader, tone, gain);
    }

    static SessionAnalyzer.Result measure(ReadResult original, Session s, Path dir, Path reference, Progress p)
            throws IOException {
        return measure(original, s, dir, reference, p, null);
    }

    static SessionAnalyzer.Result measure(ReadResult original, Session s, Path dir, Path reference, Progress p,
                                          DeliveryPreset target) throws IOException {
        return measure(original, s, dir, reference, p, target, null, false);
    }

    static SessionAnalyzer.Result measure(ReadResult original, Session s, Path dir, Path reference, Progress p,
                                          DeliveryPreset target, SessionAnalyzer.StemCache cache, boolean writeAll)
            throws IOException {
        ReadResult r = new ReadResult(original.file(), original.format(), s, original.nativeDocument(), original.problems(),
                original.media());
        return SessionAnalyzer.analyzeInto(r, reference, target, topdown.mix.TopDownProcessors.factory(), dir, p, cache,
                writeAll);
    }

    static Map<String, Double> masterMetrics(AnalysisReport a, double[] refCurve) {
        Map<String, Double> m = new LinkedHashMap<>();
        StemAnalysis s = a.master;
        m.put("integratedLufs", s.loudness.integratedLufs());
        m.put("truePeakDbtp", s.loudness.truePeakDbtp());
        m.put("loudnessRangeLu", s.loudness.loudnessRangeLu());
        m.put("crestDb", s.crestDb);
        m.put("correlation", s.correlation);
        m.put("sideMinusMidBelow120Db", Math.max(s.midSide.get(0).sideMinusMidDb(), s.midSide.get(1).sideMinusMidDb()));
        if (refCurve != null) {
            m.put("meanAbsBandDifferenceDb", MixAccess.distance(s, refCurve));
        }
        m.put("worstMaskingScore", a.masking.isEmpty() ? 0.0 : a.masking.get(0).score());
        Masking.Result kb = kickBass(a);
        if (kb != null) {
            m.put("kickBassMasking", kb.score());
        }
        m.put("monoLoudnessDropLu", monoDrop(s));
        return m;
    }

    /** How much quieter the mono fold-down is than the stereo mix (from the mid band energies), LU. */
    static double monoDrop(StemAnalysis s) {
        double mid = 0;
        double side = 0;
        for (StemAnalysis.MidSideBand b : s.midSide) {
            mid += Math.pow(10, b.midDb() / 10);
            side += Math.pow(10, b.sideDb() / 10);
        }
        return mid <= 0 ? 0 : 10 * Math.log10((mid + side) / mid);
    }

    /** The score of the same pair (either order) in another measurement; 0 when that one does not list it. */
    static double scoreOf(AnalysisReport a, Masking.Result pair) {
        for (Masking.Result r : a.masking) {
            if (r.a().equals(pair.a()) && r.b().equals(pair.b()) || r.a().equals(pair.b()) && r.b().equals(pair.a())) {
                return r.score();
            }
        }
        return 0;
    }

    static Masking.Result kickBass(AnalysisReport a) {
        return TopDownMix.kickBass(a.masking);
    }

    static Map<String, Double> groupAfter(AnalysisReport after, String name, StemAnalysis st) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (st == null) {
            return m;
        }
        m.put("integratedLufs", st.loudness.integratedLufs());
        m.put("crestDb", st.crestDb);
        m.put("sideMinusMidBassDb", st.midSide.get(1).sideMinusMidDb());
        double worst = 0;
        for (Masking.Result r : after.masking) {
            if (r.a().equals(name) || r.b().equals(name)) {
                worst = Math.max(worst, r.score());
            }
        }
        m.put("worstMaskingScore", worst);
        return m;
    }

    static Map<String, Double> trackAfter(AnalysisReport after, String name) {
        Map<String, Double> m = new LinkedHashMap<>();
        double worst = 0;
        for (Masking.Result r : after.masking) {
            if (r.a().equals(name) || r.b().equals(name)) {
                worst = Math.max(worst, r.score());
            }
        }
        m.put("maskingScore", worst);
        return m;
    }

    /** Adds muted tracks holding the processed group stems and master, so they can be A/B'd in the DAW. */
    static Session withStemTracks(Session s, Path processed) {
        Session out = s;
        int n = 1;
        List<Path> files = new ArrayList<>();
        try (var st = Files.list(processed.resolve("buses"))) {
            st.sorted().forEach(files::add);
        } catch (IOException e) {
            // no bus stems
        }
        files.add(processed.resolve("master.wav"));
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                continue;
            }
            Source src = SourceProbe.probe("stem" + n, f.toAbsolutePath().toString(), f.toAbsolutePath(), null);
            String name = "TopDown " + f.getFileName().toString().replaceFirst("\\.wav$", "");
            // The stems were rendered from the session's render start: they sit there on the timeline.
            Clip c = Clip.of(name, src, topdown.render.SessionRenderer.defaultStart(s), src.lengthFrames());
            Track t = new Track(new TrackId("topdown-stem-" + n), name, TrackKind.AUDIO, Math.max(1, src.channels()),
                    List.of(c), Gain.UNITY, Gain.UNITY, Pan.CENTRE, true, false, false, BusId.MASTER, List.of(), List.of(),
                    List.of(), Carry.NONE);
            out = out.plusTrack(t);
            n++;
        }
        return out;
    }

    static Path writeSession(ReadResult in, Session mixed, Path outDir) throws IOException {
        SessionFormat f = in.format();
        String base = in.session().name().replaceAll("[^A-Za-z0-9._-]", "_");
        if (!f.canWrite() || !f.id().equals("topdown")) {
            // The full result always goes to TopDown's own session file; the format's own file (Ardour snapshot,
            // Reaper project) is written beside it with what it can hold: groups, faders, pans, native plugins and
            // stem tracks (the rest is in session.loss.json).
            if (f.canWrite() && in.nativeDocument() != null) {
                Path nativeOut = outDir.resolve(base + ".topdown" + f.extensions().get(0));
                try {
                    // The master chain (gain, EQ, limiter) is TopDown's own: the native snapshot keeps the original
                    // master fader rather than the chain's unity fader (the chain is listed in session.loss.json).
                    // A format that runs the whole master chain natively (Reaper's JS effects) gets the chain as mixed.
                    Session nat = mixed;
                    final SessionFormat target = f;
                    boolean chainNative = mixed.master().inserts().stream().filter(i -> i.topdownProcessor() != null
                            && i.carry().isNew()).allMatch(i -> target.writesProcessor(i, mixed.master().channels()));
                    if (!chainNative) {
                        nat = nat.withMaster(nat.master().withFader(in.session().master().fader()));
                    }
                    f.write(in, nat, nativeOut);
                } catch (topdown.format.UnsupportedSessionException e) {
                    System.err.println("mix: " + e.getMessage());
                }
            }
            if (!f.canWrite()) {
                // A format TopDown reads but does not write (AAF): the result also goes out as an Ardour session and a
                // DAWproject generated from the model, with embedded audio streamed out beside them, each with its
                // own loss report.
                Session ext = MediaExport.externalise(in, mixed, outDir.resolve(base + "-media"));
                for (String id : List.of("ardour", "dawproject")) {
                    SessionFormat g = SessionFormats.byId(id).orElseThrow();
                    Path gen = outDir.resolve(base + ".topdown" + g.extensions().get(0));
                    try {
                        g.write(null, ext, gen);
                        writeLossReport(in, g, g.losses(ext), gen.resolveSibling(gen.getFileName() + ".loss.json"));
                    } catch (topdown.format.UnsupportedSessionException e) {
                        System.err.println("mix: " + e.getMessage());
                    }
                }
            }
            f = SessionFormats.byId("topdown").orElseThrow();
        }
        String ext = f.extensions().get(0);
        Path out = outDir.resolve(base + (f.id().equals("topdown") ? "" : ".topdown") + ext);
        // Written into another folder than the input's: relative media paths become absolute (embedded audio is
        // streamed out), so the new session finds its audio wherever it is opened from.
        Session placed = in.format() == f ? mixed : MediaExport.externalise(in, mixed, outDir.resolve(base + "-media"));
        return f.write(in.format() == f ? in : null, placed, out);
    }

    /** What the written session cannot hold of the mix (TopDown processors, new tracks), as a loss report. */
    static void writeLosses(ReadResult in, Session mixed, Path sessionFile, Path outDir) throws IOException {
        // The losses that matter are those of the session in the user's own format.
        SessionFormat f = in.format().canWrite() ? in.format() : SessionFormats.forFile(sessionFile);
        writeLossReport(in, f, f.losses(mixed), outDir.resolve("session.loss.json"));
    }

    public static void writeLossReport(ReadResult in, SessionFormat f, List<topdown.format.Loss> lost, Path file)
            throws IOException {
        ObjectNode doc = SessionJson.mapper().createObjectNode();
        doc.put("schema", "topdown.loss/1");
        doc.put("from", in.format().id());
        doc.put("to", f.id());
        ArrayNode rows = doc.putArray("lost");
        for (topdown.format.Loss l : lost) {
            rows.addObject().put("kind", l.kind()).put("track", l.track()).put("detail", l.detail());
        }
        AtomicFiles.writeString(file, SessionJson.mapper().writeValueAsString(doc) + "\n");
    }

    static Session withoutNewTracks(Session original, Session mixed) {
        List<Track> keep = new ArrayList<>();
        for (Track t : mixed.tracks()) {
            if (original.track(t.id()).isPresent()) {
                keep.add(t);
            }
        }
        return mixed.withTracks(keep);
    }

    static ObjectNode reportJson(AnalysisReport after, AnalysisReport before, List<MixStep> steps, int inserts) {
        ObjectNode root = after.toJson();
        ArrayNode arr = root.putArray("steps");
        for (MixStep st : steps) {
            ObjectNode o = arr.addObject();
            o.put("stage", st.stage());
            o.put("target", st.target());
            ArrayNode a = o.putArray("actions");
            st.actions().forEach(a::add);
            ObjectNode b = o.putObject("before");
            st.before().forEach((k, v) -> putNum(b, k, v));
            ObjectNode af = o.putObject("after");
            st.after().forEach((k, v) -> putNum(af, k, v));
        }
        root.put("insertsAdded", inserts);
        ObjectNode ab = root.putObject("loudnessMatchedAB");
        ab.put("note", "before and after are compared at equal loudness: band differences and crest factor are"
                + " normalised to each signal's integrated loudness; the after master was turned down by the gain below"
                + " for listening comparisons");
        putNum(ab, "matchGainDb", before.master.loudness.integratedLufs() - after.master.loudness.integratedLufs());
        return root;
    }

    static void putNum(ObjectNode o, String k, Double v) {
        if (v == null || Double.isNaN(v) || Double.isInfinite(v)) {
            o.putNull(k);
        } else {
            o.put(k, Math.round(v * 1000) / 1000.0);
        }
    }

    static String stepsHtml(List<MixStep> steps, AnalysisReport before, AnalysisReport after, int inserts) {
        StringBuilder sb = new StringBuilder("<h2>Top-down steps</h2><p>TopDown inserts added: ").append(inserts).append("</p>");
        for (MixStep st : steps) {
            sb.append("<h3>").append(Svg.esc(st.stage())).append(": ").append(Svg.esc(st.target())).append("</h3><ul>");
            st.actions().forEach(a -> sb.append("<li>").append(Svg.esc(a)).append("</li>"));
            sb.append("</ul><table><tr><th>metric (loudness-matched)</th><th>before</th><th>after</th></tr>");
            for (String k : st.before().keySet()) {
                Double b = st.before().get(k);
                Double a = st.after().get(k);
                sb.append("<tr><td>").append(Svg.esc(k)).append("</td><td>").append(fmt(b)).append("</td><td>")
                        .append(fmt(a)).append("</td></tr>");
            }
            sb.append("</table>");
        }
        return sb.toString();
    }

    static String fmt(Double v) {
        return v == null || Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.2f", v);
    }

    static DeliveryPreset unusedPreset() {
        return null;
    }

    static Bus unusedBus() {
        return null;
    }
}
