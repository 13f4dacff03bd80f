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
                            ProcessorFactory processors, long startSample, long endSample,
                            java.util.function.Predicate<String> stemFilter) {
    public RenderRequest {
        stems = Set.copyOf(stems);
    }

    public RenderRequest(Path outDir, Set<StemKind> stems, WavWriter.Encoding encoding, int sampleRate,
                         ProcessorFactory processors, long startSample, long endSample) {
        this(outDir, stems, encoding, sampleRate, processors, startSample, endSample, null);
    }

    /**
     * Only the track and bus stems the filter accepts are written (it is asked "track:NAME" and "bus:NAME");
     * the master stem follows {@link #stems} alone. A null filter writes every requested stem.
     */
    public RenderRequest withStemFilter(java.util.function.Predicate<String> f) {
        return new RenderRequest(outDir, stems, encoding, sampleRate, processors, startSample, endSample, f);
    }

    boolean writes(String kind, String name) {
        return stemFilter == null || stemFilter.test(kind + ":" + name);
    }

    public static RenderRequest all(Path outDir, WavWriter.Encoding enc) {
        return new RenderRequest(outDir, Set.of(StemKind.TRACKS, StemKind.GROUPS, StemKind.MASTER), enc, 0, null, 0, 0);
    }

    public RenderRequest withProcessors(ProcessorFactory f) {
        return new RenderRequest(outDir, stems, encoding, sampleRate, f, startSample, endSample, stemFilter);
    }

    public RenderRequest withStems(Set<StemKind> s) {
        return new RenderRequest(outDir, s, encoding, sampleRate, processors, startSample, endSample, stemFilter);
    }
}
