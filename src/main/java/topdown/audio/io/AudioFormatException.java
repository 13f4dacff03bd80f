package topdown.audio.io;

import java.io.IOException;
import java.nio.file.Path;

/** An audio file that cannot be decoded: message names the file, the place and the reason. */
public class AudioFormatException extends IOException {
    public AudioFormatException(Path file, long offset, String message) {
        super((file == null ? "<audio>" : file.getFileName().toString())
                + (offset >= 0 ? ": offset " + offset : "") + ": " + message);
    }

    public AudioFormatException(Path file, String message) {
        this(file, -1, message);
    }
}
