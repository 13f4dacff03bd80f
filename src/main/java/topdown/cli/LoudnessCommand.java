package topdown.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import topdown.analysis.Loudness;
import topdown.analysis.LoudnessResult;
import topdown.audio.io.AudioFiles;
import topdown.audio.io.AudioSource;
import topdown.format.topdown.SessionJson;

@Command(name = "loudness", mixinStandardHelpOptions = true,
        description = "BS.1770-4 / EBU R128 measurement of audio files: integrated, loudness range, momentary and"
                + " short-term maximum, sample peak, true peak. Files are measured in parallel.")
final class LoudnessCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE")
    List<Path> files;

    @Option(names = "--json", description = "print a JSON array (CLI.md)")
    boolean json;

    @Option(names = "--verbose", description = "stack traces on errors")
    boolean verbose;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    record Measured(Path file, int rate, int channels, LoudnessResult r) {
    }

    /** One file; {@code alone}: the only file of the run, so it may use a second thread itself. */
    static Measured measure(Path f, boolean alone) throws Exception {
        try (AudioSource a = AudioFiles.open(f)) {
            LoudnessResult r = alone ? Loudness.measure(f) : Loudness.measure(a);
            return new Measured(f, a.sampleRate(), a.channels(), r);
        }
    }

    @Override
    public Integer call() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(files.size(),
                Runtime.getRuntime().availableProcessors())));
        List<Measured> results = new ArrayList<>();
        try {
            List<Future<Measured>> futures = new ArrayList<>();
            for (Path f : files) {
                boolean alone = files.size() == 1;
                futures.add(pool.submit(() -> measure(f, alone)));
            }
            for (Future<Measured> fu : futures) {
                try {
                    results.add(fu.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Exception) {
                        throw (Exception) e.getCause();
                    }
                    throw e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        java.io.PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ArrayNode arr = SessionJson.mapper().createArrayNode();
            for (Measured m : results) {
                arr.add(toJson(m));
            }
            out.println(SessionJson.mapper().writeValueAsString(arr));
        } else {
            for (Measured m : results) {
                LoudnessResult r = m.r();
                out.printf("%s: %s LUFS integrated, LRA %s LU, momentary max %s, short-term max %s, sample peak %s dBFS,"
                        + " true peak %s dBTP%n", m.file(), fmt(r.integratedLufs()), fmt(r.loudnessRangeLu()),
                        fmt(r.momentaryMaxLufs()), fmt(r.shortTermMaxLufs()), fmt(r.samplePeakDbfs()), fmt(r.truePeakDbtp()));
            }
        }
        return 0;
    }

    static String fmt(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "-inf" : String.format("%.1f", v);
    }

    static ObjectNode toJson(Measured m) {
        ObjectNode o = SessionJson.mapper().createObjectNode();
        o.put("file", m.file().toString());
        o.put("sampleRate", m.rate());
        o.put("channels", m.channels());
        putResult(o, m.r());
        return o;
    }

    /** The loudness fields of CLI.md ({@code null} below the gate / for silence). */
    static void putResult(ObjectNode o, LoudnessResult r) {
        o.put("durationSeconds", r.durationSeconds());
        num(o, "integratedLufs", r.integratedLufs());
        num(o, "loudnessRangeLu", r.loudnessRangeLu());
        num(o, "momentaryMaxLufs", r.momentaryMaxLufs());
        num(o, "shortTermMaxLufs", r.shortTermMaxLufs());
        num(o, "samplePeakDbfs", r.samplePeakDbfs());
        num(o, "truePeakDbtp", r.truePeakDbtp());
    }

    static void num(ObjectNode o, String k, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            o.putNull(k);
        } else {
            o.put(k, Math.round(v * 1000) / 1000.0);
        }
    }
}
