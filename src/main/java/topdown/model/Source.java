package topdown.model;

import java.util.Objects;

/**
 * An audio (or MIDI) file a clip plays. {@code path} is as the session wrote it; {@code resolved} is
 * where TopDown found it (relative to the session folder where possible, else absolute; or a
 * format-specific locator such as {@code zip:audio/kick.wav} for embedded audio), or null when missing.
 * Technical fields are 0 / "" when unknown (missing media).
 */
public record Source(String id, String path, String resolved, int channels, int sampleRate,
                     long lengthFrames, String format, boolean found, boolean embedded) {
    public Source {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(path, "path");
        format = format == null ? "" : format;
    }

    public static Source missing(String id, String path) {
        return new Source(id, path, null, 0, 0, 0, "", false, false);
    }
}
