package topdown.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import topdown.audio.io.AudioFiles;
import topdown.audio.io.AudioSource;
import topdown.audio.io.WavWriter;
import topdown.format.ReadResult;
import topdown.format.SessionFormats;
import topdown.render.RenderRequest;
import topdown.render.RenderResult;
import topdown.render.SessionRenderer;
import topdown.render.StemKind;
import topdown.report.Progress;
import topdown.report.SessionAnalyzer;

/** Proves a conversion: renders the source and the converted session and measures the null depth. */
final class Verify {
    private Verify() {
    }

    /** Peak of (converted − source) master renders in dBFS (−400 when identical). */
    static double nullDepthDb(ReadResult source, Path converted) throws IOException {
        Path scratch = Files.createTempDirectory("topdown-verify-");
        try {
            ReadResult conv = SessionFormats.read(converted);
            RenderResult a = SessionRenderer.render(source, new RenderRequest(scratch.resolve("a"), Set.of(StemKind.MASTER),
                    WavWriter.Encoding.FLOAT32, 0, null, 0, 0), Progress.stderr());
            RenderResult b = SessionRenderer.render(conv, new RenderRequest(scratch.resolve("b"), Set.of(StemKind.MASTER),
                    WavWriter.Encoding.FLOAT32, 0, null, 0, 0), Progress.stderr());
            return nullDepth(a.master(), b.master());
        } finally {
            SessionAnalyzer.deleteTree(scratch);
        }
    }

    static double nullDepth(Path x, Path y) throws IOException {
        try (AudioSource a = AudioFiles.open(x); AudioSource b = AudioFiles.open(y)) {
            int ch = Math.max(a.channels(), b.channels());
            float[][] ba = new float[a.channels()][8192];
            float[][] bb = new float[b.channels()][8192];
            double peak = 0;
            long n = Math.max(a.frames(), b.frames());
            for (long done = 0; done < n; ) {
                int k = (int) Math.min(8192, n - done);
                for (float[] c : ba) {
                    java.util.Arrays.fill(c, 0f);
                }
                for (float[] c : bb) {
                    java.util.Arrays.fill(c, 0f);
                }
                a.read(ba, 0, k);
                b.read(bb, 0, k);
                for (int c = 0; c < ch; c++) {
                    float[] u = ba[Math.min(c, ba.length - 1)];
                    float[] v = bb[Math.min(c, bb.length - 1)];
                    for (int i = 0; i < k; i++) {
                        peak = Math.max(peak, Math.abs(u[i] - v[i]));
                    }
                }
                done += k;
            }
            return peak == 0 ? -400 : 20 * Math.log10(peak);
        }
    }
}
