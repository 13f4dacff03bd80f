package topdown.render;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Files written by a render (keyed by track/bus name), inserts that were not run, length and rate. */
public record RenderResult(Map<String, Path> tracks, Map<String, Path> buses, Path master, List<String> skippedInserts,
                           long frames, int sampleRate) {
    public RenderResult {
        tracks = Map.copyOf(tracks);
        buses = Map.copyOf(buses);
        skippedInserts = List.copyOf(skippedInserts);
    }
}
