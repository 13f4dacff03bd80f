package topdown.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import topdown.audio.io.WavWriter;
import topdown.format.ReadResult;
import topdown.format.SessionFormats;
import topdown.render.RenderRequest;
import topdown.render.RenderResult;
import topdown.render.SessionRenderer;
import topdown.render.StemKind;
import topdown.report.Progress;

@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Renders a session offline like its DAW would: one WAV (with a BWF time reference) per track,"
                + " group bus and the master.")
final class RenderCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SESSION")
    Path session;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    Path out;

    @Option(names = "--stems", defaultValue = "tracks,groups,master", description = "tracks,groups,master (default: all)")
    String stems;

    @Option(names = "--bits", defaultValue = "24", description = "16, 24 or 32f (default 24)")
    String bits;

    @Option(names = "--rate", defaultValue = "0", description = "output sample rate (default: the session's)")
    int rate;

    @Option(names = "--verbose", description = "stack traces on errors")
    boolean verbose;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        WavWriter.Encoding enc;
        try {
            enc = WavWriter.Encoding.parse(bits);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("usage: " + e.getMessage());
        }
        ReadResult r = SessionFormats.read(session);
        RenderRequest req = new RenderRequest(out, StemKind.parse(stems), enc, rate,
                topdown.mix.TopDownProcessors.factory(), 0, 0);
        RenderResult res = SessionRenderer.render(r, req, Progress.stderr());
        java.io.PrintWriter o = spec.commandLine().getOut();
        o.printf("rendered %.2f s at %d Hz: %d track stem(s), %d bus stem(s)%s into %s%n",
                res.frames() / (double) res.sampleRate(), res.sampleRate(), res.tracks().size(), res.buses().size(),
                res.master() != null ? ", master" : "", out);
        for (String s : res.skippedInserts()) {
            o.println("not rendered (insert TopDown cannot run): " + s);
        }
        return 0;
    }
}
