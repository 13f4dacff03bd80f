package topdown.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import topdown.analysis.DeliveryPreset;
import topdown.analysis.Masking;
import topdown.analysis.StemAnalysis;
import topdown.audio.io.AtomicFiles;
import topdown.demo.DemoSong;
import topdown.format.ReadResult;
import topdown.format.SessionFormats;
import topdown.format.topdown.SessionJson;
import topdown.mix.MixOptions;
import topdown.model.Session;
import topdown.model.Track;
import topdown.format.SessionFormat;
import topdown.report.MediaExport;
import topdown.report.MixRunner;
import topdown.report.Progress;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generates the embedded demo song (synthesised multitrack with deliberate mix problems),"
                + " writes it as a session with 24-bit WAV sources, and runs the whole top-down mix on it.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", description = "output folder (default: out/demo)", defaultValue = "out/demo")
    Path out;

    @Option(names = "--seed", description = "random seed of the synthesis (default: 1)", defaultValue = "1")
    long seed;

    @Option(names = "--target", description = "delivery preset (default: spotify)", defaultValue = "spotify")
    String target;

    @Option(names = "--verbose", description = "stack traces on errors")
    boolean verbose;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        Path dir = out.toAbsolutePath();
        DeliveryPreset preset = AnalyzeCommand.preset(target);
        System.err.println("demo: synthesising the song (seed " + seed + ") into " + dir);
        DemoSong song = new DemoSong(seed);
        Session s = song.write(dir.resolve("song"));
        Path json = AtomicFiles.writeString(dir.resolve("song/song.topdown.json"), SessionJson.toJson(s));
        // The same song as a real DAW session: an Ardour 7 session generated from the model.
        Path ardour = SessionFormats.byId("ardour").orElseThrow().write(null, s, dir.resolve("song/song.ardour"));
        Path reference = dir.resolve("reference/pink-reference.wav");
        song.writeReference(reference);
        o.printf("Demo song: %d tracks, %d group buses, %.1f s at %d Hz, 24-bit WAV sources in %s%n",
                s.tracks().size(), s.buses().size(), s.seconds(s.contentEndSamples()), s.sampleRate(),
                dir.resolve("song/audio"));
        for (Track t : s.tracks()) {
            o.printf("  %-12s -> %-9s fader %+5.1f dB  pan %+.2f  %s%n", t.name(),
                    s.bus(t.output()).map(b -> b.name()).orElse("-"), t.fader().db(), t.pan().position(),
                    t.channels() == 1 ? "mono" : "stereo");
        }
        o.println("Session: " + json + " (and as an Ardour session: " + ardour + ")");
        ReadResult in = SessionFormats.read(json);
        MixOptions opt = new MixOptions(List.of(reference), List.of(1.0), preset, 1.0, true, true, true, false);
        MixRunner.Outcome r = MixRunner.run(in, opt, dir.resolve("mix"), Progress.stderr());
        // The mixed session as an Ardour session too: its EQ and compressor inserts as ACE plugins, the rest (limiter,
        // gain stages, high-pass filters) listed in its loss report.
        SessionFormat ardourFormat = SessionFormats.byId("ardour").orElseThrow();
        Session mixedOut = MediaExport.externalise(in, r.mixed(), dir.resolve("mix/song-media"));
        Path mixedArdour = ardourFormat.write(null, mixedOut, dir.resolve("mix/song.topdown.ardour"));
        MixRunner.writeLossReport(in, ardourFormat, ardourFormat.losses(mixedOut),
                mixedArdour.resolveSibling(mixedArdour.getFileName() + ".loss.json"));
        o.println();
        o.println("Top-down mix (" + preset.name() + ", reference: synthesised tilted pink noise):");
        MixCommand.print(o, r);
        o.println("Mixed session as Ardour: " + mixedArdour + " (ACE plugins for the EQ and compressor inserts)");
        o.println();
        o.println("Deliberate problems, found and fixed (loudness-matched where it matters):");
        problems(o, r);
        return 0;
    }

    private static StemAnalysis bus(List<StemAnalysis> l, String name) {
        return l.stream().filter(b -> b.name.equals(name)).findFirst().orElse(null);
    }

    static void problems(PrintWriter o, MixRunner.Outcome r) {
        StemAnalysis kb = bus(r.before().buses, "Keys");
        StemAnalysis lb = bus(r.before().buses, "Lead");
        StemAnalysis ka = bus(r.after().buses, "Keys");
        StemAnalysis la = bus(r.after().buses, "Lead");
        if (kb != null && lb != null && ka != null && la != null) {
            o.printf(Locale.ROOT, "  1. Keys group too loud: %+.1f LU against the lead before, %+.1f LU after (balance target -5 LU)%n",
                    kb.loudness.integratedLufs() - lb.loudness.integratedLufs(),
                    ka.loudness.integratedLufs() - la.loudness.integratedLufs());
        }
        StemAnalysis bb = bus(r.before().buses, "Bass");
        StemAnalysis ba = bus(r.after().buses, "Bass");
        if (bb != null && ba != null) {
            o.printf(Locale.ROOT, "  2. Bass energy in the side signal: side minus mid 60-120 Hz %.1f dB before, %.1f dB after"
                    + " (master below 120 Hz: %.1f -> %.1f dB)%n", bb.midSide.get(1).sideMinusMidDb(),
                    ba.midSide.get(1).sideMinusMidDb(), worstLow(r.before().master), worstLow(r.after().master));
        }
        Masking.Result m0 = MixRunnerAccess.kickBass(r.before());
        Masking.Result m1 = MixRunnerAccess.kickBass(r.after());
        if (m0 != null && m1 != null) {
            o.printf(Locale.ROOT, "  3. Kick and bass masking: score %.3f before, %.3f after (%s / %s, %.0f-%.0f Hz)%n",
                    m0.score(), m1.score(), m0.a(), m0.b(), m0.lowHz(), m0.highHz());
        }
        o.printf(Locale.ROOT, "  4. Master over full scale: true peak %+.2f dBTP before, %+.2f dBTP after; integrated %.1f -> %.1f"
                        + " LUFS%n", r.before().master.loudness.truePeakDbtp(), r.after().master.loudness.truePeakDbtp(),
                r.before().master.loudness.integratedLufs(), r.after().master.loudness.integratedLufs());
        boolean pass = r.after().delivery.stream().allMatch(DeliveryPreset.Check::pass);
        o.printf("Delivery %s: %s. Report: %s%n", r.after().target.name(), pass ? "pass" : "FAIL", r.reportHtml());
    }

    static double worstLow(StemAnalysis s) {
        return Math.max(s.midSide.get(0).sideMinusMidDb(), s.midSide.get(1).sideMinusMidDb());
    }

    /** Access to the runner's kick/bass lookup. */
    static final class MixRunnerAccess {
        static Masking.Result kickBass(topdown.analysis.AnalysisReport a) {
            for (Masking.Result m : a.masking) {
                String x = m.a().toLowerCase(Locale.ROOT);
                String y = m.b().toLowerCase(Locale.ROOT);
                if (x.contains("kick") && y.contains("bass") || y.contains("kick") && x.contains("bass")) {
                    return m;
                }
            }
            return null;
        }
    }
}
