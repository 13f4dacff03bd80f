package topdown.format;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import topdown.model.Session;

/**
 * One session format: detection, reading into the neutral model, and writing (patching the native
 * document when {@code original} is of this format, generating from the model otherwise).
 */
public interface SessionFormat {
    /** Short id used in JSON ("ardour", "reaper", "aaf", "dawproject", "topdown"). */
    String id();

    /** Lower-case file name endings this format claims (".ardour", ".rpp", …). */
    List<String> extensions();

    /** True when the first bytes look like this format (extension already matched or unknown). */
    boolean detect(Path file, byte[] head);

    ReadResult read(Path file) throws IOException;

    default boolean canWrite() {
        return false;
    }

    /**
     * Writes {@code session} to {@code out} atomically, never touching {@code original.file()}.
     * When {@code original} was read by this format, only changed values are patched into its native
     * document; otherwise the file is generated from the model. Returns the path written.
     */
    default Path write(ReadResult original, Session session, Path out) throws IOException {
        throw new UnsupportedSessionException(id() + " sessions cannot be written yet");
    }

    /**
     * True when {@link #write} turns this TopDown processor ({@link topdown.model.Insert#topdownProcessor()}) into a
     * native plugin of this format; false means it is only listed in {@link #losses}.
     */
    default boolean writesProcessor(topdown.model.Insert insert, int channels) {
        return false;
    }

    /** What this format cannot hold of {@code session} (for the loss report). */
    default List<Loss> losses(Session session) {
        return List.of();
    }
}
