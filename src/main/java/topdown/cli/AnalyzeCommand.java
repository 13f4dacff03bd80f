package topdown.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import topdown.analysis.AnalysisReport;
import topdown.analysis.DeliveryPreset;
import topdown.analysis.Masking;
import topdown.analysis.StemAnalysis;
import topdown.audio.io.AtomicFiles;
import topdown.format.SessionFormats;
import topdown.format.topdown.SessionJson;
import topdown.report.HtmlReport;
import topdown.report.Progress;
import topdown.report.SessionAnalyzer;

@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Top-down analysis of a session (master, each bus, each track) or of a single audio file:"
                + " loudness, true peak, spectrum, mid/side, masking, reference comparison, delivery checks.")
final class AnalyzeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "INPUT", description = "a session or an audio file")
    Path input;

    @Option(names = "--reference", paramLabel = "FILE", description = "reference track to compare against")
    Path reference;

    @Option(names = "--target", paramLabel = "PRESET", description = "delivery preset (see: topdown targets)")
    String target;

    @Option(names = "--json", paramLabel = "FILE", description = "write topdown.analysis/1 JSON here ('-' for stdout)")
    String json;

    @Option(names = "--html", paramLabel = "FILE", description = "write the HTML report with plots here")
    Path html;

    @Option(names = "--verbose", description = "stack traces on errors")
    boolean verbose;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    static DeliveryPreset preset(String id) {
        if (id == null) {
            return null;
        }
        return DeliveryPreset.byId(id).orElseThrow(() -> new IllegalArgumentException("usage: unknown target '" + id
                + "' (see: topdown targets)"));
    }

    static boolean isAudio(Path p) {
        String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".wav") || n.endsWith(".aif") || n.endsWith(".aiff") || n.endsWith(".flac") || n.endsWith(".bwf")
                || n.endsWith(".rf64");
    }

    @Override
    public Integer call() throws Exception {
        DeliveryPreset p = preset(target);
        AnalysisReport rep;
        if (isAudio(input)) {
            StemAnalysis m = StemAnalysis.of("Master", input);
            StemAnalysis ref = reference == null ? null : StemAnalysis.of(reference.getFileName().toString(), reference);
            rep = new AnalysisReport(input.toString(), m, List.of(), List.of(), List.of(), ref, p, m.bitsPerSample);
        } else {
            rep = SessionAnalyzer.analyze(SessionFormats.read(input), reference, p, topdown.mix.TopDownProcessors.factory(),
                    Progress.stderr());
        }
        java.io.PrintWriter out = spec.commandLine().getOut();
        String doc = SessionJson.mapper().writeValueAsString(rep.toJson()) + "\n";
        if ("-".equals(json)) {
            out.print(doc);
        } else if (json != null) {
            AtomicFiles.writeString(Path.of(json), doc);
        }
        if (html != null) {
            AtomicFiles.writeString(html, HtmlReport.page("TopDown analysis: " + input.getFileName(), rep, null));
        }
        if (!"-".equals(json)) {
            summary(out, rep);
        }
        return 0;
    }

    static void summary(java.io.PrintWriter out, AnalysisReport rep) {
        out.printf("master: %s LUFS, LRA %s LU, true peak %s dBTP, crest %.1f dB, correlation %.2f%n",
                LoudnessCommand.fmt(rep.master.loudness.integratedLufs()), LoudnessCommand.fmt(rep.master.loudness.loudnessRangeLu()),
                LoudnessCommand.fmt(rep.master.loudness.truePeakDbtp()), rep.master.crestDb, rep.master.correlation);
        for (StemAnalysis b : rep.buses) {
            out.printf("  bus %-16s %s LUFS%s%n", b.name, LoudnessCommand.fmt(b.loudness.integratedLufs()),
                    b.lowEndInSide() ? "  (low end in the side signal)" : "");
        }
        for (int i = 0; i < Math.min(3, rep.masking.size()); i++) {
            Masking.Result m = rep.masking.get(i);
            out.printf("  masking %s / %s: %.2f around %.0f-%.0f Hz%n", m.a(), m.b(), m.score(), m.lowHz(), m.highHz());
        }
        if (rep.target != null) {
            boolean pass = rep.delivery.stream().allMatch(DeliveryPreset.Check::pass);
            out.printf("delivery %s: %s%n", rep.target.name(), pass ? "pass" : "FAIL");
            rep.delivery.stream().filter(c -> !c.pass()).forEach(c -> out.printf("  %s %s (limit %s)%n", c.name(), c.value(), c.limit()));
        }
    }
}
