package topdown.format;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import topdown.model.Session;

/**
 * What a reader returns: the neutral session, the native document kept for same-format patching
 * (Ardour DOM, RPP tree, …; may be null), problems met, and how to open the session's audio.
 */
public record ReadResult(Path file, SessionFormat format, Session session, Object nativeDocument,
                         List<Problem> problems, MediaResolver media) {
    public ReadResult {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(session, "session");
        problems = List.copyOf(problems);
        media = media == null ? MediaResolver.files(file == null ? null : file.toAbsolutePath().getParent()) : media;
    }

    /** Folder the session's relative paths resolve against. */
    public Path folder() {
        return file == null ? Path.of(".") : file.toAbsolutePath().getParent();
    }
}
