package topdown.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import topdown.analysis.Loudness;
import topdown.analysis.LoudnessResult;
import topdown.audio.io.WavWriter;
import topdown.format.ReadResult;
import topdown.format.SessionFormats;
import topdown.render.RenderRequest;
import topdown.render.RenderResult;
import topdown.render.SessionRenderer;
import topdown.report.Progress;
import topdown.report.SessionAnalyzer;

@Command(name = "bench", hidden = true, mixinStandardHelpOptions = true,
        description = "Measurements for docs/benchmarks.md: 'bench render SESSION' renders all stems (24-bit) and reports"
                + " wall time, x-realtime and peak heap; 'bench loudness FILE...' measures files in process, best of N runs.")
final class BenchCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "WHAT", description = "render | loudness")
    String what;

    @Parameters(index = "1..*", paramLabel = "INPUT")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--runs", defaultValue = "3")
    int runs;

    @Option(names = "--stems", defaultValue = "tracks,groups,master")
    String stems;

    @Option(names = "--one-thread", description = "loudness: measure each file on the calling thread only (as the"
            + " batch command does per file) instead of running the true peak on a second thread")
    boolean oneThread;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /**
     * The largest heap in use right after a garbage collection since the program started (the live set,
     * with what a young collection promotes), in MiB: what the work keeps, where {@link #peakHeapMb} also
     * counts garbage not yet collected (which grows with the allocation rate, not with the session).
     */
    static final class LiveHeap {
        private static volatile long max;

        static void watch() {
            for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof javax.management.NotificationEmitter) {
                    ((javax.management.NotificationEmitter) gc).addNotificationListener((n, h) -> {
                        if (!com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
                                .equals(n.getType())) {
                            return;
                        }
                        com.sun.management.GarbageCollectionNotificationInfo info =
                                com.sun.management.GarbageCollectionNotificationInfo.from(
                                        (javax.management.openmbean.CompositeData) n.getUserData());
                        long used = 0;
                        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                            java.lang.management.MemoryUsage u = info.getGcInfo().getMemoryUsageAfterGc().get(p.getName());
                            if (p.getType() == MemoryType.HEAP && u != null) {
                                used += u.getUsed();
                            }
                        }
                        synchronized (LiveHeap.class) {
                            max = Math.max(max, used);
                        }
                    }, null, null);
                }
            }
        }

        static double mb() {
            return max / (double) (1 << 20);
        }
    }

    static double peakHeapMb() {
        double sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum / (1 << 20);
    }

    @Override
    public Integer call() throws Exception {
        java.io.PrintWriter o = spec.commandLine().getOut();
        if (what.equals("render")) {
            LiveHeap.watch();
            ReadResult r = SessionFormats.read(inputs.get(0));
            double best = Double.MAX_VALUE;
            RenderResult res = null;
            StringBuilder each = new StringBuilder();
            // the runs to come after the first (each render announces its own)
            topdown.audio.io.Simd.expect((runs - 1) * SessionRenderer.samplesToProcess(r.session(),
                    RenderRequest.all(Path.of("."), WavWriter.Encoding.PCM24).withStems(topdown.render.StemKind.parse(stems))));
            for (int i = 0; i < runs; i++) {
                Path out = Files.createTempDirectory("topdown-bench-");
                long t0 = System.nanoTime();
                res = SessionRenderer.render(r, RenderRequest.all(out, WavWriter.Encoding.PCM24)
                        .withStems(topdown.render.StemKind.parse(stems)), Progress.NONE);
                double t = (System.nanoTime() - t0) / 1e9;
                best = Math.min(best, t);
                each.append(each.length() == 0 ? "" : " ").append(String.format(java.util.Locale.ROOT, "%.2f", t));
                SessionAnalyzer.deleteTree(out);
            }
            double secs = res.frames() / (double) res.sampleRate();
            o.printf("render: %d tracks, %d buses, %.1f s of audio -> %d stems in %.2f s (best of %d) = %.0fx realtime;"
                    + " peak heap %.0f MiB, live after GC at most %.0f MiB (max %d MiB)%n", r.session().tracks().size(),
                    r.session().buses().size(), secs,
                    res.tracks().size() + res.buses().size() + 1, best, runs, secs / best, peakHeapMb(), LiveHeap.mb(),
                    Runtime.getRuntime().maxMemory() >> 20);
            o.printf("render: each run (s): %s%n", each);
            return 0;
        }
        if (what.equals("loudness")) {
            double best = Double.MAX_VALUE;
            LoudnessResult last = null;
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                for (Path p : inputs) {
                    if (oneThread) {
                        try (topdown.audio.io.AudioSource a = topdown.audio.io.AudioFiles.open(p)) {
                            last = Loudness.measure(a);
                        }
                    } else {
                        last = Loudness.measure(p);
                    }
                }
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            }
            o.printf("loudness (in process, files one after another, %s): %d file(s) in %.3f s (best of %d); last: I %.2f"
                    + " LUFS, LRA %.2f LU, TP %.2f dBTP%n", oneThread ? "one thread" : "true peak on a second thread",
                    inputs.size(), best, runs, last.integratedLufs(), last.loudnessRangeLu(),
                    last.truePeakDbtp());
            return 0;
        }
        throw new IllegalArgumentException("usage: bench render SESSION | bench loudness FILE...");
    }
}
