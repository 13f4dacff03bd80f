package topdown.model;

import java.util.Objects;

/** One channel of a clip: which source and which channel inside that file (0-based). */
public record ClipChannel(Source source, int channel) {
    public ClipChannel {
        Objects.requireNonNull(source, "source");
        if (channel < 0) {
            throw new IllegalArgumentException("channel < 0");
        }
    }
}
