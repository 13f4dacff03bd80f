package topdown.format;

import java.io.IOException;
import topdown.audio.io.AudioFiles;
import topdown.audio.io.AudioSource;
import topdown.model.Source;

/**
 * Opens the audio behind a {@link Source}. Files on disk by default; formats with embedded audio
 * (AAF essence, DAWproject zip entries) supply their own.
 */
@FunctionalInterface
public interface MediaResolver {
    AudioSource open(Source source) throws IOException;

    /** Opens {@code source.resolved()} as a path (absolute, or relative to {@code base}). */
    static MediaResolver files(java.nio.file.Path base) {
        return source -> {
            if (!source.found() || source.resolved() == null) {
                throw new MissingMediaException(source.id(), java.util.List.of(source.path()));
            }
            java.nio.file.Path p = java.nio.file.Path.of(source.resolved());
            if (!p.isAbsolute() && base != null) {
                p = base.resolve(p);
            }
            return AudioFiles.open(p);
        };
    }
}
