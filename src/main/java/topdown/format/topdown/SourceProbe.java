package topdown.format.topdown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import topdown.audio.io.AudioFiles;
import topdown.audio.io.AudioSource;
import topdown.model.Source;

/** Builds a {@link Source} for a file path: found or missing, with its channels, rate and length. */
public final class SourceProbe {
    private SourceProbe() {
    }

    /**
     * @param written the path as the session wrote it
     * @param absolute where it should be on disk
     * @param folder the session folder (the resolved path is made relative to it where possible)
     */
    public static Source probe(String id, String written, Path absolute, Path folder) {
        if (!Files.isRegularFile(absolute)) {
            return Source.missing(id, written);
        }
        String resolved = absolute.toString();
        if (folder != null) {
            try {
                Path rel = folder.toAbsolutePath().normalize().relativize(absolute.toAbsolutePath().normalize());
                if (!rel.startsWith("..")) {
                    resolved = rel.toString();
                }
            } catch (IllegalArgumentException e) {
                resolved = absolute.toAbsolutePath().toString();
            }
        }
        try (AudioSource a = AudioFiles.open(absolute)) {
            return new Source(id, written, resolved, a.channels(), a.sampleRate(), a.frames(), a.codec(), true, false);
        } catch (IOException e) {
            // The file is there but cannot be decoded: found, but with unknown technical data.
            return new Source(id, written, resolved, 0, 0, 0, "undecodable: " + e.getMessage(), true, false);
        }
    }
}
