package topdown.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import topdown.analysis.DeliveryPreset;
import topdown.format.SessionFormats;
import topdown.mix.MixOptions;
import topdown.mix.MixStep;
import topdown.report.MixRunner;
import topdown.report.Progress;

@Command(name = "mix", mixinStandardHelpOptions = true,
        description = "The whole top-down run: analyse, process master -> groups -> tracks, render, and write back a new"
                + " session with stems and a JSON and HTML report.")
final class MixCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SESSION")
    Path session;

    @Option(names = "--reference", paramLabel = "FILE[:WEIGHT]", description = "reference track(s), optionally weighted (ref.wav:0.7)")
    List<String> references = new ArrayList<>();

    @Option(names = "--target", defaultValue = "spotify", paramLabel = "PRESET", description = "delivery preset (default spotify)")
    String target;

    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path out;

    @Option(names = "--blend", defaultValue = "1.0", description = "how far toward the reference and balance targets, 0..1")
    double blend;

    @Option(names = "--no-eq", description = "no EQ moves")
    boolean noEq;

    @Option(names = "--no-dynamics", description = "no compression (the delivery limiter stays)")
    boolean noDynamics;

    @Option(names = "--no-width", description = "no stereo width moves")
    boolean noWidth;

    @Option(names = "--dry-run", description = "report the plan, write nothing")
    boolean dryRun;

    @Option(names = "--verbose", description = "stack traces on errors")
    boolean verbose;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DeliveryPreset p = AnalyzeCommand.preset(target);
        List<Path> refs = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (String r : references) {
            int c = r.lastIndexOf(':');
            if (c > 1 && r.substring(c + 1).matches("[0-9.]+")) {
                refs.add(Path.of(r.substring(0, c)));
                weights.add(Double.parseDouble(r.substring(c + 1)));
            } else {
                refs.add(Path.of(r));
                weights.add(1.0);
            }
        }
        MixOptions opt = new MixOptions(refs, weights, p, blend, !noEq, !noDynamics, !noWidth, dryRun);
        MixRunner.Outcome o = MixRunner.run(SessionFormats.read(session), opt, out, Progress.stderr());
        print(spec.commandLine().getOut(), o);
        return 0;
    }

    static void print(java.io.PrintWriter w, MixRunner.Outcome o) {
        for (MixStep s : o.steps()) {
            w.printf("%s %s:%n", s.stage(), s.target());
            s.actions().forEach(a -> w.println("  - " + a));
        }
        var b = o.before().master.loudness;
        var a = o.after().master.loudness;
        w.printf("master: %.1f -> %.1f LUFS, true peak %.2f -> %.2f dBTP; TopDown inserts: %d%n", b.integratedLufs(),
                a.integratedLufs(), b.truePeakDbtp(), a.truePeakDbtp(), o.inserts());
        if (o.sessionFile() != null) {
            w.println("session: " + o.sessionFile());
            w.println("report: " + o.reportHtml());
        }
    }
}
