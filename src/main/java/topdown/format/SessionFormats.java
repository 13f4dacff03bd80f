package topdown.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The registry of session formats, choosing by file name ending and then by content. */
public final class SessionFormats {
    private static final List<SessionFormat> FORMATS = new ArrayList<>();

    static {
        // One line per format; keep in this order (most specific endings first).
        register(new topdown.format.topdown.TopDownJsonFormat());
        register(new topdown.format.aaf.AafFormat());
        register(new topdown.format.ardour.ArdourFormat());
        register(new topdown.format.reaper.ReaperFormat());
        register(new topdown.format.dawproject.DawprojectFormat());
    }

    private SessionFormats() {
    }

    public static synchronized void register(SessionFormat f) {
        FORMATS.add(f);
    }

    public static synchronized List<SessionFormat> all() {
        return List.copyOf(FORMATS);
    }

    public static Optional<SessionFormat> byId(String id) {
        return all().stream().filter(f -> f.id().equals(id)).findFirst();
    }

    public static Optional<SessionFormat> forName(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        SessionFormat best = null;
        int bestLen = -1;
        for (SessionFormat f : all()) {
            for (String ext : f.extensions()) {
                if (n.endsWith(ext) && ext.length() > bestLen) {
                    best = f;
                    bestLen = ext.length();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** Chooses the format for an existing file: by name, else by content. */
    public static SessionFormat forFile(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such session file");
        }
        Optional<SessionFormat> byName = forName(file);
        if (byName.isPresent()) {
            return byName.get();
        }
        byte[] head = new byte[4096];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        byte[] h = java.util.Arrays.copyOf(head, n);
        for (SessionFormat f : all()) {
            if (f.detect(file, h)) {
                return f;
            }
        }
        throw new UnsupportedSessionException(file.getFileName()
                + ": not a session format TopDown knows (expected .ardour, .rpp, .aaf, .dawproject or .topdown.json)");
    }

    public static ReadResult read(Path file) throws IOException {
        return forFile(file).read(file);
    }
}
