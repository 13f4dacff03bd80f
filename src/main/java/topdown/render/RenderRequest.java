package topdown.render;

import java.nio.file.Path;
import java.util.Set;
import topdown.audio.io.WavWriter;

/**
 * What to render: stems into {@code outDir} (null: render without writing files, e.g. to measure),
 * the encoding, the sample rate (0 = session rate), TopDown's own processors (nullable) and the range
 * ({@code endSample} 0 = end of content).
 */
public record RenderRequest(Path outDir, Set<StemKind> stems, WavWriter.Encoding encoding, int sampleRate,
                            ProcessorFactory processors, long startSample, long endSample) {
    public RenderRequest {
        stems = Set.copyOf(stems);
    }

    public static RenderRequest all(Path outDir, WavWriter.Encoding enc) {
        return new RenderRequest(outDir, Set.of(StemKind.TRACKS, StemKind.GROUPS, StemKind.MASTER), enc, 0, null, 0, 0);
    }

    public RenderRequest withProcessors(ProcessorFactory f) {
        return new RenderRequest(outDir, stems, encoding, sampleRate, f, startSample, endSample);
    }

    public RenderRequest withStems(Set<StemKind> s) {
        return new RenderRequest(outDir, s, encoding, sampleRate, processors, startSample, endSample);
    }
}
