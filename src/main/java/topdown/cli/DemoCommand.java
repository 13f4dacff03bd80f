package topdown.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import topdown.audio.io.AtomicFiles;
import topdown.demo.DemoSong;
import topdown.format.topdown.SessionJson;
import topdown.model.Session;
import topdown.model.Track;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generates the embedded demo song (synthesised multitrack with deliberate mix problems),"
                + " writes it as a session with 24-bit WAV sources, and runs the top-down pipeline on it.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", description = "output folder (default: out/demo)", defaultValue = "out/demo")
    Path out;

    @Option(names = "--seed", description = "random seed of the synthesis (default: 1)", defaultValue = "1")
    long seed;

    @Option(names = "--verbose", description = "stack traces on errors")
    boolean verbose;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        Path dir = out.toAbsolutePath();
        System.err.println("demo: synthesising the song (seed " + seed + ") into " + dir);
        Session s = new DemoSong(seed).write(dir);
        Path json = AtomicFiles.writeString(dir.resolve("song.topdown.json"), SessionJson.toJson(s));
        o.printf("Demo song: %d tracks, %d group buses, %.1f s at %d Hz, 24-bit WAV sources in %s%n",
                s.tracks().size(), s.buses().size(), s.seconds(s.contentEndSamples()), s.sampleRate(),
                dir.resolve("audio"));
        for (Track t : s.tracks()) {
            o.printf("  %-12s -> %-9s fader %+5.1f dB  pan %+.2f  %s%n", t.name(),
                    s.bus(t.output()).map(b -> b.name()).orElse("-"), t.fader().db(), t.pan().position(),
                    t.channels() == 1 ? "mono" : "stereo");
        }
        o.println("Session: " + json);
        return 0;
    }
}
