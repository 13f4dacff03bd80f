package topdown.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import topdown.format.ReadResult;
import topdown.format.SessionFormats;
import topdown.format.topdown.SessionJson;
import topdown.model.Bus;
import topdown.model.Session;
import topdown.model.Track;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Reads any supported session and prints the neutral model (table, or JSON topdown.session/1).")
final class InspectCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SESSION")
    Path session;

    @Option(names = "--json", description = "print the topdown.session/1 JSON document")
    boolean json;

    @Option(names = "--verbose", description = "show every warning and stack traces")
    boolean verbose;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ReadResult r = SessionFormats.read(session);
        Session s = r.session();
        java.io.PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.print(SessionJson.toJson(s));
            return 0;
        }
        out.printf("%s  (%s %s, %d Hz, %.1f s)%n", s.name(), s.format(), s.formatVersion(), s.sampleRate(),
                s.seconds(s.contentEndSamples()));
        out.printf("%-4s %-28s %-6s %3s %8s %6s %-12s %5s%n", "id", "track", "kind", "ch", "gain dB", "pan", "output", "clips");
        for (Track t : s.tracks()) {
            out.printf("%-4s %-28s %-6s %3d %8s %6.2f %-12s %5d%s%n", t.id(), trunc(t.name(), 28), t.kind().jsonName(),
                    t.channels(), fmtDb(t.fader().db()), t.pan().position(), outputs(t.output(), t.extraOutputs()),
                    t.clips().size(), (t.mute() ? " M" : "") + (t.solo() ? " S" : ""));
        }
        for (Bus b : s.buses()) {
            out.printf("%-4s %-28s %-6s %3d %8s %6.2f %-12s%n", b.id(), trunc(b.name(), 28), b.kind().name().toLowerCase(),
                    b.channels(), fmtDb(b.fader().db()), b.pan().position(), outputs(b.output(), b.extraOutputs()));
        }
        out.printf("master gain %s dB, %d insert(s); %d marker(s)%n", fmtDb(s.master().fader().db()),
                s.master().inserts().size(), s.markers().size());
        int shown = 0;
        for (String w : s.warnings()) {
            if (!verbose && shown++ >= 10) {
                out.printf("… %d more warning(s) (--verbose)%n", s.warnings().size() - 10);
                break;
            }
            out.println("warning: " + w);
        }
        return 0;
    }

    private static String fmtDb(double db) {
        return db == Double.NEGATIVE_INFINITY ? "-inf" : String.format("%.2f", db);
    }

    private static String trunc(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    /** "b1", or "b1+b2" for an output wired to more buses. */
    static String outputs(topdown.model.BusId first, java.util.List<topdown.model.BusId> more) {
        if (first == null) {
            return "-";
        }
        StringBuilder sb = new StringBuilder(first.value());
        more.forEach(x -> sb.append('+').append(x.value()));
        return sb.toString();
    }
}
